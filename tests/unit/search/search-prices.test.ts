import { describe, expect, it } from 'vitest';
import { extractPriceWords } from '../../../src/components/search/search-prices.js';
import { parseQuery } from '../../../src/components/search/search-tokens.js';

describe('price words in a query', () => {
  it('a price is about that price (±10%), taken out of the words', () => {
    expect(extractPriceWords('화분 5만원')).toEqual({ rest: '화분', price: { min: 45000, max: 55000, text: '5만원' } });
    expect(extractPriceWords('커트 15,000원').price).toMatchObject({ min: 13500, max: 16500 });
    expect(extractPriceWords('3만5천원 꽃다발').price).toMatchObject({ min: 31500, max: 38500 });
  });

  it('대 is the range up to the next step; 이하, 미만, 이상, 초과 are bounds', () => {
    expect(extractPriceWords('3만원대 화분').price).toMatchObject({ min: 30000, max: 39999 });
    expect(extractPriceWords('10만원대').price).toMatchObject({ min: 100000, max: 199999 });
    expect(extractPriceWords('10만원 이하 이사')).toMatchObject({ rest: '이사', price: { min: 0, max: 100000 } });
    expect(extractPriceWords('5만원 미만').price).toMatchObject({ max: 49999 });
    expect(extractPriceWords('5만원 이상 화환').price).toMatchObject({ min: 50000, max: null });
    expect(extractPriceWords('5만원 초과').price).toMatchObject({ min: 50001, max: null });
  });

  it('numbers that are no price stay words: GS25, 아이폰 13, 2024, 30평', () => {
    for (const q of ['gs25', '아이폰 13', '2024', '30평 입주청소', '062-522-2000']) expect(extractPriceWords(q).price).toBeNull();
  });

  it('parseQuery keeps the words and the range; a price alone stays the text it is', () => {
    const p = parseQuery('화분 5만원', () => null);
    expect(p).toMatchObject({ text: '화분 5만원', words: ['화분'], compact: '화분', price: { min: 45000, max: 55000 } });
    expect(parseQuery('5만원', () => null).price).toBeNull();
  });

  it('odd input is no error', () => {
    for (const odd of ['', '원', '만원', '9'.repeat(40) + '만원', '0원 이하', undefined as unknown as string])
      expect(() => extractPriceWords(odd)).not.toThrow();
  });
});
