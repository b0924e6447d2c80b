/**
 * The near-me query on the demo data (synthetic shops with coordinates inside their district), on both engines:
 * the database's haversine order equals a brute-force order computed here, whichever way the query is driven
 * (the shelf walked, or the bounding box grown on the coordinates index), with and without a radius.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { nearestOnShelf, shelfExtent, unlocatedOnShelf, distancesTo } from '../../../src/components/listings/near.repository.js';
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

  const points: Point[] = [{ lat: 35.16, lng: 126.851 }, { lat: 35.146, lng: 126.923 }, { lat: 35.3, lng: 126.6 }];

  it.each([['all', 1200, 25], ['all', 3, 500], ['d북구', 1200, 7]])('shelf %s within %s km, %s nearest: same order both ways as brute force', async (facet, maxKm, limit) => {
    for (const point of points) {
      const want = (await expected(point, facet, maxKm)).slice(0, limit);
      const extent = await shelfExtent(t.db, facet);
      for (const [shelfCount, allCount, clip] of [[1_000_000, 1, false], [1, 1_000_000, false], [1_000_000, 1, true], [1, 1_000_000, true]] as const) {
        // [1e6, 1]: the box grows on the coordinates index; [1, 1e6]: the shelf is walked; clip: the box is cut to the shelf's extent.
        const got = await nearestOnShelf(t.db, { facet, point, maxKm, limit, shelfCount, allCount, ...(clip ? { extent } : {}) });
        expect(got.rows.map((r) => r.id), `${facet} ${JSON.stringify(point)} ${shelfCount}`).toEqual(want.map((r) => r.id));
        got.rows.forEach((r, i) => expect(r.km).toBeCloseTo(want[i].km, 6));
        expect(got.complete).toBe(want.length < limit);
      }
    }
  });

  it('a shelf with no located listing has no extent and no nearest listings', async () => {
    expect(await shelfExtent(t.db, 'c999999')).toBeNull();
    expect(await nearestOnShelf(t.db, { facet: 'c999999', point: points[0], maxKm: 1200, limit: 5, shelfCount: 0, allCount: 200, extent: null })).toEqual({ rows: [], complete: true });
  });

  it('the demo has located shops in every district, and the print ads (real shops) have no coordinates', async () => {
    const byDistrict = (await t.db('branches').whereNotNull('lat').groupBy('sigungu').select('sigungu').count({ n: '*' })) as Array<{ sigungu: string; n: number }>;
    expect(byDistrict.map((r) => r.sigungu).sort()).toEqual(['광산구', '남구', '동구', '북구', '서구']);
    const real = (await t.db('branches as b').join('listings as l', 'l.id', 'b.listing_id').whereIn('l.name', ['60플라워', 'HDKorea']).select('b.lat', 'b.lng')) as Array<{ lat: unknown; lng: unknown }>;
    expect(real.length).toBeGreaterThan(0);
    for (const r of real) expect([r.lat, r.lng]).toEqual([null, null]);
    const unlocated = await unlocatedOnShelf(t.db, 'all', 500, 0);
    const names = (await t.db('listings').whereIn('id', unlocated).pluck('name')) as string[];
    expect(names).toEqual(expect.arrayContaining(['60플라워', 'HDKorea']));
    const d = await distancesTo(t.db, points[0], unlocated.slice(0, 5));
    expect(d.size).toBe(0);
  });
});
