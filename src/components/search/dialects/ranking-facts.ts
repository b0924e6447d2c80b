/**
 * The ranking facts of a search's candidates, as one CTE both dialects share (`facts`): name_hit, compact_hit, tier,
 * quality (see the README's "How results are ordered"). Only the position function differs per engine.
 *  - tier: where the worst-placed query word first occurs: 0 names, 1 own category or brand, 2 keywords, 3 body,
 *    4 nowhere (the query matched through its pairs only). 초성: 0 a whole word, 2 a word start, 3 inside a word.
 *    Phone: 0 the whole number, 2 its first digits.
 *  - quality: the document's static quality + 0–3 points of recent use (views + 5 × calls over ACTIVITY_DAYS days),
 *    in steps of about ×3, so one busy month cannot outweigh what a listing tells its customers; minus STALE_PENALTY
 *    for a business listing unconfirmed for STALE_AFTER_DAYS (its page says its facts may be out of date); plus
 *    REVIEW_POINTS once REVIEWS_MIN different accounts have a visible review of it.
 */
import type { FactsDialect, Needles } from './candidate-plan.js';

/** Recent use (views + CALL_WEIGHT × calls) needed for 1, 2, 3 points. */
export const ACTIVITY_STEPS = [3, 10, 30] as const;
export const CALL_WEIGHT = 5;
/** Points a stale business listing (unconfirmed past STALE_AFTER_DAYS) loses: below fresh ones of the same standing. */
export const STALE_PENALTY = 3;
/** Days of daily counters counted as "recent" (today included). */
export const ACTIVITY_DAYS = 28;
/** Reviews: +REVIEW_POINTS quality once a listing has visible reviews from at least REVIEWS_MIN different accounts; never more. */
export const REVIEWS_MIN = 3;
export const REVIEW_POINTS = 1;

/** The activity points of a recent-use figure (the same steps as the SQL). */
export function activityPoints(used: number): number {
  return ACTIVITY_STEPS.filter((s) => used >= s).length;
}

/** `, facts AS MATERIALIZED (…)` over `picked(id, score)`, with its bindings. */
export function factsCte(n: Needles, d: FactsDialect): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  const hit = (text: string, needle: string) => {
    bindings.push(needle);
    return `CASE WHEN ${d.pos(text, '?')} > 0 THEN 1 ELSE 0 END`;
  };
  const cols: string[] = [];
  let tier: string;
  let compactHit = 'x.compact_hit';
  if (n.kind === 'text') {
    cols.push(`${n.compact ? hit('d.name_norm', n.compact) : '0'} AS name_hit`);
    // One position per distinct needle: a one-word query's word is its compact form, searched once.
    const needles = [...new Set([...(n.compact ? [n.compact] : []), ...n.words])];
    needles.forEach((w, i) => {
      bindings.push(w);
      cols.push(`${d.pos('d.haystack', '?')} AS w${i}`);
    });
    const at = (w: string) => `x.w${needles.indexOf(w)}`;
    compactHit = n.compact ? `CASE WHEN ${at(n.compact)} > 0 THEN 1 ELSE 0 END` : '0';
    const section = (c: string) => `CASE WHEN ${c} = 0 THEN 4 WHEN ${c} < x.trade_at THEN 0 WHEN ${c} < x.kw_at THEN 1 WHEN ${c} < x.body_at THEN 2 ELSE 3 END`;
    const each = [...new Set(n.words)].map((w) => section(at(w)));
    tier = each.length === 0 ? '0' : each.length === 1 ? each[0] : d.greatest(each);
  } else {
    cols.push('0 AS name_hit', '0 AS compact_hit');
    if (n.kind === 'choseong') {
      bindings.push(` ${n.compact} `, ` ${n.compact}`);
      cols.push(`CASE WHEN ${d.pos('d.choseong_words', '?')} > 0 THEN 0 WHEN ${d.pos('d.choseong_words', '?')} > 0 THEN 2 ELSE 3 END AS tier0`);
    } else {
      bindings.push(` ${n.compact} `);
      cols.push(`CASE WHEN ${d.pos(`(' ' || d.phones_t || ' ')`, '?')} > 0 THEN 0 ELSE 2 END AS tier0`);
    }
    tier = 'x.tier0';
  }
  bindings.push(CALL_WEIGHT, n.since, n.staleBefore, REVIEWS_MIN);
  const stale = `CASE WHEN l.kind = 'business' AND coalesce(l.last_confirmed_at, l.created_at) < ? THEN ${STALE_PENALTY} ELSE 0 END`;
  const used = `(SELECT coalesce(sum(s.views + ? * s.calls), 0) FROM listing_daily_stats s WHERE s.listing_id = p.id AND s.day >= ?)`;
  const reviewed = `CASE WHEN (SELECT count(DISTINCT rv.user_id) FROM reviews rv WHERE rv.listing_id = p.id AND rv.status = 'visible') >= ? THEN ${REVIEW_POINTS} ELSE 0 END`;
  const [one, two, three] = ACTIVITY_STEPS;
  // Two materialised steps: the positions are computed once per candidate (a subquery in FROM would be flattened,
  // and each use of a position in the tier's CASE would search the text again).
  const sql = `, positions AS MATERIALIZED (SELECT p.id, p.score, d.name_norm, d.districts, d.category_id, d.published_at, d.expires_at, d.featured_until,
      d.trade_at, d.kw_at, d.body_at, d.quality AS base_quality, ${cols.join(', ')}, ${used} AS used, ${stale} AS stale, ${reviewed} AS reviewed
      FROM picked p JOIN search_documents d ON d.listing_id = p.id JOIN listings l ON l.id = p.id),
    facts AS MATERIALIZED (SELECT x.id, x.score, x.name_norm, x.districts, x.category_id, x.published_at, x.expires_at, x.featured_until,
      x.name_hit, ${compactHit} AS compact_hit, ${tier} AS tier,
      x.base_quality + CASE WHEN x.used >= ${three} THEN 3 WHEN x.used >= ${two} THEN 2 WHEN x.used >= ${one} THEN 1 ELSE 0 END - x.stale + x.reviewed AS quality
    FROM positions x)`;
  return { sql, bindings };
}

/**
 * The relevance order of the facts (the same as sortRanked): exact name, identity (name or own trade), the whole query
 * as one substring, tier, quality, featured, newest. Bindings: compact, compact, now. No engine score: bm25 and
 * ts_rank differ, and the tier already says which field matched, so both engines give the same order.
 */
export const RELEVANCE_ORDER = `CASE WHEN CAST(? AS TEXT) <> '' AND f.name_norm = ? THEN 1 ELSE 0 END DESC,
  CASE WHEN f.name_hit = 1 OR f.tier <= 1 THEN 1 ELSE 0 END DESC, f.compact_hit DESC, CASE WHEN f.name_hit = 1 OR f.tier <= 1 THEN 0 ELSE f.tier END, f.quality DESC,
  CASE WHEN f.featured_until > ? THEN 1 ELSE 0 END DESC`;

/** The values of one search's facts row, in the order both dialects return them. */
export const FACT_COLUMNS = 'f.id, f.score, f.name_norm, f.districts, f.category_id, f.published_at, f.expires_at, f.featured_until, f.name_hit, f.compact_hit, f.tier, f.quality';
