/**
 * Rough places in Gwangju for "near me" without geolocation: a point for each 구 and for some well-known 동, and a box
 * around each 구's built-up area for synthetic demo data. Drawn from public maps by hand, to a few hundred metres:
 * good for "roughly here", never used as a shop's location.
 */
import type { Box, Point } from './geo.js';

export interface Area extends Point {
  /** `북구` or `북구 용봉동`: what the `area` query parameter carries. */
  key: string;
  sigungu: string;
  /** The 동 (null for the 구 itself). */
  dong: string | null;
}

const DISTRICT_POINTS: Record<string, Point> = {
  동구: { lat: 35.146, lng: 126.923 },
  서구: { lat: 35.152, lng: 126.890 },
  남구: { lat: 35.133, lng: 126.902 },
  북구: { lat: 35.174, lng: 126.912 },
  광산구: { lat: 35.140, lng: 126.794 },
};

const DONG_POINTS: Array<[string, string, number, number]> = [
  ['동구', '충장동', 35.149, 126.917],
  ['동구', '산수동', 35.156, 126.93],
  ['동구', '학동', 35.138, 126.925],
  ['서구', '치평동', 35.152, 126.852],
  ['서구', '화정동', 35.14, 126.878],
  ['서구', '풍암동', 35.122, 126.878],
  ['서구', '금호동', 35.133, 126.862],
  ['남구', '봉선동', 35.126, 126.915],
  ['남구', '주월동', 35.129, 126.898],
  ['남구', '진월동', 35.122, 126.887],
  ['북구', '용봉동', 35.177, 126.905],
  ['북구', '운암동', 35.169, 126.884],
  ['북구', '일곡동', 35.203, 126.898],
  ['북구', '문흥동', 35.188, 126.92],
  ['북구', '두암동', 35.17, 126.928],
  ['광산구', '수완동', 35.19, 126.823],
  ['광산구', '쌍암동', 35.218, 126.846],
  ['광산구', '송정동', 35.139, 126.793],
  ['광산구', '신가동', 35.18, 126.832],
  ['광산구', '우산동', 35.153, 126.806],
];

/** Each 구, then its 동, in the order of GWANGJU_DISTRICTS. */
export const GWANGJU_AREAS: readonly Area[] = Object.entries(DISTRICT_POINTS).flatMap(([sigungu, p]) => [
  { key: sigungu, sigungu, dong: null, ...p },
  ...DONG_POINTS.filter(([g]) => g === sigungu).map(([, dong, lat, lng]) => ({ key: `${sigungu} ${dong}`, sigungu, dong, lat, lng })),
]);

export function findArea(key: string): Area | null {
  return GWANGJU_AREAS.find((a) => a.key === key) ?? null;
}

/** The built-up part of each 구, as a box (demo data only). */
export const DISTRICT_BOXES: Readonly<Record<string, Box>> = {
  동구: { minLat: 35.128, maxLat: 35.160, minLng: 126.915, maxLng: 126.945 },
  서구: { minLat: 35.115, maxLat: 35.165, minLng: 126.845, maxLng: 126.900 },
  남구: { minLat: 35.095, maxLat: 35.140, minLng: 126.875, maxLng: 126.925 },
  북구: { minLat: 35.165, maxLat: 35.215, minLng: 126.880, maxLng: 126.935 },
  광산구: { minLat: 35.135, maxLat: 35.220, minLng: 126.785, maxLng: 126.850 },
};

/** A point inside the district's box from two numbers in [0, 1) (a seeded generator's output). */
export function pointInDistrict(sigungu: string, u: number, v: number): Point | null {
  const b = DISTRICT_BOXES[sigungu];
  if (!b) return null;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lat: round(b.minLat + u * (b.maxLat - b.minLat)), lng: round(b.minLng + v * (b.maxLng - b.minLng)) };
}
