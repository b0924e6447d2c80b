/**
 * "Near me" in SQL, the same on SQLite and PostgreSQL: a bounding box on the indexed coordinates of branches
 * (branches_lat_lng: latitude bands of 0.01°, then longitude), then the exact haversine distance for the rows inside it (sin, cos, asin, sqrt and power are
 * built into PostgreSQL and into the SQLite the sqlite3 package ships, compiled with its math functions). A listing
 * with several branches is as far as its nearest one.
 */
import type { Knex } from 'knex';
import { clientOf, toNumber } from '../../db/index.js';
import { boxAreaKm2, boxAround, boxContains, distanceToBoxKm, EARTH_RADIUS_KM, intersectBoxes, type Box, type Point } from '../../lib/geo.js';

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
  const list = (Array.isArray(out) ? out : ((out as { rows?: unknown[] }).rows ?? [])) as Array<Record<string, unknown>>;
  return list.map((r) => ({ id: toNumber(r.id), km: Number(r.km) }));
}

/** The nearest listings of a shelf with a branch in `box` and within `maxKm`, nearest first (ties by id), at most `limit`. */
async function nearestInBox(db: Knex, o: { facet: string; point: Point; box: Box; maxKm: number; limit: number; shelfFirst: boolean }): Promise<Distance[]> {
  const { box } = o;
  const p = [o.point.lat, o.point.lat, o.point.lng];
  let inBox = `${located} AND b.lat BETWEEN ? AND ? AND b.lng BETWEEN ? AND ?`;
  const boxArgs: number[] = [box.minLat, box.maxLat, box.minLng, box.maxLng];
  if (!o.shelfFirst) {
    // The index's latitude bands (0.01°) that the box touches, each read over the box's longitudes only.
    const bands: number[] = [];
    for (let b = Math.floor(box.minLat * 100); b <= Math.floor(box.maxLat * 100); b++) bands.push(b);
    inBox = `${BAND[clientOf(db) === 'pg' ? 'pg' : 'sqlite']} IN (${bands.map(() => '?').join(', ')}) AND ${inBox}`;
    boxArgs.unshift(...bands);
  }
  const tail = `GROUP BY b.listing_id HAVING MIN(${HAVERSINE}) <= ? ORDER BY km, id LIMIT ?`;
  if (o.shelfFirst) {
    // Walk the shelf's listings and their branches (SQLite's CROSS JOIN keeps that order).
    const join = clientOf(db) === 'pg' ? 'JOIN' : 'CROSS JOIN';
    return rows(await db.raw(
      `SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM listing_facets f ${join} branches b ON b.listing_id = f.listing_id
       WHERE f.facet = ? AND ${inBox} ${tail}`,
      [...p, o.facet, ...boxArgs, ...p, o.maxKm, o.limit],
    ));
  }
  return rows(await db.raw(
    `SELECT b.listing_id AS id, MIN(${HAVERSINE}) AS km FROM branches b
     WHERE ${inBox} AND EXISTS (SELECT 1 FROM listing_facets f WHERE f.listing_id = b.listing_id AND f.facet = ?) ${tail}`,
    [...p, ...boxArgs, o.facet, ...p, o.maxKm, o.limit],
  ));
}

/** The box holding every located branch of a shelf's listings (null: none is located). O(shelf): callers cache it. */
export async function shelfExtent(db: Knex, facet: string): Promise<Box | null> {
  const r = (await db('listing_facets as f').join('branches as b', 'b.listing_id', 'f.listing_id').where('f.facet', facet)
    .whereNotNull('b.lat').whereNotNull('b.lng')
    .first(db.raw('MIN(b.lat) AS min_lat, MAX(b.lat) AS max_lat, MIN(b.lng) AS min_lng, MAX(b.lng) AS max_lng'))) as Record<string, unknown> | undefined;
  if (!r || r.min_lat === null || r.min_lat === undefined) return null;
  return { minLat: Number(r.min_lat), maxLat: Number(r.max_lat), minLng: Number(r.min_lng), maxLng: Number(r.max_lng) };
}

/**
 * The `limit` nearest located listings of a shelf within `maxKm`. The box around the point starts as small as the
 * shelf's density suggests and grows until it holds `limit` listings (anything outside a circle is farther than
 * everything in it, so the order is exact). `extent` (a box holding all the shelf's located branches, null when it has
 * none) clips the box: from outside a district, only the part of the box over that district is read. When the box
 * would hold more rows of the whole directory than the shelf has, the shelf is walked instead.
 * `complete`: every located listing within `maxKm` is in the answer.
 */
export async function nearestOnShelf(db: Knex, o: { facet: string; point: Point; maxKm: number; limit: number; shelfCount: number; allCount: number; extent?: Box | null }): Promise<{ rows: Distance[]; complete: boolean }> {
  if (o.extent === null) return { rows: [], complete: true };
  const density = Math.max(o.shelfCount, 1) / CITY_AREA_KM2;
  const start = Math.max(0.5, 1.5 * Math.sqrt(o.limit / (Math.PI * density)));
  let km = Math.min(o.maxKm, start);
  for (;;) {
    const around = boxAround(o.point, km);
    const box = o.extent ? intersectBoxes(around, o.extent) : around;
    // Once the box holds the whole extent, this pass sees every located branch of the shelf: it is the last.
    const last = km >= o.maxKm || (o.extent !== undefined && boxContains(around, o.extent));
    if (!box) {
      if (last) return { rows: [], complete: true };
      km = Math.min(o.maxKm, Math.max(2 * km, distanceToBoxKm(o.point, o.extent!) + start));
      continue;
    }
    // Box first costs about a seek per branch in the box (the shelf check is one seek in its index); shelf first
    // about three per listing on the shelf (its branches, their rows).
    const shelfFirst = (o.allCount * boxAreaKm2(box)) / CITY_AREA_KM2 >= 1.5 * o.shelfCount;
    if (shelfFirst) {
      const whole = boxAround(o.point, o.maxKm);
      const all = o.extent ? intersectBoxes(whole, o.extent) : whole;
      const found = all ? await nearestInBox(db, { facet: o.facet, point: o.point, box: all, maxKm: o.maxKm, limit: o.limit, shelfFirst }) : [];
      return { rows: found, complete: found.length < o.limit };
    }
    const found = await nearestInBox(db, { facet: o.facet, point: o.point, box, maxKm: last ? o.maxKm : km, limit: o.limit, shelfFirst });
    if (found.length >= o.limit) return { rows: found, complete: false };
    if (last) return { rows: found, complete: true };
    // Grow by what the last box suggests (its count grows with the area), at least doubling; empty: four times.
    const factor = found.length === 0 ? 4 : Math.max(2, 1.2 * Math.sqrt(o.limit / found.length));
    km = Math.min(o.maxKm, km * factor);
  }
}

/** Listings of a shelf with no located branch, newest first: they follow the located ones. */
export async function unlocatedOnShelf(db: Knex, facet: string, limit: number, offset: number): Promise<number[]> {
  if (limit <= 0) return [];
  const ids = (await db('listing_facets as f').where('f.facet', facet)
    .whereNotExists(db('branches as b').select(db.raw('1')).whereRaw('b.listing_id = f.listing_id').whereNotNull('b.lat').whereNotNull('b.lng'))
    .orderBy([{ column: 'f.published_at', order: 'desc' }, { column: 'f.listing_id', order: 'desc' }])
    .limit(limit).offset(offset).pluck('f.listing_id')) as unknown[];
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
