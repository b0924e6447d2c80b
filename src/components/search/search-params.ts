/** What a search asks for: types only, shared by the service, the near-me ordering and the public API. */
import type { Point } from '../../lib/geo.js';
import type { SortKey } from './search-ranking.js';

export interface NearSearch { point: Point; radiusKm: number | null }

export interface SearchParams {
  q: string;
  category?: string;
  district?: string;
  kind?: 'business' | 'classified';
  openNow?: boolean;
  sort: SortKey;
  page: number;
  pageSize: number;
  /** Search exactly what was typed: no keyboard-layout conversion. */
  literal?: boolean;
  /** Sort by distance from this point (the relevance sort is then only the order of the listings with no location). */
  near?: NearSearch;
}
