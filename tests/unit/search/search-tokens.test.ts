import { describe, expect, it } from 'vitest';
import { choseongTokens, hangulGrams, parseQuery, phoneTokens, textTokens } from '../../../src/components/search/search-tokens.js';
import { phoneQueryDigits } from '../../../src/components/phones/index.js';
import { highlightHtml } from '../../../src/components/search/search.view-models.js';

const parse = (q: string) => parseQuery(q, phoneQueryDigits);

describe('search tokens', () => {
  it('축하화환 → syllables and overlapping pairs', () => {
    expect(hangulGrams('축하화환')).toEqual(['축', '하', '화', '환', '축하', '하화', '화환']);
  });
  it('mixed text: Hangul runs, lower-cased Latin words and digits, each separately', () => {
    expect(textTokens('DJI 드론 3단 HDKorea')).toEqual(['드', '론', '드론', '단', 'dji', '3', 'hdkorea']);
  });
  it('초성 suffixes: 금남로 → ㄱㄴㄹ ㄴㄹ ㄹ', () => {
    expect(choseongTokens('금남로')).toEqual(['ㄱㄴㄹ', 'ㄴㄹ', 'ㄹ']);
  });
  it('phone digit forms include the local part people remember', () => {
    expect(phoneTokens('0625222000')).toEqual(expect.arrayContaining(['0625222000', '625222000', '5222000']));
  });
});

describe('parseQuery', () => {
  it('축하 화환 and 축하화환 give the same tokens', () => {
    expect(parse('축하 화환').terms).toEqual(['축하', '화환']);
    expect(parse('축하화환').terms).toEqual(expect.arrayContaining(['축하', '화환']));
  });
  it('a 1-syllable query is a single-syllable term', () => {
    expect(parse('꽃')).toMatchObject({ terms: ['꽃'], singleSyllable: true });
  });
  it('a district word becomes a filter: 서구 드론', () => {
    expect(parse('서구 드론')).toMatchObject({ districts: ['서구'], terms: ['드론'] });
  });
  it('phone forms → national digits', () => {
    for (const q of ['062-522-2000', '0625222000', '+82 62 522 2000']) expect(parse(q).phoneDigits).toBe('0625222000');
    expect(parse('522-2000').phoneDigits).toBe('5222000');
  });
  it('bare consonants → a 초성 query', () => {
    expect(parse('ㄱㄴㄹ')).toMatchObject({ choseong: 'ㄱㄴㄹ', terms: [] });
  });
  it('FTS syntax is never a token: quotes, stars, colons, parentheses vanish; NEAR/OR are plain words', () => {
    const p = parse('"*:NEAR(OR) -화환');
    expect(p.terms).toEqual(['화환', 'near', 'or']);
  });
  it('over-long queries are cut to 100 characters', () => {
    expect(parse('가'.repeat(300)).text).toHaveLength(100);
  });
});

describe('highlightHtml', () => {
  it('marks matches and escapes everything else', () => {
    expect(highlightHtml('<b>축하화환</b>', ['화환'])).toBe('&lt;b&gt;축하<mark>화환</mark>&lt;/b&gt;');
  });
});
