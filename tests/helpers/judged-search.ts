/**
 * The judged search set (tests/fixtures/search-judged): writes its listings and the two print ads, runs every query
 * through the search service and scores the results: reciprocal rank of the best-placed expected listing, top-1,
 * top-3, and whether every expected listing is within the query's `within`.
 */
import type { Knex } from 'knex';
import { parsePhone } from '../../src/components/phones/index.js';
import type { ListingGraphInput, PhoneInput } from '../../src/components/listings/index.js';
import type { SearchService } from '../../src/components/search/index.js';
import { printAdListings } from '../../src/demo/print-ads.js';
import { JUDGED_LISTINGS, type JudgedListing } from '../fixtures/search-judged/listings.js';
import { JUDGED_QUERIES, type JudgedQuery } from '../fixtures/search-judged/queries.js';

const phoneOf = (printed: string): PhoneInput => {
  const p = parsePhone(printed);
  if (!p) throw new Error(`bad fixture phone ${printed}`);
  return { ...p, label: null };
};

const WEEK = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, isClosed: false, opensAt: '10:00', closesAt: '20:00' }));

function inputOf(l: JudgedListing, categoryId: number | undefined, publishedAt: Date): ListingGraphInput {
  return {
    kind: l.kind ?? 'business',
    status: 'published',
    name: l.name,
    nameLatin: l.nameLatin ?? null,
    tagline: l.tagline ?? null,
    description: l.description ?? '',
    brands: l.brands ?? [],
    tags: l.tags ?? [],
    categoryIds: categoryId ? [categoryId] : [],
    publishedAt,
    phones: [],
    branches: [
      {
        sido: '광주광역시',
        sigungu: l.district,
        roadName: l.road,
        buildingNo: '12',
        detail: l.detail ?? null,
        hours: l.hours ? WEEK : [],
        phones: l.phones.map(phoneOf),
      },
    ],
    offers: (l.offers ?? []).map(([name, priceKrw]) => ({ name, priceKrw })),
    paymentAccounts: [],
  };
}

/** Writes the print ads first (the oldest ids, as in the demo data), then the judged listings in order, one transaction. */
export async function createJudgedListings(
  db: Knex,
  createListing: (input: ListingGraphInput, trx: Knex.Transaction) => Promise<number>,
  now: Date,
): Promise<void> {
  const rows = (await db('categories').select('id', 'slug', 'name_ko')) as Array<{ id: number; slug: string; name_ko: string }>;
  const bySlug = new Map(rows.map((r) => [r.slug, Number(r.id)]));
  const ads = printAdListings(new Map(rows.map((r) => [r.name_ko, Number(r.id)])), new Date(now.getTime() - 60 * 86_400_000));
  await db.transaction(async (trx) => {
    for (const ad of ads) await createListing(ad, trx);
    for (const [i, l] of JUDGED_LISTINGS.entries()) {
      await createListing(
        inputOf(l, l.category ? bySlug.get(l.category) : undefined, new Date(now.getTime() - (50 - i) * 86_400_000)),
        trx,
      );
    }
  });
}

export interface JudgedOutcome { query: JudgedQuery; names: string[]; rank: number | null; pass: boolean }

export interface JudgedScore { n: number; mrr: number; top1: number; top3: number; passed: number }

export async function runJudged(search: SearchService, queries = JUDGED_QUERIES): Promise<JudgedOutcome[]> {
  const out: JudgedOutcome[] = [];
  for (const query of queries) {
    const found = await search.search({ q: query.q, sort: 'relevance', page: 1, pageSize: 20 });
    const names = (found?.results ?? []).map((r) => r.name);
    const ranks = query.expect.map((e) => names.indexOf(e) + 1);
    const best = ranks.filter((r) => r > 0).sort((a, b) => a - b)[0] ?? null;
    out.push({ query, names, rank: best, pass: ranks.every((r) => r > 0 && r <= query.within) });
  }
  return out;
}

export function scoreJudged(outcomes: JudgedOutcome[]): JudgedScore {
  const n = outcomes.length;
  const sum = (f: (o: JudgedOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  return {
    n,
    mrr: sum((o) => (o.rank ? 1 / o.rank : 0)) / n,
    top1: sum((o) => (o.rank === 1 ? 1 : 0)) / n,
    top3: sum((o) => (o.rank !== null && o.rank <= 3 ? 1 : 0)) / n,
    passed: sum((o) => (o.pass ? 1 : 0)),
  };
}

/** The score per kind of query and overall, as table rows. */
export function judgedTable(outcomes: JudgedOutcome[]): string {
  const kinds = [...new Set(outcomes.map((o) => o.query.kind))];
  const row = (label: string, s: JudgedScore) =>
    `| ${label.padEnd(15)} | ${String(s.n).padStart(3)} | ${s.mrr.toFixed(3)} | ${(s.top1 * 100).toFixed(0).padStart(3)}% | ${(s.top3 * 100).toFixed(0).padStart(3)}% | ${String(s.passed).padStart(3)} |`;
  return [
    '| kind            |   n | MRR   | top-1 | top-3 | met |',
    '|-----------------|-----|-------|-------|-------|-----|',
    ...kinds.map((k) => row(k, scoreJudged(outcomes.filter((o) => o.query.kind === k)))),
    row('all', scoreJudged(outcomes)),
  ].join('\n');
}
