import { describe, expect, it } from 'vitest';
import { countLinks, findBannedWords } from '../../../src/components/moderation/index.js';

describe('spam text checks (pure)', () => {
  it.each([
    ['http://a.com', 1], ['http://a.example http://b.example www.c.com d.xyz', 4], ['https://shop.kr/a?b=1 and www.x.com', 2],
    ['이메일 info@flower.kr', 1], ['가격 6.5만원, 3.5kg', 0], ['', 0],
  ])('%s → %i links', (text, n) => expect(countLinks([text])).toBe(n));

  it('banned words match across spaces and case, not inside unrelated text', () => {
    expect(findBannedWords(['당일 대 출 가능'], ['대출'])).toEqual(['대출']);
    expect(findBannedWords(['CASINO 이벤트'], ['casino'])).toEqual(['casino']);
    expect(findBannedWords(['꽃 배달 전문'], ['대출', '카지노'])).toEqual([]);
  });
});
