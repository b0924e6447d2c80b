import { describe, expect, it } from 'vitest';
import { pickJosa } from '../../../src/lib/korean-josa.js';
import { translate, registerMessages } from '../../../src/core/i18n.js';

describe('pickJosa: the particle after a shop name', () => {
  it.each([
    ['60플라워', '로'], // ends in a vowel
    ['서울', '로'], // ends in ㄹ: 로, not 으로
    ['꽃집', '으로'], // another final consonant
    ['골목3', '으로'], // 3 is read 삼
    ['카페 2', '로'], // 2 is read 이
    ['약국 7', '로'], // 7 is read 칠 (ㄹ)
    ['HDKorea', '로'], // a is read 에이
    ['PC방', '으로'],
    ['GS25', '로'], // 5 is read 오
    ['LG', '로'],
    ['CGV', '로'],
    ['BBQ', '로'],
    ['KTX', '로'],
    ['MAXIM', '으로'], // M is read 엠
    ['', '로'],
    ['★', '로'],
  ])('%s → %s', (name, particle) => {
    expect(pickJosa(name, '으로/로')).toBe(particle);
  });

  it('이/가 and 을/를 follow the final consonant too', () => {
    expect(pickJosa('꽃집', '이/가')).toBe('이');
    expect(pickJosa('60플라워', '이/가')).toBe('가');
    expect(pickJosa('꽃집', '을/를')).toBe('을');
    expect(pickJosa('HDKorea', '을/를')).toBe('를');
  });

  it('a message writes the particle with {name|으로/로}, never "(으)로"', () => {
    registerMessages({ ko: { 'test.josa.back': '{name|으로/로} 돌아가기' }, en: { 'test.josa.back': 'Back to {name}' } });
    expect(translate('ko', 'test.josa.back', { name: '꽃집' })).toBe('꽃집으로 돌아가기');
    expect(translate('ko', 'test.josa.back', { name: '60플라워' })).toBe('60플라워로 돌아가기');
  });
});

describe('English plurals in messages', () => {
  it('{count#call/calls} prints "1 call" and "2 calls"', () => {
    registerMessages({ ko: { 'test.plural': '전화 {count}번' }, en: { 'test.plural': '{count#call/calls}' } });
    expect(translate('en', 'test.plural', { count: 1 })).toBe('1 call');
    expect(translate('en', 'test.plural', { count: 2 })).toBe('2 calls');
    expect(translate('en', 'test.plural', { count: 0 })).toBe('0 calls');
    expect(translate('ko', 'test.plural', { count: 1 })).toBe('전화 1번');
  });
});
