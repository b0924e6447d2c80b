/**
 * The ranking facts of one result, as `/api/search?...&explain=1` shows them (admins, or development only): what the
 * relevance order compared, in that order, so a wrong order can be diagnosed without reading SQL (docs/search.md).
 */
import { WORD_CODES } from './dialects/ranking-facts.js';
import type { Ranked } from './search-ranking.js';
import type { ParsedQuery } from './search-tokens.js';

export interface RankingFacts {
  exactName: boolean;
  /** The whole query (spaces removed) as one substring of the listing's text. */
  phrase: boolean;
  /** The worst-placed word's section: a code and its name (WORD_CODES; 초성 and phone queries use 0, 2, 3). */
  tier: number;
  tierName: string;
  nameHit: boolean;
  wordsFound: number;
  /** Query words that are the road, 동 or 구 of one of the listing's own branches. */
  placeWords: number;
  /** Field-weighted sum over the words (WORD_WEIGHTS). */
  evidence: number;
  /** Completeness, origin, freshness and damped recent use. */
  quality: number;
  featured: boolean;
  /** The engine's own score (−bm25 on SQLite, ts_rank on PostgreSQL; 1 or 0 past the ranked window): shown, never ordered on. */
  engineScore: number;
  /** The query's kind of match and its price range, when it named one. */
  match: 'text' | 'choseong' | 'phone';
  price: { min: number; max: number | null } | null;
}

export function rankingFacts(r: Ranked, q: ParsedQuery): RankingFacts {
  const match = q.phoneDigits ? 'phone' : q.choseong ? 'choseong' : 'text';
  return {
    exactName: r.exactName, phrase: r.compactHit, tier: r.tier,
    tierName: match === 'text' ? (WORD_CODES[r.tier] ?? 'nowhere') : match === 'phone' ? (r.tier === 0 ? 'whole number' : 'first digits')
      : r.tier === 0 ? 'whole word' : r.tier === 2 ? 'word start or end' : 'inside a word',
    nameHit: r.nameHit, wordsFound: r.found, placeWords: r.places, evidence: r.evidence, quality: r.quality, featured: r.featured,
    engineScore: Math.round(r.score * 1e6) / 1e6, match, price: q.price ? { min: q.price.min, max: q.price.max } : null,
  };
}
