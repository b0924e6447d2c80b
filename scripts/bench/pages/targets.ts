/**
 * What the bench loads: each target is a list of requests picked at random per request. Ids, categories and phones
 * are sampled from the database with a fixed seed, so two runs on the same database load the same pages.
 */
import type { Knex } from 'knex';
import { GWANGJU_DISTRICTS } from '../../../src/lib/korean-address.js';
import { SEARCHES } from '../search-mix.js';
import { seededRandom, type BenchRequest } from './load.js';

export interface Target {
  name: string;
  label: string;
  requests: BenchRequest[];
  okStatuses: number[];
}

export interface Sample {
  listingPaths: string[];
  /** Listing-level phones of sampled listings: what a call beacon names. */
  beacons: Array<{ listingId: number; phoneId: number }>;
  categorySlugs: string[];
  /** Categories with more than two pages of listings. */
  pagedCategorySlugs: string[];
}

const get = (path: string): BenchRequest => ({ method: 'GET', path });

function isLive(row: { status: string; expires_at: unknown }, now: Date): boolean {
  if (row.status !== 'published') return false;
  if (row.expires_at === null || row.expires_at === undefined) return true;
  const expires =
    row.expires_at instanceof Date
      ? row.expires_at
      : new Date(typeof row.expires_at === 'number' ? row.expires_at : String(row.expires_at));
  return expires > now;
}

/** Up to `size` public listings at seeded-random ids, their phones, and the categories that have listings. */
export async function sampleDatabase(db: Knex, size = 1000, seed = 11): Promise<Sample> {
  const now = new Date();
  const bounds = await db('listings').min({ lo: 'id' }).max({ hi: 'id' }).first();
  const lo = Number(bounds?.lo ?? 1);
  const hi = Number(bounds?.hi ?? 1);
  const random = seededRandom(seed);
  const wanted = [...new Set(Array.from({ length: size * 3 }, () => lo + Math.floor(random() * (hi - lo + 1))))];
  const rows: Array<{ id: number; slug: string; status: string; expires_at: unknown }> = [];
  for (let i = 0; i < wanted.length; i += 500)
    rows.push(
      ...(await db('listings')
        .whereIn('id', wanted.slice(i, i + 500))
        .select('id', 'slug', 'status', 'expires_at')),
    );
  const live = rows.filter((r) => isLive(r, now)).slice(0, size);
  if (live.length < 10) throw new Error(`only ${live.length} public listings found at sampled ids: is the database generated?`);
  const ids = live.map((r) => Number(r.id));
  const phones: Array<{ listing_id: number; id: number }> = [];
  for (let i = 0; i < ids.length; i += 500)
    phones.push(
      ...(await db('phones')
        .whereIn('listing_id', ids.slice(i, i + 500))
        .whereNull('branch_id')
        .select('listing_id', 'id')),
    );
  const counts: Array<{ slug: string; n: number | string }> = await db('categories as c')
    .join('listing_categories as lc', 'lc.category_id', 'c.id')
    .join('listings as l', 'l.id', 'lc.listing_id')
    .where('l.status', 'published')
    .groupBy('c.slug')
    .select('c.slug', db.raw('count(*) as n'));
  return {
    listingPaths: live.map((r) => `/listings/${r.id}-${encodeURIComponent(r.slug)}`),
    beacons: phones.map((p) => ({ listingId: Number(p.listing_id), phoneId: Number(p.id) })),
    categorySlugs: counts.map((c) => c.slug).sort(),
    pagedCategorySlugs: counts.filter((c) => Number(c.n) > 60).map((c) => c.slug).sort(),
  };
}

/** A phone browser's User-Agent: without one (wrk and autocannon send none) a beacon counts as a bot's and is not counted. */
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

/** Call beacons as navigator.sendBeacon sends them from a phone (urlencoded phone id, no cookie, no token): counted. */
function beacon(b: { listingId: number; phoneId: number }): BenchRequest {
  return {
    method: 'POST',
    path: `/listings/${b.listingId}/calls`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'User-Agent': PHONE_UA },
    body: `phone=${b.phoneId}`,
  };
}

/**
 * The write mix: 95 % listing pages, 5 % writes (4 % call beacons, 1 % draft saves by a signed-in advertiser),
 * as a list of 2,000 requests picked at random.
 */
function writeMix(sample: Sample, draftSave: BenchRequest): BenchRequest[] {
  const out: BenchRequest[] = [];
  for (let i = 0; i < 2000; i++) {
    if (i % 100 === 0) out.push(draftSave);
    else if (i % 100 <= 4 && sample.beacons.length) out.push(beacon(sample.beacons[i % sample.beacons.length]));
    else out.push(get(sample.listingPaths[i % sample.listingPaths.length]));
  }
  return out;
}

/** The session of the draft saves (and the proxy header its Secure cookie needs), for pages read signed in. */
function signedIn(draftSave: BenchRequest): Record<string, string> {
  const { 'Content-Type': _type, ...headers } = draftSave.headers ?? {};
  return headers;
}

/** Every target of a run, in the order they are measured (each between two baseline segments). */
export function buildTargets(sample: Sample, draftSave: BenchRequest): Target[] {
  const ok200 = [200];
  const q = (base: string) => SEARCHES.map((s) => get(`${base}${encodeURIComponent(s)}`));
  const paged = sample.pagedCategorySlugs.length ? sample.pagedCategorySlugs : sample.categorySlugs;
  return [
    { name: 'listing', label: 'listing page (random ids)', requests: sample.listingPaths.map(get), okStatuses: ok200 },
    { name: 'home', label: 'home page', requests: [get('/')], okStatuses: ok200 },
    {
      name: 'category',
      label: 'category page (random)',
      requests: sample.categorySlugs.map((s) => get(`/categories/${s}`)),
      okStatuses: ok200,
    },
    {
      name: 'district',
      label: 'district page (random)',
      requests: GWANGJU_DISTRICTS.map((d) => get(`/districts/${encodeURIComponent(d)}`)),
      okStatuses: ok200,
    },
    { name: 'search-page', label: 'search page (query mix)', requests: q('/search?q='), okStatuses: ok200 },
    { name: 'search-api', label: 'search API (query mix)', requests: q('/api/search?q='), okStatuses: ok200 },
    {
      name: 'category-page2',
      label: 'category page 2 (random)',
      requests: paged.map((s) => get(`/categories/${s}?page=2`)),
      okStatuses: ok200,
    },
    { name: 'write-mix', label: 'listing pages + 5 % writes', requests: writeMix(sample, draftSave), okStatuses: [200, 204, 303] },
    // The advertiser of the draft saves reading listing pages: rendered for them on every request, never kept.
    {
      name: 'signed-in',
      label: 'listing page, signed in',
      requests: sample.listingPaths.map((p) => ({ ...get(p), headers: signedIn(draftSave) })),
      okStatuses: ok200,
    },
  ];
}
