/**
 * "Near me" in SQL, the same on SQLite and PostgreSQL: a bounding box on the indexed coordinates of branches
 * (branches_lat_lng: latitude bands of 0.01°, then longitude), then the exact haversine distance for the rows inside it (sin, cos, asin,
 * sqrt and power are
 * built into PostgreSQL and into the SQLite the sqlite3 package ships, compiled with its math functions). A listing
 * with several branches is as far as its nearest one.
 */
import type { Knex } from 'knex';
import { engineOf, floatRow, joinInWrittenOrder, rowsOf, toNumber } from '../../db/index.js';
import {
  boxAreaKm2,
  boxAround,
  boxContains,
  distanceToBoxKm,
  EARTH_RADIUS_KM,
  haversineKm,
  intersectBoxes,
  type Box,
  type Point,
} from '../../lib/geo.js';

export interface Distance { id: number; km: number }

/** Gwangju's area in km²: how the density of a shelf is guessed. */
const CITY_AREA_KM2 = 501;
/** Farther than anything in Korea from anywhere in Korea. */
export const WHOLE_COUNTRY_KM = 1200;

const NUM = 'CAST(? AS DOUBLE PRECISION)';
const K = '0.017453292519943295';
/** Haversine distance (km) from the bound point to branch `b`: bindings [lat, lat, lng]. */
const HAVERSINE = `(${2 * EARTH_RADIUS_KM} * asin(sqrt(power(sin((b.lat - ${NUM}) * ${K} / 2), 2)
  + cos(${NUM} * ${K}) * cos(b.lat * ${K}) * power(sin((b.lng - ${NUM}) * ${K} / 2), 2))))`;
const located = 'b.lat IS NOT NULL AND b.lng IS NOT NULL';
/** The leading expression of the branches_lat_lng index (migration 20261207110000), written the same way. */
const BAND = { sqlite: 'CAST(b.lat * 100 AS INTEGER)', pg: 'floor(b.lat * 100)' } as const;

function rows(out: unknown): Distance[] {
  return rowsOf(out).map((r) => ({ id: toNumber(r.id), km: Number(r.km) }));
}

/** Latitude bands (0.01°) a box may list one by one: past that (a box across the country) one range is read. */
const MAX_BANDS = 200;

/**
 * The longitude range, per latitude band of the index, of the points of `box` within `km` of `p` (a circle is
 * narrower than its box away from its middle): [band, minLng, maxLng], bands the circle misses left out. A little
 * wider than exact, never narrower.
 */
export function bandRanges(p: Point, km: number, box: Box): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const RAD = Math.PI / 180;
  const s = Math.sin(km / EARTH_RADIUS_KM / 2) ** 2;
  for (let band = Math.floor(box.minLat * 100); band <= Math.floor(box.maxLat * 100); band++) {
    const lo = Math.max(box.minLat, band / 100);
    const hi = Math.min(box.maxLat, (band + 1) / 100);
    // The band's latitude nearest the point (the widest slice of the circle), and its cosine at the band's far edge.
    const nearLat = Math.min(Math.max(p.lat, lo), hi);
    const cosFar = Math.min(Math.cos(lo * RAD), Math.cos(hi * RAD));
    const room = (s - Math.sin(((nearLat - p.lat) * RAD) / 2) ** 2) / (Math.cos(p.lat * RAD) * cosFar);
    if (room < 0) continue;
    const dLng = room >= 1 ? 180 : (2 * Math.asin(Math.sqrt(room))) / RAD;
    const minLng = Math.max(box.minLng, p.lng - dLng * 1.001 - 1e-6);
    const maxLng = Math.min(box.maxLng, p.lng + dLng * 1.001 + 1e-6);
    if (minLng <= maxLng) out.push([band, minLng, maxLng]);
  }
  return out;
}

