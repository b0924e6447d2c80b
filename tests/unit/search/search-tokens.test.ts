import { describe, expect, it } from 'vitest';
import {
  choseongTokens,
  choseongWords,
  hangulGrams,
  normaliseText,
  parseQuery,
  phoneTokens,
  textTokens,
} from '../../../src/components/search/search-tokens.js';
import { buildSearchDocument, staticQuality } from '../../../src/components/search/search-document.js';
import type { ListingGraph } from '../../../src/components/listings/index.js';
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

describe('normalising and 초성 words', () => {
  it('Latin accents are folded (Cafés → cafes); Hangul and compatibility jamo stay as they are', () => {
    expect(normaliseText('Cafés Crème')).toBe('cafes creme');
    expect(normaliseText('ㄷㄹ 드론')).toBe('ㄷㄹ 드론');
  });
  it('초성 of each word, space-wrapped, so whole words and word starts can be told apart', () => {
    expect(choseongWords('하늘드론 드론·카메라')).toBe(' ㅎㄴㄷㄹ ㄷㄹ ㅋㅁㄹ ');
  });
});

describe('search document sections and quality', () => {
  const graph = (over: Partial<ListingGraph> = {}): ListingGraph =>
    ({
      id: 1,
      kind: 'business',
      status: 'published',
      slug: 'x',
      name: '하늘드론',
      nameLatin: null,
      legalName: null,
      tagline: '항공 촬영',
      description: '카페 옆 드론 가게',
      serviceArea: null,
      deliveryNote: null,
      website: null,
      email: null,
      businessRegNo: null,
      origin: null,
      brands: ['DJI'],
      tags: [],
      ownerId: null,
      primaryCategoryId: 2,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      publishedAt: new Date(0),
      expiresAt: null,
      featuredUntil: null,
      lastConfirmedAt: null,
      closedAt: null,
      deletedAt: null,
      moderationNote: null,
      categories: [{ id: 2 }] as ListingGraph['categories'],
      phones: [],
      branches: [],
      offers: [],
      paymentAccounts: [],
      media: [],
      ...over,
    }) as ListingGraph;
  const cats = new Map([
    [1, { id: 1, parentId: null, nameKo: '쇼핑·판매', nameEn: 'Shopping', synonyms: ['가게'] }],
    [2, { id: 2, parentId: 1, nameKo: '드론·카메라', nameEn: 'Drones', synonyms: ['짐벌'] }],
  ]);

  it('haystack = names | own words | offers | places | description | own categories | parent categories, with where each starts', () => {
    const d = buildSearchDocument(
      graph({
        offers: [{ name: '드론 촬영', priceKrw: 300000, priceNote: null }] as ListingGraph['offers'],
        branches: [
          { name: null, sido: '광주광역시', sigungu: '서구', roadName: '군분2로', buildingNo: '54', detail: null, phones: [], hours: [] },
        ] as unknown as ListingGraph['branches'],
      }),
      cats,
    );
    expect(d.haystack).toBe('하늘드론|dji항공촬영|드론촬영300000|광주광역시서구군분2로54|카페옆드론가게|드론·카메라drones짐벌|쇼핑·판매shopping가게');
    const from = (at: number) => [...d.haystack].slice(at - 1).join('');
    expect(from(d.tradeAt).startsWith('dji')).toBe(true);
    expect(from(d.kwAt).startsWith('드론촬영')).toBe(true);
    expect(from(d.placeAt).startsWith('광주광역시')).toBe(true);
    expect(from(d.bodyAt).startsWith('카페옆')).toBe(true);
    expect(from(d.categoryAt).startsWith('드론·카메라')).toBe(true);
    expect(from(d.moreAt)).toBe('쇼핑·판매shopping가게');
    expect(d.choseongWords).toBe(' ㅎㄴㄷㄹ ㄷㄹ ㅋㅁㄹ ');
  });

  it('a mixed-script name carries its other spellings in the names: LG전자 → 엘지전자, 씨유 → cu', () => {
    expect(buildSearchDocument(graph({ name: 'LG전자 상무점' }), cats).haystack.split('|')[0]).toBe('lg전자상무점엘지전자상무점');
    expect(buildSearchDocument(graph({ name: '씨유 충장점' }), cats).nameT.split(' ')).toContain('cu');
  });

  it('quality: a point per fact a customer needs, two for a print-ad or verified origin', () => {
    expect(staticQuality(graph())).toBe(0);
    expect(staticQuality(graph({ origin: 'print_ad', offers: [{ priceKrw: 60000 }] as ListingGraph['offers'] }))).toBe(3);
    expect(staticQuality(graph({ offers: [{ priceKrw: null }] as ListingGraph['offers'], serviceArea: '전국 배송' }))).toBe(1);
    expect(staticQuality(graph({ origin: 'verified', media: [{}] as ListingGraph['media'] }))).toBe(3);
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
  it('the first 4+ digits of a number are a phone query too: 0109984, 010-9984, +82 10 9984, 062-522', () => {
    expect(parse('0109984').phoneDigits).toBe('0109984');
    expect(parse('010-9984').phoneDigits).toBe('0109984');
    expect(parse('+82 10 9984').phoneDigits).toBe('0109984');
    expect(parse('062-522').phoneDigits).toBe('062522');
    expect(parse('123').phoneDigits).toBeNull();
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
