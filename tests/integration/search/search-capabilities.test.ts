/**
 * Issue 13's search capabilities, one explicit check each, on fixed listings (tests/helpers/search-fixtures.ts) and on
 * every engine: phone numbers from their first digits in every printed form (+82 included), one-jamo typos in 1–2
 * syllable words, Korean typed in English keyboard mode searched directly, English trade words, 초성 as a word.
 * The snapshot test holds the full answers; this file says what of them a resident relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createSearchFixtures } from '../../helpers/search-fixtures.js';

describe.each(engines())('search capabilities of issue 13 (%s)', (engine) => {
  let t: TestApp;
  const search = (q: string) => t.services.search.search({ q, sort: 'relevance', page: 1, pageSize: 20 });
  const names = async (q: string) => ((await search(q))?.results ?? []).map((r) => r.name);

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now());
  });
  afterAll(async () => t.close());

  describe('phone numbers from their first digits', () => {
    it.each([
      '0623711', '062-371', '062 371 1', '62371', '+82 62 371', '+82 (0)62 371', '+82-62-371', '82 62 371', '+82623711',
    ])('%s → 봄날꽃집 (062-371-1000)', async (q) => {
      expect(await names(q)).toEqual(['봄날꽃집']);
    });
    it.each(['+82 10 9984', '+82 (0)10 9984', '82 10 9984', '+8210-9984', '109984'])('%s → both numbers starting 010-9984', async (q) => {
      expect((await names(q)).sort()).toEqual(['사랑화원', '헤어살롱 민']);
    });
    it.each(['+82 10 9984 2000', '+82-10-9984-2000', '+821099842000', '010.9984.2000'])(
      'a whole number %s ranks its listing first',
      async (q) => {
        expect((await names(q))[0]).toBe('사랑화원');
      },
    );
    it('three digits are too few to be a phone query: 062 finds no listing by its number', async () => {
      expect(await names('062')).toEqual([]);
    });
  });

  describe('one-jamo typos in short words', () => {
    it.each([['화한', '화환'], ['화완', '화환']])('%s (two syllables) → the 화환 shops, marked as corrected to %s', async (q, meant) => {
      const r = await search(q);
      expect(r).toMatchObject({ suggestion: meant, fuzzy: true });
      expect(r!.results.map((x) => x.name).sort()).toEqual(['봄날꽃집', '사랑화원']);
    });
    it('드롱 → the drone shops first, corrected to 드론', async () => {
      const r = await search('드롱');
      expect(r).toMatchObject({ suggestion: '드론', fuzzy: true });
      expect(r!.results.slice(0, 2).map((x) => x.name).sort()).toEqual(['스카이영상', '하늘드론']);
    });
    it('a one-syllable slip (꼿) is only offered as a suggestion, never flooded with fuzzy results', async () => {
      const r = await search('꼿');
      expect(r).toMatchObject({ total: 0, suggestion: '꽃' });
      expect(r!.results).toEqual([]);
    });
    it('a word that exists is never corrected: 화환 has no suggestion', async () => {
      const r = await search('화환');
      expect(r!.suggestion ?? null).toBeNull();
      expect(r!.fuzzy ?? false).toBe(false);
    });
  });

  describe('Korean typed in English keyboard mode', () => {
    it.each([
      ['zkvp', '카페', '카페 봄'],
      ['emfhs', '드론', '하늘드론'],
      ['ghkghks', '화환', '봄날꽃집'],
    ])('%s → the results for %s directly (%s first)', async (q, searched, first) => {
      const r = await search(q);
      expect(r).toMatchObject({ searched });
      expect(r!.results[0].name).toBe(first);
    });
    it('an English word with matches of its own is searched as typed: drone is not read as Hangul', async () => {
      const r = await search('drone');
      expect(r!.searched ?? null).toBeNull();
      expect(r!.results.map((x) => x.name).sort()).toEqual(['스카이영상', '하늘드론']);
    });
  });

  describe('English words for Korean trades', () => {
    it.each([
      ['pharmacy', ['온누리약국']], ['florist', ['봄날꽃집', '사랑화원']], ['hair salon', ['헤어살롱 민']], ['bakery', ['빵굽는집', '카페 봄']],
    ])('%s → the listings of that trade', async (q, expected) => {
      expect((await names(q)).slice(0, expected.length).sort()).toEqual([...expected].sort());
    });
    it('cafe: the cafés come before a restaurant whose description mentions a 카페', async () => {
      const found = await names('cafes');
      expect(found.slice(0, 2).sort()).toEqual(['빵굽는집', '카페 봄']);
      expect(found.indexOf('수완한정식')).toBeGreaterThan(1);
    });
  });

  describe('초성 as a word', () => {
    it('ㄷㄹ → 드론 shops (the word 드론 in a name or category) before names where ㄷ and ㄹ meet by accident', async () => {
      const found = await names('ㄷㄹ');
      expect(found.slice(0, 2).sort()).toEqual(['스카이영상', '하늘드론']);
      expect(found.indexOf('모두랑분식')).toBeGreaterThan(1);
    });
    it('ㅋㅍ → the cafés first', async () => {
      expect((await names('ㅋㅍ')).slice(0, 2).sort()).toEqual(['빵굽는집', '카페 봄']);
    });
  });
});
