/**
 * No public GET answers 5xx, whatever its query string: a few hundred generated queries and parameter combinations
 * against /search and /api/search, then the other public pages that read input (category and district pages, suggest,
 * reviews pages, feeds, sitemaps). A failure names every input that got a 5xx. Generated with a fixed seed, so a run is
 * reproducible; the search service's answer is also the same with spaces around the query.
 */
import fc from 'fast-check';
import request from 'supertest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { createTestDb, engines } from '../../helpers/test-db.js';
import { fixedClock } from '../../../src/lib/clock.js';

const SEED = 3333;

const chars = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const stringOf = (unit: fc.Arbitrary<string>, maxLength = 30) => fc.array(unit, { maxLength }).map((a) => a.join(''));
const englishWords = fc
  .array(fc.constantFrom('animal', 'hospital', 'job', 'chicken', 'repair', 'cafe', 'drone', 'flower', 'zkvp', 'Wprhk', 'dji', 'HDKorea'), {
    minLength: 1,
    maxLength: 3,
  })
  .map((w) => w.join(' '));

/** Values as they appear in a URL: well-formed text (encoded here) or raw, possibly broken, percent-encoding. */
type Value = { text: string } | { raw: string };
const text = (a: fc.Arbitrary<string>): fc.Arbitrary<Value> => a.filter((s) => s.isWellFormed()).map((s) => ({ text: s }));
const raw = (...values: string[]): fc.Arbitrary<Value> => fc.constantFrom(...values).map((s) => ({ raw: s }));

const queryText = fc.oneof(
  text(englishWords),
  text(fc.string({ unit: 'grapheme', maxLength: 40 })),
  text(stringOf(chars(0xac00, 0xd7a3))),
  text(stringOf(chars(0x3131, 0x318e))),
  text(
    stringOf(
      fc.oneof(
        chars(0xac00, 0xd7a3),
        chars(0x1100, 0x11ff),
        fc.constantFrom('a', 'Z', '0', '9', ' ', '-', '+', '원', '만', '₩', '%', '"', '<', "'", '\\'),
      ),
    ),
  ),
  text(
    fc.constantFrom(
      '',
      ' ',
      '010-9984-0151',
      '+82 62 522 2000',
      '0625',
      '1e309',
      '-1',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      'ㄷㄹ',
      '화한',
      '꽃배딜',
    ),
  ),
  text(fc.string({ unit: 'grapheme-ascii', minLength: 150, maxLength: 400 })),
  raw('%', '%E', '%ED%A0%80', '%FF%FE', '%00', '%0D%0Aset-cookie:x', '%C0%AF'),
);
const number = fc.oneof(
  text(
    fc.constantFrom(
      '1',
      '2',
      '0',
      '-1',
      '1000',
      '1001',
      '99999999999999999999',
      '1e309',
      'NaN',
      'Infinity',
      '1.5',
      '0x10',
      ' 3',
      'abc',
      '',
    ),
  ),
  text(fc.double().map(String)),
);
const latLng = fc.oneof(
  text(fc.constantFrom('35.15', '126.85', '0', '-91', '181', 'NaN', '1e309', '35.1.1', '')),
  text(fc.double({ min: -200, max: 200 }).map(String)),
);

/** One parameter (sometimes repeated, or sent as an array or object) or none. */
function param(name: string, value: fc.Arbitrary<Value>): fc.Arbitrary<Array<[string, Value]>> {
  return fc.oneof(
    { weight: 3, arbitrary: value.map((v) => [[name, v]] as Array<[string, Value]>) },
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => [[name, a], [name, b]] as Array<[string, Value]>) },
    { weight: 1, arbitrary: value.map((v) => [[`${name}[]`, v]] as Array<[string, Value]>) },
    { weight: 1, arbitrary: value.map((v) => [[`${name}[__proto__]`, v]] as Array<[string, Value]>) },
  );
}

