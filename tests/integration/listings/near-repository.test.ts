/**
 * The near-me query on the demo data (synthetic shops with coordinates inside their district), on both engines:
 * the database's haversine order equals a brute-force order computed here, whichever way the query is driven
 * (the shelf walked, or the bounding box grown on the coordinates index), with and without a radius.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { nearestOnShelf, shelfExtents, unlocatedOnShelf, distancesTo } from '../../../src/components/listings/near.repository.js';
import { haversineKm, type Point } from '../../../src/lib/geo.js';

describe.each(engines())('nearest listings in SQL on %s', (engine) => {
  let t: TestApp;
  let expected: (p: Point, facet: string, maxKm: number) => Promise<Array<{ id: number; km: number }>>;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    expected = async (p, facet, maxKm) => {
      const rows = (await t.db('branches as b').join('listing_facets as f', 'f.listing_id', 'b.listing_id').where('f.facet', facet)
        .whereNotNull('b.lat').select('b.listing_id', 'b.lat', 'b.lng')) as Array<{ listing_id: number; lat: number; lng: number }>;
      const best = new Map<number, number>();
      for (const r of rows) {
        const km = haversineKm(p, { lat: Number(r.lat), lng: Number(r.lng) });
        best.set(Number(r.listing_id), Math.min(km, best.get(Number(r.listing_id)) ?? Infinity));
      }
      return [...best].map(([id, km]) => ({ id, km })).filter((r) => r.km <= maxKm).sort((a, b) => a.km - b.km || a.id - b.id);
    };
  });
  afterAll(async () => t.close());

  // Inside 서구; inside 동구; outside the city (west); in 광산구, outside 동구's and 남구's extents; north-east of the city.
  const points: Point[] = [
    { lat: 35.16, lng: 126.851 },
    { lat: 35.146, lng: 126.923 },
    { lat: 35.3, lng: 126.6 },
    { lat: 35.2, lng: 126.8 },
    { lat: 35.25, lng: 127.0 },
  ];
  // [shelf count, directory count]: guesses of density that drive the query each way — [1e6, 1] a dense shelf in
  // an empty directory (the box on the coordinates index, small first box), [1, 1e6] the shelf walked, [20, 1e4]
  // a sparse shelf (a box too large at first), [1e5, 1e5] a box that starts too small and grows over several passes.
  const guesses = [[1_000_000, 1], [1, 1_000_000], [20, 10_000], [100_000, 100_000]] as const;

  it.each([
    ['all', 1200, 25],
    ['all', 3, 500],
    ['d북구', 1200, 7],
    ['d동구', 1200, 30],
    ['d남구', 1, 301],
    ['d남구', 3, 301],
    ['d광산구', 10, 301],
    ['d동구', 10, 4],
  ])(
    'shelf %s within %s km, %s nearest: the same order every way as brute force, from inside and outside the shelf',
    async (facet, maxKm, limit) => {
      const extents = await shelfExtents(t.db, [facet, 'all']);
      for (const point of points) {
        const want = (await expected(point, facet, maxKm)).slice(0, limit);
        for (const [shelfCount, allCount] of guesses) {
          const got = await nearestOnShelf(t.db, {
            facet,
            point,
            maxKm,
            limit,
            shelfCount,
            allCount,
            extent: extents.get(facet) ?? null,
            allExtent: extents.get('all') ?? null,
          });
          expect(
            got.rows.map((r) => r.id),
            `${facet} ${JSON.stringify(point)} ${shelfCount}/${allCount}`,
          ).toEqual(want.map((r) => r.id));
          got.rows.forEach((r, i) => expect(r.km).toBeCloseTo(want[i].km, 6));
          expect(got.complete).toBe(want.length < limit);
        }
      }
    },
  );

  it('a shelf with no located listing has no extent and no nearest listings', async () => {
    expect((await shelfExtents(t.db, ['c999999'])).size).toBe(0);
    expect(
      await nearestOnShelf(t.db, {
        facet: 'c999999',
        point: points[0],
        maxKm: 1200,
        limit: 5,
        shelfCount: 0,
        allCount: 200,
        extent: null,
        allExtent: null,
      }),
    ).toEqual({ rows: [], complete: true });
  });

  it('the extents hold every located branch of their shelf, as the demo data was loaded', async () => {
    const extents = await shelfExtents(t.db, ['all', 'd북구', 'd동구']);
    for (const [facet, box] of extents) {
      const r = (await t
        .db('listing_facets as f')
        .join('branches as b', 'b.listing_id', 'f.listing_id')
        .where('f.facet', facet)
        .whereNotNull('b.lat')
        .first(t.db.raw('MIN(b.lat) AS a, MAX(b.lat) AS b, MIN(b.lng) AS c, MAX(b.lng) AS d'))) as Record<string, unknown>;
      expect([box.minLat, box.maxLat, box.minLng, box.maxLng]).toEqual([Number(r.a), Number(r.b), Number(r.c), Number(r.d)]);
    }
  });

  it('the demo has located shops in every district, and the print ads (real shops) have no coordinates', async () => {
    const byDistrict = (await t.db('branches').whereNotNull('lat').groupBy('sigungu').select('sigungu').count({ n: '*' })) as Array<{
      sigungu: string;
      n: number;
    }>;
    expect(byDistrict.map((r) => r.sigungu).sort()).toEqual(['광산구', '남구', '동구', '북구', '서구']);
    const real = (await t
      .db('branches as b')
      .join('listings as l', 'l.id', 'b.listing_id')
      .whereIn('l.name', ['60플라워', 'HDKorea'])
      .select('b.lat', 'b.lng')) as Array<{ lat: unknown; lng: unknown }>;
    expect(real.length).toBeGreaterThan(0);
    for (const r of real) expect([r.lat, r.lng]).toEqual([null, null]);
    const unlocated = await unlocatedOnShelf(t.db, 'all', 500, 0);
    const names = (await t.db('listings').whereIn('id', unlocated).pluck('name')) as string[];
    expect(names).toEqual(expect.arrayContaining(['60플라워', 'HDKorea']));
    const d = await distancesTo(t.db, points[0], unlocated.slice(0, 5));
    expect(d.size).toBe(0);
  });
  it("a branch moved far away, or a listing put on a shelf, widens the shelf's extent at once: the far one is found first from there", async () => {
    const seoul = { lat: 37.5665, lng: 126.978 };
    const onShelf = (await t
      .db('listing_facets as f')
      .join('branches as b', 'b.listing_id', 'f.listing_id')
      .where('f.facet', 'd북구')
      .whereNotNull('b.lat')
      .orderBy('f.listing_id')
      .first('f.listing_id', 'b.id as branch_id')) as { listing_id: number; branch_id: number };
    const branch = { id: onShelf.branch_id };
    await t.db('branches').where('id', branch.id).update({ lat: seoul.lat, lng: seoul.lng });
    const far = async (facet: string) => {
      const e = await shelfExtents(t.db, [facet, 'all']);
      return nearestOnShelf(t.db, {
        facet,
        point: seoul,
        maxKm: 1200,
        limit: 1,
        shelfCount: 1000,
        allCount: 1000,
        extent: e.get(facet) ?? null,
        allExtent: e.get('all') ?? null,
      });
    };
    expect((await far('d북구')).rows.map((r) => r.id)).toEqual([onShelf.listing_id]);
    expect((await far('all')).rows.map((r) => r.id)).toEqual([onShelf.listing_id]);
    // A shelf the listing was not on learns of it when it is put there.
    const other = (await t
      .db('directory_counts')
      .where('facet', 'like', 'c%')
      .whereNotIn('facet', t.db('listing_facets').where('listing_id', onShelf.listing_id).select('facet'))
      .andWhere('n', '>', 2)
      .first('facet')) as { facet: string };
    expect((await far(other.facet)).rows.map((r) => r.id)).not.toEqual([onShelf.listing_id]);
    await t.db('listing_facets').insert({ facet: other.facet, published_at: new Date(), listing_id: onShelf.listing_id });
    expect((await far(other.facet)).rows.map((r) => r.id)).toEqual([onShelf.listing_id]);
  });
});
