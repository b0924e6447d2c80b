/**
 * One candidate fetch as the engine runs it in a single statement: count the matches (up to a limit), then either
 * rank them all (few matches) or take the newest matches in names, then the newest anywhere (many matches, unranked),
 * or simply the newest (sort by newest). Each dialect writes this plan in its own SQL; search-candidates.ts fills it in.
 */
import type { Clause } from './match-expression.js';

export interface CandidatePlan {
  clauses: Clause[];
  /** The same query restricted to names (the "newest in names first" step), or null to skip that step. */
  names: Clause[] | null;
  /** How many candidates come back at most. */
  cap: number;
  /** Matches are counted up to this many (a count equal to it means "at least"). */
  countLimit: number;
  /** Up to this many matches are ranked by the engine; more take the newest-first path. */
  rankLimit: number;
  /** Sort by newest: the newest matches, never ranked. */
  newest: boolean;
  /**
   * The highest listing id in the index, as read a few seconds ago (listings added since may be missing): lets a
   * dialect look for "the newest N matches" among the newest listings first. Results never depend on it.
   */
  newestId?: number;
}

/**
 * What the ranking facts test, computed next to the candidates so the text never travels (see ranking-facts.ts):
 *  - text: `compact` (the query without spaces) and `words` in the sectioned haystack;
 *  - choseong: `compact` (the initials) as a whole word, or a word start, of the names' and categories' 초성;
 *  - phone: `compact` (national digits) as a whole number token, else it matched as the first digits.
 * `since`: the first Seoul day (YYYY-MM-DD) of the recent use counted into quality.
 * `staleBefore`: a business listing last confirmed (or, never confirmed, created) before this loses STALE_PENALTY points.
 * `now`: the instant the featured and expired flags are taken at.
 */
export interface Needles { kind: 'text' | 'choseong' | 'phone'; compact: string; words: string[]; since: string; staleBefore: Date; now: Date }

/**
 * The page a search will most likely show, fetched with its candidates: the same order as sortRanked (relevance or
 * newest) over the unexpired candidates, offset and limit applied. Only a prefetch: the caller sorts for itself and
 * fetches whatever the page needs that did not come.
 */
export interface PagePrefetch { sort: 'relevance' | 'newest'; offset: number; limit: number; compact: string }

/** The SQL a dialect lends the shared ranking-facts builder. */
export interface FactsDialect {
  /** 1-based position of `needle` in `text`, 0 when absent. */
  pos(text: string, needle: string): string;
  /** The largest of several integer expressions (at least two). */
  greatest(xs: string[]): string;
  /**
   * How a text query's needle positions are computed once per candidate (factsCte): `materialized`, a step of their
   * own; or inline, a scalar subquery over a FROM-less SELECT ending in this fence ('' when the engine never flattens
   * it). Measured per engine (docs/search-engine.md).
   */
  positions: 'materialized' | { fence: string };
}
