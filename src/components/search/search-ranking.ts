/**
 * Final ordering of a capped candidate set (the same order as RELEVANCE_ORDER in dialects/ranking-facts.ts): exact name;
 * then the evidence — the whole query as one substring (a phrase), the worst-placed word's section (tier: names, own
 * words, offers, description with category, category alone, description alone …), the whole query in the names, how many words
 * were found, how many place words a branch of the listing holds, the field-weighted sum; then quality (completeness,
 * origin, freshness, damped recent use); featured; newest. A category synonym alone (tier 4) never outranks a
 * listing whose own words name the thing.
 */
import type { CandidateMeta } from './search.repository.js';

export type SortKey = 'relevance' | 'newest' | 'name';

export interface Ranked extends CandidateMeta { score: number; exactName: boolean; identity: boolean }

/** Tiers at which a listing *is* the thing: its names, own words, offers or own category (never only its description). */
const IDENTITY_TIER = 4;

/** The unexpired candidates with what the order compares (featured and expired were taken at the search's instant). */
export function rankCandidates(cands: Array<CandidateMeta & { score: number }>, query: { compact: string }): Ranked[] {
  const out: Ranked[] = [];
  const compact = query.compact;
  for (const m of cands) {
    if (m.expired) continue;
    // Fields listed rather than spread: this runs for every candidate of every search.
    out.push({
      listingId: m.listingId,
      nameNorm: m.nameNorm,
      nameHit: m.nameHit,
      compactHit: m.compactHit,
      tier: m.tier,
      quality: m.quality,
      districts: m.districts,
      categoryId: m.categoryId,
      publishedAt: m.publishedAt,
      featured: m.featured,
      expired: false,
      score: m.score,
      found: m.found,
      places: m.places,
      evidence: m.evidence,
      exactName: compact !== '' && m.nameNorm === compact,
      identity: m.nameHit || m.tier <= IDENTITY_TIER,
    });
  }
  return out;
}

const bool = (b: boolean) => (b ? 1 : 0);

/** Relevance: the evidence first, then quality, featured, newest (see the file's comment). */
export function byRelevance(a: Ranked, b: Ranked): number {
  return bool(b.exactName) - bool(a.exactName)
    || bool(b.compactHit) - bool(a.compactHit)
    || a.tier - b.tier
    || bool(b.nameHit) - bool(a.nameHit)
    || b.found - a.found
    || b.places - a.places
    || b.evidence - a.evidence
    || b.quality - a.quality
    || bool(b.featured) - bool(a.featured)
    || b.listingId - a.listingId;
}

export function sortRanked(list: Ranked[], sort: SortKey): Ranked[] {
  const byId = (a: Ranked, b: Ranked) => b.listingId - a.listingId; // newer first among equals
  if (sort === 'newest') return list.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || byId(a, b));
  if (sort === 'name') return list.sort((a, b) => a.nameNorm.localeCompare(b.nameNorm, 'ko') || byId(a, b));
  return list.sort(byRelevance);
}

/** Syllable edit distance (Levenshtein), stopping early past 1: all that "did you mean" needs. */
function withinOneEdit(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Does the text hold a run within one syllable of the word (wrong, extra or missing syllable)? */
export function containsNearMiss(haystack: string, word: string): boolean {
  const w = [...word];
  const h = [...haystack];
  for (let len = w.length - 1; len <= w.length + 1; len++) {
    for (let start = 0; start + len <= h.length; start++) if (withinOneEdit(h.slice(start, start + len), w)) return true;
  }
  return false;
}

/**
 * Shops confirmed closed for good (폐업, components/facts) go after every open one, each group in the order the sort
 * gave it: their pages stay findable by name, but never ahead of a shop that is open.
 */
export function demoteOutOfBusiness<T extends { listingId: number }>(sorted: T[], closed: ReadonlySet<number>): T[] {
  if (closed.size === 0 || !sorted.some((r) => closed.has(r.listingId))) return sorted;
  return [...sorted.filter((r) => !closed.has(r.listingId)), ...sorted.filter((r) => closed.has(r.listingId))];
}
