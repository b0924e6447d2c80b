/**
 * "Near me" parameters shared by search and the category/district pages: `sort=near`, a position (`lat`/`lng` from the
 * browser's geolocation, rounded to 3 decimals, or `area`, a 구 or 동 whose rough centre is used) and `radius` (1, 3 or
 * 10 km). The position lives only in the URL of the request: it is not stored, logged (see core/logger.ts), kept by
 * the page cache or sent with beacons.
 */
import { z } from 'zod';
import { formatDistance, inBox, KOREA_BOUNDS, roundPosition, type Point } from '../../lib/geo.js';
import { findArea, GWANGJU_AREAS } from '../../lib/gwangju-areas.js';
import { districtLabel } from '../../lib/korean-address.js';

export const RADII_KM = [1, 3, 10] as const;
/** Located results a "near" page can page through (and count, with a radius). */
export const NEAR_CAP = 300;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const coordinate = z.preprocess(first, z.string().regex(/^-?\d{1,3}(?:\.\d{1,12})?$/).transform(Number).optional().catch(undefined));
export const nearQuerySchema = z.object({
  lat: coordinate,
  lng: coordinate,
  area: z.preprocess(first, z.string().max(30).optional().catch(undefined)),
  radius: z.preprocess(first, z.enum(['1', '3', '10']).transform(Number).optional().catch(undefined)),
});

export interface NearChoice {
  /** Where distances are measured from; null when no usable position was given. */
  point: Point | null;
  /** The position came from the device (lat/lng) rather than a chosen area. */
  fromDevice: boolean;
  area: string | null;
  radiusKm: number | null;
  /** lat/lng were sent but are not a place in Korea. */
  outside: boolean;
}

/** The position and radius of a request's query string (allow-listed, rounded, bounded to Korea). */
export function parseNear(query: unknown): NearChoice {
  const q = nearQuerySchema.parse(query);
  const area = q.area ? findArea(q.area) : null;
  const radiusKm = q.radius ?? null;
  // A chosen 구/동 wins over a position sent with it: the form offers both, and choosing a place is the newer intent.
  if (area) return { point: { lat: area.lat, lng: area.lng }, fromDevice: false, area: area.key, radiusKm, outside: false };
  if (q.lat === undefined || q.lng === undefined) return { point: null, fromDevice: false, area: null, radiusKm, outside: false };
  const p = roundPosition({ lat: q.lat, lng: q.lng });
  if (inBox(p, KOREA_BOUNDS)) return { point: p, fromDevice: true, area: null, radiusKm, outside: false };
  return { point: null, fromDevice: false, area: null, radiusKm, outside: true };
}

/** The query parameters that keep a near choice on the next link (sort aside). */
export function nearParams(n: NearChoice): Record<string, string> {
  const out: Record<string, string> = {};
  if (n.fromDevice && n.point) {
    out.lat = n.point.lat.toFixed(3);
    out.lng = n.point.lng.toFixed(3);
  } else if (n.area) out.area = n.area;
  if (n.radiusKm) out.radius = String(n.radiusKm);
  return out;
}

/** The "가까운 순" form: where from (my position, or a 구/동), how far; `hidden` keeps the page's other filters. */
function areaName(
  key: string | null | undefined,
  lang: 'ko' | 'en',
  t: (k: string, p?: Record<string, string | number>) => string,
): string {
  const a = GWANGJU_AREAS.find((x) => x.key === key);
  if (!a) return t('near.here');
  const district = districtLabel(a.sigungu, lang).name;
  return a.dong ? `${district} ${a.dong}` : district;
}

export function nearFormVM(
  n: NearChoice,
  opts: {
    action: string;
    hidden: Record<string, string | undefined>;
    active: boolean;
    missing?: boolean;
    lang: 'ko' | 'en';
    t: (k: string, p?: Record<string, string | number>) => string;
  },
) {
  const { t, lang } = opts;
  return {
    action: opts.action,
    hidden: Object.entries(opts.hidden)
      .filter((e): e is [string, string] => Boolean(e[1]))
      .map(([name, value]) => ({ name, value })),
    active: opts.active,
    // Once a position is chosen the box folds to one line ("내 위치 기준 · 바꾸기") so the results start on the first screen.
    open: n.outside || Boolean(opts.missing),
    summary:
      opts.active && n.point
        ? t('near.activeSummary', { where: n.fromDevice ? t('near.here') : areaName(n.area, lang, t) })
        : t('near.legend'),
    fromDevice: n.fromDevice,
    outside: n.outside,
    groups: [...new Set(GWANGJU_AREAS.map((a) => a.sigungu))].map((sigungu) => ({
      label: districtLabel(sigungu, lang).name,
      options: GWANGJU_AREAS.filter((a) => a.sigungu === sigungu).map((a) => ({
        value: a.key,
        label: a.dong
          ? `${districtLabel(sigungu, lang).name} ${a.dong}`
          : t('near.wholeDistrict', { name: districtLabel(sigungu, lang).name }),
        selected: !n.fromDevice && n.area === a.key,
      })),
    })),
    radii: [
      { value: '', label: t('near.anyDistance'), selected: n.radiusKm === null },
      ...RADII_KM.map((r) => ({ value: String(r), label: t('near.within', { km: r }), selected: n.radiusKm === r })),
    ],
    position: n.fromDevice && n.point ? { lat: n.point.lat.toFixed(3), lng: n.point.lng.toFixed(3) } : null,
  };
}

/** A result's distance line ("1.2 km"), or null when it has no located branch. */
export function distanceText(km: number | undefined): string | null {
  return km === undefined ? null : formatDistance(km);
}
