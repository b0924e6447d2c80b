/**
 * "The newest N matches" may be looked for among the newest listings first (PostgreSQL: recency tokens). Whatever the
 * hint says — exact, a few seconds stale, or ahead — totals and candidates are the same as without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';
import { findCandidates } from '../../../src/components/search/search-candidates.js';
import type { Clause } from '../../../src/components/search/dialects/match-expression.js';
import type { Needles } from '../../../src/components/search/dialects/candidate-plan.js';

const NOW = new Date('2026-11-24T02:00:00Z');
// 10,000 listings spread over ids 60…600,000 (147 4,096-id buckets), so PostgreSQL has both windows: the newest
// 16,384 ids hold 273 of them and 65,536 ids 1,092 — a word in every listing falls short in the first and fills the second.
const IDS = Array.from({ length: 10_000 }, (_, i) => (i + 1) * 60);

function doc(id: number) {
  const words = ['aa'];
  if (id < 20_000) words.push('bb'); // only in old listings: the newest window holds none
  if (id % 140 === 0) words.push('cc'); // everywhere, too few per window to fill one
  return {
    listing_id: id,
    name_t: words.join(' '),
    keywords_t: id % 3 === 0 ? 'dd' : '',
    body_t: 'ee',
    choseong_t: '',
    phones_t: '',
    facets_t: 'zzkbusiness',
    haystack: words.join(''),
    name_norm: `listing${id}`,
    districts: '',
    category_id: null,
    published_at: NOW,
    expires_at: null,
    featured_until: null,
  };
}

/** Needles of a query without words: the candidates' facts are computed, but only their ids are compared here. */
const NO_WORDS: Needles = {
  kind: 'text', compact: '', words: [], since: '2026-10-28', staleBefore: new Date('2025-11-24T00:00:00Z'), now: new Date('2026-11-24T00:00:00Z'),
};

