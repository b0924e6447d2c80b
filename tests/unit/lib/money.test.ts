import { describe, expect, it } from 'vitest';
import { formatWon, formatWonKorean, parseWon } from '../../../src/lib/money.js';

describe('parseWon', () => {
  it.each([
    ['6만', 60000], ['6만원', 60000], ['3만5천원', 35000], ['12,000원', 12000], ['45만원', 450000],
    ['1억2천만원', 120000000], ['60000', 60000], ['1억', 100000000], ['만원', 10000],
  ])('%s → %d', (text, won) => expect(parseWon(text)).toBe(won));

  it.each(['협의', '문의', '', '가격', '-5000'])('%s → no price', (text) => expect(parseWon(text)).toBeNull());
});

describe('formatWon', () => {
  it('60000 → 60,000원 in Korean, ₩60,000 in English', () => {
    expect(formatWon(60000)).toBe('60,000원');
    expect(formatWon(60000, 'en')).toBe('₩60,000');
  });
  it('Korean unit style: 6만원, 3만 5천원', () => {
    expect(formatWonKorean(60000)).toBe('6만원');
    expect(formatWonKorean(35000)).toBe('3만 5천원');
  });
});