/** The nearest listings of a shelf with a branch in `box` and within `maxKm`, nearest first (ties by id), at most `limit`. */
async function nearestInBox(
  db: Knex,
  o: { facet: string; point: Point; box: Box; maxKm: number; limit: number; shelfFirst: boolean },
): Promise<Distance[]> {
  const { box } = o;
  const engine = engineOf(db);
  const p = [o.point.lat, o.point.lat, o.point.lng];
  const inBox = `${located} AND b.lat BETWEEN ? AND ? AND b.lng BETWEEN ? AND ?`;
  const boxArgs: number[] = [box.minLat, box.maxLat, box.minLng, box.maxLng];
  const tail = `GROUP BY b.listing_id HAVING MIN(${HAVERSINE}) <= ?`;
  if (o.shelfFirst) {
    // Walk the shelf's listings and their branches (SQLite's CROSS JOIN keeps that order).
    return rows(
      await db.raw(
        `SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM listing_facets f ${joinInWrittenOrder(engine)} branches b ON b.listing_id = f.listing_id
       WHERE f.facet = ? AND ${inBox} ${tail} ORDER BY km, id LIMIT ?`,
        [...p, o.facet, ...boxArgs, ...p, o.maxKm, o.limit],
      ),
    );
  }
  // Each latitude band the circle touches is read over the circle's longitudes there (one seek and a range in the
  // index each; SQLite's CROSS JOIN keeps the bands outside). Only the listings within the radius are then checked
  // against the shelf (one seek each), not every branch the box holds.
  const ranges = bandRanges(o.point, o.maxKm, box);
  if (ranges.length === 0) return [];
  const band = BAND[engine];
  let bandsSql: string;
  let bandArgs: number[];
  if (ranges.length <= MAX_BANDS) {
    const cast = floatRow(engine, 3);
    bandsSql = `WITH r (band, lo, hi) AS (VALUES ${ranges.map(() => cast).join(', ')}),
      near AS MATERIALIZED (SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM r ${joinInWrittenOrder(engine)} branches b
        ON ${band} = r.band AND b.lng BETWEEN r.lo AND r.hi WHERE ${inBox} ${tail})`;
    bandArgs = ranges.flat();
  } else {
    const bands = ranges.map((r) => r[0]);
    bandsSql = `WITH near AS MATERIALIZED (SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM branches b
      WHERE ${band} IN (${bands.map(() => '?').join(', ')}) AND ${inBox} ${tail})`;
    bandArgs = bands;
  }
  return rows(
    await db.raw(
      `${bandsSql} SELECT n.id, n.km FROM near n WHERE EXISTS (SELECT 1 FROM listing_facets f WHERE f.listing_id = n.id AND f.facet = ?) ORDER BY n.km, n.id LIMIT ?`,
      [
        ...(ranges.length <= MAX_BANDS ? bandArgs : []),
        ...p,
        ...(ranges.length <= MAX_BANDS ? [] : bandArgs),
        ...boxArgs,
        ...p,
        o.maxKm,
        o.facet,
        o.limit,
      ],
    ),
  );
}

/** Each shelf's box around its located branches (shelf_extents, kept by triggers); a shelf with none is missing. */
export async function shelfExtents(db: Knex, facets: string[]): Promise<Map<string, Box>> {
  const found = (await db('shelf_extents')
    .whereIn('facet', [...new Set(facets)])
    .select('facet', 'min_lat', 'max_lat', 'min_lng', 'max_lng')) as Array<Record<string, unknown>>;
  return new Map(
    found.map((r) => [
      String(r.facet),
      { minLat: Number(r.min_lat), maxLat: Number(r.max_lat), minLng: Number(r.min_lng), maxLng: Number(r.max_lng) },
    ]),
  );
}

/** The area (km²) a density is guessed over: the box's, within [1 km², the city]. */
/** Samples per side when the area of a circle inside a box is estimated. */
const GRID = 16;

const spread = (b: Box) => Math.min(CITY_AREA_KM2, Math.max(1, boxAreaKm2(b)));

/**
 * The `limit` nearest located listings of a shelf within `maxKm`. Only the part of the map inside the shelf's extent
 * (`extent`: the box around all its located branches; null when it has none) is read, through a box around the point
 * clipped to it. Anything outside a circle is farther than everything in it, so each pass keeps only the listings
 * within its radius and the order is exact. The first radius is the smallest whose clipped box should hold twice the
 * page at the shelf's density inside its extent — from a point outside the extent it starts at the extent's nearest
 * edge, not at the point; a pass that falls short grows the box's area geometrically (×2 at least), so the passes
 * together cost about one pass over the last box. When a pass would read more of the directory (every shelf's
 * branches in the box, at the directory's density inside its own extent) than walking the shelf's own listings costs,
 * the shelf is walked once instead: the cost of a page is bounded by the smaller of the two.
 * `complete`: every located listing within `maxKm` is in the answer.
 */
