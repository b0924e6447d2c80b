/** A parsed query → what the engine is asked: match clauses, the ranking facts' needles, one-syllable typo variants. */
import { seoulParts } from '../../lib/clock.js';
import type { Clause } from './dialects/match-expression.js';
import type { Needles } from './dialects/candidate-plan.js';
import { ACTIVITY_DAYS } from './dialects/ranking-facts.js';
import { categoryToken, districtToken, kindToken, type ParsedQuery } from './search-tokens.js';

export function clausesFor(p: ParsedQuery, filters: { categoryId?: number; districts: string[]; kind?: string }): Clause[] {
  const clauses: Clause[] = [];
  // Phone tokens are whole numbers and their tails (see phoneTokens); as a prefix, the first digits find them too.
  if (p.phoneDigits) clauses.push({ anyOf: [p.phoneDigits], fields: ['phones'], prefix: true });
  if (p.choseong) clauses.push({ anyOf: [p.choseong], fields: ['choseong'], prefix: true });
  for (const t of p.terms) clauses.push(p.singleSyllable ? { anyOf: [t], fields: ['name', 'keywords'] } : { anyOf: [t] });
  const districts = [...new Set([...p.districts, ...filters.districts])];
  if (districts.length) clauses.push({ anyOf: districts.map(districtToken), fields: ['facets'] });
  if (filters.categoryId) clauses.push({ anyOf: [categoryToken(filters.categoryId)], fields: ['facets'] });
  if (filters.kind) clauses.push({ anyOf: [kindToken(filters.kind)], fields: ['facets'] });
  return clauses;
}

/**
 * Queries for one wrong, extra or missing syllable in a Hangul run of 3+ syllables:
 * drop the pairs that touch one syllable (wrong or extra), or drop one pair (missing).
 */
export function typoVariants(p: ParsedQuery): ParsedQuery[] {
  const out: ParsedQuery[] = [];
  for (const word of p.words) {
    const chars = [...word];
    if (chars.length < 3 || !/^[\uAC00-\uD7A3]+$/.test(word)) continue;
    const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
    const others = p.terms.filter((t) => !word.includes(t));
    const variant = (kept: string[]) =>
      out.push({ ...p, terms: [...new Set([...others, ...kept])], words: p.words.filter((w) => w !== word) });
    for (let skip = 0; skip < chars.length; skip++) variant(pairs.filter((_, i) => i !== skip && i + 1 !== skip));
    for (let drop = 0; drop < pairs.length; drop++) variant(pairs.filter((_, i) => i !== drop));
  }
  return out.filter((v) => v.terms.length > 0);
}

/** What the ranking facts test for a parsed query (see Needles). */
export function needlesFor(p: ParsedQuery, now: Date, staleAfterDays: number): Needles {
  const since = seoulParts(new Date(now.getTime() - (ACTIVITY_DAYS - 1) * 86_400_000)).day;
  const staleBefore = new Date(now.getTime() - staleAfterDays * 86_400_000);
  if (p.phoneDigits) return { kind: 'phone', compact: p.phoneDigits, words: [], since, staleBefore, now };
  if (p.choseong) return { kind: 'choseong', compact: p.choseong, words: [], since, staleBefore, now };
  return { kind: 'text', compact: p.compact, words: p.words, since, staleBefore, now };
}