function queryString(pairs: Array<[string, Value]>): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${'text' in v ? encodeURIComponent(v.text) : v.raw}`).join('&');
}

function searchQueries(slugs: string[], count: number): string[] {
  const combo = fc.tuple(
    param('q', queryText),
    param('category', fc.oneof(text(fc.constantFrom(...slugs)), text(fc.constantFrom('nope', 'A', '../x', '')), queryText)),
    param('district', fc.oneof(text(fc.constantFrom('동구', '서구', '남구', '북구', '광산구')), queryText)),
    param('sort', fc.oneof(text(fc.constantFrom('relevance', 'newest', 'name', 'near', 'password_hash')), queryText)),
    param('page', number),
    param('lat', latLng),
    param('lng', latLng),
    param('radius', number),
    param('area', fc.oneof(text(fc.constantFrom('gwangsan', '동구', 'seo-gu', 'chungjang')), queryText)),
    param('lang', text(fc.constantFrom('ko', 'en', 'fr', ''))),
    param('kind', text(fc.constantFrom('business', 'classified', 'x'))),
    param('open', text(fc.constantFrom('now', '1'))),
    param('literal', text(fc.constantFrom('1', '0'))),
  ).map((parts) => queryString(parts.flat()));
  return fc.sample(combo, { numRuns: count, seed: SEED });
}

/** Requests each path; returns those that answered 5xx, with their status. */
async function fiveHundreds(app: TestApp['app'], paths: string[]): Promise<string[]> {
  const failed: string[] = [];
  for (const path of paths) {
    const res = await request(app).get(path);
    if (res.status >= 500) failed.push(`${res.status} GET ${path}`);
  }
  return failed;
}

describe.each(engines())('public GET inputs never answer 5xx on %s', (engine) => {
  let t: TestApp;
  let slugs: string[];
  let listingId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true, env: { RATE_LIMIT_ENABLED: 'false' } });
    slugs = (await t.db('categories').select('slug')).map((r) => String(r.slug));
    listingId = await listingIdByName(t, 'HDKorea');
  });
  afterAll(async () => t.close());

  it('the reported English queries answer 200 and are searched as English words', async () => {
    for (const q of ['animal hospital', 'hospital job']) {
      const page = await request(t.app).get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.status, q).toBe(200);
      expect(page.text).toContain(`value="${q}"`);
      const api = await request(t.app).get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(api.status, q).toBe(200);
      expect(api.body.query).toBe(q);
      expect(api.body.searched).toBeUndefined();
    }
    // Korean typed in English keyboard mode is still read as Korean.
    expect((await request(t.app).get('/api/search?q=zkvp').expect(200)).body.searched).toBe('카페');
  });

  it('/search and /api/search: 300 generated parameter combinations, no 5xx', async () => {
    const queries = searchQueries(slugs, 300);
    const failed = await fiveHundreds(t.app, queries.flatMap((q) => [`/search?${q}`, `/api/search?${q}`]));
    expect(failed, failed.join('\n')).toEqual([]);
  });

  it('category and district pages, suggest, reviews pages, feeds and sitemaps: no 5xx', async () => {
    const qs = searchQueries(slugs, 60);
    const segments = fc.sample(fc.oneof(
      fc.constantFrom(...slugs, '동구', '광산구', 'nope'),
      fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => s.length > 0).map(encodeURIComponent),
      fc.constantFrom('%', '%ED%A0%80', '%FF', '..%2f..%2fetc', '%00', 'a%2Fb', '1e309', '-1', '0'),
    ), { numRuns: 60, seed: SEED });
    const paths = qs.flatMap((q, i) => [
      `/categories/${segments[i]}?${q}`,
      `/categories/${slugs[i % slugs.length]}?${q}`,
      `/districts/${segments[i]}?${q}`,
      `/districts/${encodeURIComponent('북구')}?${q}`,
      `/api/suggest?${q}`,
      `/listings/${listingId}/reviews?${q}`,
      `/listings/${segments[i]}/reviews?${q}`,
      `/feeds/categories/${segments[i]}.atom?${q}`,
      `/feeds/listings.atom?${q}`,
      `/sitemaps/listings-${segments[i]}.xml`,
      `/?${q}`,
    ]);
    const failed = await fiveHundreds(t.app, [
      ...paths,
      '/sitemap.xml',
      '/sitemaps/pages.xml',
      '/robots.txt',
      '/api/categories',
      '/api/openapi.json',
    ]);
    expect(failed, failed.join('\n')).toEqual([]);
  });

  it('the search service answers the same with spaces around the query', async () => {
    const search = t.services.search;
    const outcome = async (q: string) => {
      const out = await search.search({ q, sort: 'relevance', page: 1, pageSize: 20 });
      return (
        out && { typed: out.typed, searched: out.searched, total: out.total, suggestion: out.suggestion, ids: out.results.map((r) => r.id) }
      );
    };
    const q = fc.oneof(
      englishWords,
      stringOf(chars(0xac00, 0xd7a3), 6),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('화환', '꽃 배달', 'zkvp', '0109984', 'ㄷㄹ'),
    );
    await fc.assert(fc.asyncProperty(q, async (s) => {
      expect(await outcome(` ${s} `)).toEqual(await outcome(s));
    }), { numRuns: 60, seed: SEED });
  });
});

describe('a failed search is logged by the shape of its query, never its text', () => {
  it('a 5xx from /search and /api/search logs len/hangul/latin counts, not the words', async () => {
    const testDb = await createTestDb('sqlite');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const { app, services, close } = createApp({
      config: testDb.config,
      db: testDb.db,
      logger: pino({ level: 'info' }, sink),
      clock: fixedClock('2026-11-24T02:00:00Z'),
    });
    try {
      services.search.search = async (p) => {
        throw new Error(`engine choked on ${p.q}`);
      };
      await request(app).get(`/search?q=${encodeURIComponent('비밀 secret 42')}`).expect(500);
      await request(app).get(`/api/search?q=${encodeURIComponent('비밀 secret 42')}`).expect(500);
      const log = lines.join('');
      const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request failed');
      expect(failures.map((l) => new URL(l.url, 'http://x').searchParams.get('q'))).toEqual(
        Array(2).fill('[len=12 hangul=2 jamo=0 latin=6 digit=2 space=2 other=0]'),
      );
      expect(log).not.toContain('secret');
      expect(log).not.toContain(encodeURIComponent('비밀'));
      expect(log).not.toContain('비밀');
    } finally {
      await close();
      await testDb.destroy();
    }
  });
});