export async function nearestOnShelf(
  db: Knex,
  o: {
    facet: string;
    point: Point;
    maxKm: number;
    limit: number;
    shelfCount: number;
    allCount: number;
    extent: Box | null;
    allExtent: Box | null;
  },
): Promise<{ rows: Distance[]; complete: boolean }> {
  const extent = o.extent;
  const whole = extent ? intersectBoxes(boxAround(o.point, o.maxKm), extent) : null;
  if (!extent || !whole) return { rows: [], complete: true };
  const shelfDensity = o.shelfCount / spread(extent);
  const allDensity = o.allCount / spread(o.allExtent ?? extent);
  const clipped = (km: number) => intersectBoxes(boxAround(o.point, km), extent);
  /** The area of the circle of radius km inside the extent (what a pass keeps), sampled on a grid over the clipped box. */
  const areaWithin = (km: number) => {
    const b = clipped(km);
    if (!b) return 0;
    let inside = 0;
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) {
        const q = {
          lat: b.minLat + ((i + 0.5) / GRID) * (b.maxLat - b.minLat),
          lng: b.minLng + ((j + 0.5) / GRID) * (b.maxLng - b.minLng),
        };
        if (haversineKm(o.point, q) <= km) inside++;
      }
    }
    return (boxAreaKm2(b) * inside) / (GRID * GRID);
  };
  const edge = distanceToBoxKm(o.point, extent);
  /** The smallest radius whose clipped box should hold `rows` of the shelf (maxKm when none does). */
  const radiusHolding = (rows: number) => {
    if (shelfDensity * areaWithin(o.maxKm) < rows) return o.maxKm;
    let lo = Math.min(edge, o.maxKm);
    let hi = o.maxKm;
    for (let i = 0; i < 40 && hi - lo > 0.01; i++) {
      const mid = (lo + hi) / 2;
      if (shelfDensity * areaWithin(mid) >= rows) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  // Walking the shelf costs about three seeks per listing (its row in the shelf, its branches, their rows).
  const walkCost = 3 * o.shelfCount;
  let want = 2 * o.limit;
  for (;;) {
    const km = radiusHolding(want);
    const box = clipped(km);
    const last = km >= o.maxKm || boxContains(boxAround(o.point, km), extent);
    // A pass seeks once per listing of the directory within the radius (the shelf check).
    if (box && allDensity * areaWithin(km) >= walkCost) {
      const found = await nearestInBox(db, {
        facet: o.facet,
        point: o.point,
        box: whole,
        maxKm: o.maxKm,
        limit: o.limit,
        shelfFirst: true,
      });
      return { rows: found, complete: found.length < o.limit };
    }
    const found = box
      ? await nearestInBox(db, { facet: o.facet, point: o.point, box, maxKm: last ? o.maxKm : km, limit: o.limit, shelfFirst: false })
      : [];
    if (found.length >= o.limit) return { rows: found, complete: false };
    if (last) return { rows: found, complete: true };
    // The count in a circle grows with its area: ask for what this one suggests, at least twice as much.
    want *= Math.max(2, found.length === 0 ? 4 : (1.2 * o.limit) / found.length);
  }
}

/** Listings of a shelf with no located branch, newest first: they follow the located ones. */
export async function unlocatedOnShelf(db: Knex, facet: string, limit: number, offset: number): Promise<number[]> {
  if (limit <= 0) return [];
  const ids = (await db('listing_facets as f')
    .where('f.facet', facet)
    .whereNotExists(
      db('branches as b').select(db.raw('1')).whereRaw('b.listing_id = f.listing_id').whereNotNull('b.lat').whereNotNull('b.lng'),
    )
    .orderBy([
      { column: 'f.published_at', order: 'desc' },
      { column: 'f.listing_id', order: 'desc' },
    ])
    .limit(limit)
    .offset(offset)
    .pluck('f.listing_id')) as unknown[];
  return ids.map(toNumber);
}

/** Each given listing's distance (its nearest located branch); listings with none are missing from the map. */
export async function distancesTo(db: Knex, point: Point, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const p = [point.lat, point.lat, point.lng];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = rows(await db.raw(
      `SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM branches b
       WHERE b.listing_id IN (${chunk.map(() => '?').join(', ')}) AND ${located} GROUP BY b.listing_id`,
      [...p, ...chunk],
    ));
    for (const r of found) out.set(r.id, r.km);
  }
  return out;
}
