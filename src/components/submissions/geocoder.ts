/**
 * The optional geocoder: a branch saved with a road-name address and no coordinates gets them from the Kakao Local API
 * (https://dapi.kakao.com/v2/local/search/address.json, header `Authorization: KakaoAK <REST API key>`) when
 * KAKAO_REST_API_KEY is set. A failure or an answer outside Korea leaves the branch without coordinates: saving never
 * waits on it for more than a few seconds, and never fails because of it. Tests inject `fetch`.
 */
import { inBox, KOREA_BOUNDS, roundCoordinate, type Point } from '../../lib/geo.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import type { BranchInput } from '../listings/index.js';

export type Geocoder = (address: string) => Promise<Point | null>;
type Fetch = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ ok: boolean; json(): Promise<unknown> }>;

export const KAKAO_ADDRESS_URL = 'https://dapi.kakao.com/v2/local/search/address.json';

export function createKakaoGeocoder(opts: { apiKey: string; fetch?: Fetch; timeoutMs?: number }): Geocoder {
  const get: Fetch = opts.fetch ?? ((url, init) => fetch(url, init));
  return async (address) => {
    const url = `${KAKAO_ADDRESS_URL}?${new URLSearchParams({ query: address, size: '1' }).toString()}`;
    const res = await get(url, {
      headers: { Authorization: `KakaoAK ${opts.apiKey}` },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { documents?: Array<{ x?: unknown; y?: unknown }> };
    const doc = body.documents?.[0];
    const lat = Number(doc?.y);
    const lng = Number(doc?.x);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
    const p = { lat: roundCoordinate(lat), lng: roundCoordinate(lng) };
    return inBox(p, KOREA_BOUNDS) ? p : null;
  };
}

/** Fills the coordinates of branches that have a road address and none typed or pinned. Returns how many it filled. */
export async function fillCoordinates(branches: BranchInput[], geocode: Geocoder, onError: (err: unknown) => void): Promise<number> {
  let filled = 0;
  for (const b of branches) {
    if ((b.lat !== null && b.lat !== undefined) || !b.roadName || !b.buildingNo) continue;
    try {
      const p = await geocode(formatRoadAddress({ ...b, detail: null }));
      if (p) {
        b.lat = p.lat;
        b.lng = p.lng;
        filled++;
      }
    } catch (err) {
      onError(err);
    }
  }
  return filled;
}
