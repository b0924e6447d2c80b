/**
 * Points on the earth, as the "near me" search uses them: haversine distances, bounding boxes, rounding, and the
 * range a Korean business's coordinates must fall in. The SQL form of the same formula is in near.repository.ts.
 */
export interface Point { lat: number; lng: number }
export interface Box { minLat: number; maxLat: number; minLng: number; maxLng: number }

/** Mean earth radius (km), as in the haversine formula everywhere. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** South Korea with its islands (마라도 33.1°N … 고성 38.6°N, 백령도 124.6°E … 독도 131.9°E). */
export const KOREA_BOUNDS: Box = { minLat: 33.0, maxLat: 38.7, minLng: 124.5, maxLng: 132.0 };

export function inBox(p: Point, b: Box): boolean {
  return p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng;
}

/** Great-circle distance in km. */
export function haversineKm(a: Point, b: Point): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The smallest lat/lng box holding every point within `km` of `p` (a little wider: never misses one). */
export function boxAround(p: Point, km: number): Box {
  const dLat = (km / EARTH_RADIUS_KM) / RAD;
  // At Korean latitudes the box's corners are far from the poles; widen by the cosine of the box's farther edge.
  const farLat = Math.min(89, Math.abs(p.lat) + dLat);
  const dLng = dLat / Math.cos(farLat * RAD);
  return { minLat: p.lat - dLat * 1.001, maxLat: p.lat + dLat * 1.001, minLng: p.lng - dLng * 1.001, maxLng: p.lng + dLng * 1.001 };
}

/**
 * A visitor's position kept only to 3 decimals (about 110 m north–south, 90 m east–west at Gwangju): enough to sort
 * shops by distance, too coarse to name a door. The browser rounds before sending; the server rounds again.
 */
export function roundPosition(p: Point): Point {
  return { lat: Math.round(p.lat * 1000) / 1000, lng: Math.round(p.lng * 1000) / 1000 };
}

/** A shop's coordinates to 6 decimals (about 10 cm): what the map pin or the geocoder gives. */
export function roundCoordinate(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** "350 m", "1.2 km", "12 km" (the same in Korean and English). */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
  if (km < 10) return `${(Math.round(km * 10) / 10).toFixed(1)} km`;
  return `${Math.round(km)} km`;
}

/** The overlap of two boxes, or null when they do not meet. */
export function intersectBoxes(a: Box, b: Box): Box | null {
  const out = {
    minLat: Math.max(a.minLat, b.minLat),
    maxLat: Math.min(a.maxLat, b.maxLat),
    minLng: Math.max(a.minLng, b.minLng),
    maxLng: Math.min(a.maxLng, b.maxLng),
  };
  return out.minLat <= out.maxLat && out.minLng <= out.maxLng ? out : null;
}

export function boxContains(outer: Box, inner: Box): boolean {
  return outer.minLat <= inner.minLat && outer.maxLat >= inner.maxLat && outer.minLng <= inner.minLng && outer.maxLng >= inner.maxLng;
}

/** A box's area in km² (small boxes: a flat earth at its middle latitude is close enough for a cost estimate). */
export function boxAreaKm2(b: Box): number {
  const kmPerDeg = EARTH_RADIUS_KM * RAD;
  return (b.maxLat - b.minLat) * kmPerDeg * (b.maxLng - b.minLng) * kmPerDeg * Math.cos(((b.minLat + b.maxLat) / 2) * RAD);
}

/** How far a point is from the nearest point of a box (0 inside it). */
export function distanceToBoxKm(p: Point, b: Box): number {
  return haversineKm(p, { lat: Math.min(Math.max(p.lat, b.minLat), b.maxLat), lng: Math.min(Math.max(p.lng, b.minLng), b.maxLng) });
}
