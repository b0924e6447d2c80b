/**
 * A fixed query set over fixed listings (tests/helpers/search-fixtures.ts): what each query returns, in order, with
 * its total and any "did you mean". One snapshot file for every engine, so SQLite and PostgreSQL must agree with it.
 * A change of behaviour shows up as a reviewed diff of the snapshot (vitest -u), never silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createSearchFixtures } from '../../helpers/search-fixtures.js';

const QUERIES = [
  // words, spacing, one syllable, brands
  '화환', '축하 화환', '축하화환', '꽃', '빵', '드론', 'dji', '카페', '약국', '세탁기', '서구 드론',
  // typos in short words, and one in a long word
  '화한', '화완', '드롱', '꼿', '봄날꽃짐',
  // Korean typed in English keyboard mode
  'zkvp', 'emfhs', 'ghkghks',
  // English trade words
  'cafe', 'cafes', 'pharmacy', 'bakery', 'florist', 'hair salon', 'drone', 'florists', 'barber',
  // 초성
  'ㄷㄹ', 'ㅋㅍ', 'ㅎㅎ',
  // phones: whole, end, first digits
  '062-371-1000', '3711000', '0109984', '010-9984', '109984', '062-350', '+82 10 9984', '0623501111', '062-9',
  '+82 (0)62 371', '82 10 9984', '+821099842000', '010.9984.2000',
  // digits that start no number: a word after all
  '2024',
];

describe.each(engines())('search snapshot over fixed listings (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now());
  });
  afterAll(async () => t.close());

  it('every query of the set gives what the snapshot holds', async () => {
    const out: Record<string, unknown> = {};
    for (const q of QUERIES) {
      const r = await t.services.search.search({ q, sort: 'relevance', page: 1, pageSize: 20 });
      out[q] = r
        ? {
            total: r.total,
            names: r.results.map((x) => x.name),
            ...(r.suggestion ? { suggestion: r.suggestion } : {}),
            ...(r.fuzzy ? { fuzzy: true } : {}),
            ...(r.searched ? { searched: r.searched } : {}),
          }
        : null;
    }
    for (const q of ['화', '드', '카페', 'hd', 'ㄷㄹ']) out[`suggest:${q}`] = (await t.services.search.suggest(q)).listings.map((l) => l.name);
    await expect(JSON.stringify(out, null, 1)).toMatchFileSnapshot('./__snapshots__/search-snapshot.json');
  });
});