describe.each(engines())('recency hint never changes results (%s)', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    for (let i = 0; i < IDS.length; i += 200) {
      const ids = IDS.slice(i, i + 200);
      await t
        .db('listings')
        .insert(
          ids.map((id) => ({
            id,
            kind: 'business',
            status: 'published',
            slug: `l${id}`,
            name: `l${id}`,
            description: '',
            brands: '',
            tags: '',
            created_at: NOW,
            updated_at: NOW,
          })),
        );
      await t.db('search_documents').insert(ids.map(doc));
    }
    // PostgreSQL asks a window only where its statistics expect enough matches: give it statistics.
    if (engine === 'pg') await t.db.raw('ANALYZE search_documents');
  }, 60_000);
  afterAll(async () => t.destroy());

  const run = async (clauses: Clause[], newestId: number | undefined, newest = false) => {
    const r = await findCandidates(
      t.db,
      clauses,
      200,
      NO_WORDS,
      { newest, newestId },
    );
    return { total: r.total, ids: r.candidates.map((c) => c.listingId).sort((a, b) => a - b) };
  };

  const cases: Array<[string, Clause[]]> = [
    ['frequent (the window fills)', [{ anyOf: ['aa'] }]],
    ['only in old listings (the window is empty)', [{ anyOf: ['bb'] }]],
    ['sparse (the window falls short)', [{ anyOf: ['cc'] }]],
    ['names and keywords', [{ anyOf: ['aa'], fields: ['name', 'keywords'] }]],
    ['keywords only', [{ anyOf: ['dd'], fields: ['name', 'keywords'] }]],
    ['a word and a filter', [{ anyOf: ['aa'] }, { anyOf: ['zzkbusiness'], fields: ['facets'] }]],
    ['names and keywords with a filter', [{ anyOf: ['aa'], fields: ['name', 'keywords'] }, { anyOf: ['zzkbusiness'], fields: ['facets'] }]],
  ];
  for (const [label, clauses] of cases) {
    it(label, async () => {
      const plain = await run(clauses, undefined);
      expect(plain.total).toBeGreaterThan(0);
      for (const hint of [600_000, 592_000, 620_000, 5_000]) expect(await run(clauses, hint), `hint ${hint}`).toEqual(plain);
      expect(await run(clauses, 600_000, true)).toEqual(await run(clauses, undefined, true));
    });
  }

  it('the frequent term is counted as "at least 1,001" and its candidates are the newest', async () => {
    const r = await run([{ anyOf: ['aa'] }], 600_000);
    expect(r.total).toBe(1001);
    expect(r.ids.slice(-1)[0]).toBe(600_000);
    expect(r.ids[0]).toBe(600_000 - 199 * 60);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('PostgreSQL connections for a web workload', () => {
  it('run without JIT (compiling took longer than the searches it would speed up); search rows are narrow and never scanned in parallel', async () => {
    const t = await createTestDb('pg');
    try {
      const { rows } = (await t.db.raw('SHOW jit')) as { rows: Array<{ jit: string }> };
      expect(rows[0].jit).toBe('off');
      const opts = (await t.db.raw("SELECT reloptions FROM pg_class WHERE oid = 'search_documents'::regclass")).rows[0]
        .reloptions as string[];
      expect(opts).toEqual(expect.arrayContaining(['toast_tuple_target=128', 'parallel_workers=0']));
    } finally {
      await t.destroy();
    }
  });
});

/**
 * PostgreSQL reads the name matches of a one-syllable word once, for the count and for "the newest in names"; when the
 * newest listings fill the count but hold fewer than 200 name matches, the older name matches must still come first.
 */
describe.each(engines())('newest in names when the recent window holds few of them (%s)', (engine) => {
  let t: TestDb;
  // 1,500 old listings (ids 20…30,000) and 1,999 recent ones (ids 40,010…60,000); hh is in every keyword list, in the
  // names of all old listings and of one recent listing in twenty.
  const OLD = Array.from({ length: 1500 }, (_, i) => (i + 1) * 20);
  const RECENT = Array.from({ length: 1999 }, (_, i) => 40_010 + i * 10);
  const inName = (id: number) => id <= 30_000 || id % 200 === 0;
  beforeAll(async () => {
    t = await createTestDb(engine);
    const ids = [...OLD, ...RECENT];
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await t
        .db('listings')
        .insert(
          chunk.map((id) => ({
            id,
            kind: 'business',
            status: 'published',
            slug: `l${id}`,
            name: `l${id}`,
            description: '',
            brands: '',
            tags: '',
            created_at: NOW,
            updated_at: NOW,
          })),
        );
      await t.db('search_documents').insert(chunk.map((id) => ({
        ...doc(id), name_t: inName(id) ? 'gg hh' : 'gg', keywords_t: 'hh', haystack: 'gghh',
      })));
    }
    if (engine === 'pg') await t.db.raw('ANALYZE search_documents');
  }, 60_000);
  afterAll(async () => t.destroy());

  it('the candidates are the 200 newest name matches, with the hint or without', async () => {
    const newestNames = [...OLD, ...RECENT].filter(inName).sort((a, b) => b - a).slice(0, 200).sort((a, b) => a - b);
    for (const clauses of [
      [{ anyOf: ['hh'], fields: ['name', 'keywords'] }],
      [
        { anyOf: ['hh'], fields: ['name', 'keywords'] },
        { anyOf: ['zzkbusiness'], fields: ['facets'] },
      ],
    ] as Clause[][]) {
      for (const hint of [60_000, undefined]) {
        const r = await findCandidates(
          t.db,
          clauses,
          200,
          NO_WORDS,
          { newestId: hint },
        );
        expect({ total: r.total, ids: r.candidates.map((c) => c.listingId).sort((a, b) => a - b) }, `hint ${hint}`).toEqual({
          total: 1001,
          ids: newestNames,
        });
      }
    }
  });
});
