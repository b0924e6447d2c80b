/**
 * The ranking facts of a search's candidates, as one CTE both dialects share (`facts`): name_hit, compact_hit, tier,
 * quality (see the README's "How results are ordered"). Only the position function differs per engine.
 *  - tier: where the worst-placed query word first occurs: 0 names, 1 own category or brand, 2 keywords, 3 body,
 *    4 nowhere (the query matched through its pairs only). 초성: 0 a whole word, 2 a word's start or end, 3 inside.
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

/**
 * `, ranked AS MATERIALIZED (…), facts AS NOT MATERIALIZED (…)` over `picked(id, score)`, with its bindings: one materialised row per
 * candidate, read from its search document alone (no listings row, migration 20261207150000).
 * Each position is computed once: the tier's CASE uses a position up to four times, so the positions come from a
 * scalar subquery over a FROM-less SELECT, which neither engine flattens (PostgreSQL needs the OFFSET 0 fence), and
 * the substring hit and the tier travel packed as compact_hit × 8 + tier. Recent use turns into points inside one
 * aggregate (the sum is computed once however often the CASE names it).
 */
export function factsCte(n: Needles, d: FactsDialect): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  let nameHit = '0';
  let hitTier: string;
  if (n.kind === 'text') {
    if (n.compact) {
      bindings.push(n.compact);
      nameHit = `CASE WHEN ${d.pos('d.name_norm', '?')} > 0 THEN 1 ELSE 0 END`;
    }
    // One position per distinct needle: a one-word query's word is its compact form, searched once.
    const needles = [...new Set([...(n.compact ? [n.compact] : []), ...n.words])];
    bindings.push(...needles);
    const at = (w: string) => `h.w${needles.indexOf(w)}`;
    const compactHit = n.compact ? `CASE WHEN ${at(n.compact)} > 0 THEN 8 ELSE 0 END` : '0';
    const section = (c: string) => `CASE WHEN ${c} = 0 THEN 4 WHEN ${c} < d.trade_at THEN 0 WHEN ${c} < d.kw_at THEN 1 WHEN ${c} < d.body_at THEN 2 ELSE 3 END`;
    const each = [...new Set(n.words)].map((w) => section(at(w)));
    const tier = each.length === 0 ? '0' : each.length === 1 ? each[0] : d.greatest(each);
    const positions = needles.map((_, i) => `${d.pos('d.haystack', '?')} AS w${i}`).join(', ');
    hitTier = needles.length === 0 ? '0' : `(SELECT ${compactHit} + ${tier} FROM (SELECT ${positions}${d.fence}) h)`;
  } else if (n.kind === 'choseong') {
    // 초성: a whole word 0; the start or the end of a word 2 (고향국밥: a trade word usually ends a shop's name); inside 3.
    bindings.push(` ${n.compact} `, ` ${n.compact}`, `${n.compact} `);
    const inWords = `${d.pos('d.choseong_words', '?')} > 0`;
    hitTier = `CASE WHEN ${inWords} THEN 0 WHEN ${inWords} OR ${inWords} THEN 2 ELSE 3 END`;
  } else {
    bindings.push(` ${n.compact} `);
    hitTier = `CASE WHEN ${d.pos(`(' ' || d.phones_t || ' ')`, '?')} > 0 THEN 0 ELSE 2 END`;
  }
  bindings.push(n.since, n.staleBefore, REVIEWS_MIN);
  const [one, two, three] = ACTIVITY_STEPS;
  // A constant of the code, written out: the same expression each time, so the engine sums once.
  const use = `s.views + ${CALL_WEIGHT} * s.calls`;
  const activity = `(SELECT CASE WHEN sum(${use}) >= ${three} THEN 3 WHEN sum(${use}) >= ${two} THEN 2 WHEN sum(${use}) >= ${one} THEN 1 ELSE 0 END
      FROM listing_daily_stats s WHERE s.listing_id = p.id AND s.day >= ?)`;
  // confirmed_at is null for classifieds: only business listings go stale.
  const stale = `CASE WHEN d.confirmed_at < ? THEN ${STALE_PENALTY} ELSE 0 END`;
  // Reviews, lightly: a few points once enough different accounts reviewed the listing (README "How results are ordered").
  const reviewed = `CASE WHEN (SELECT count(DISTINCT rv.user_id) FROM reviews rv WHERE rv.listing_id = p.id AND rv.status = 'visible') >= ? THEN ${REVIEW_POINTS} ELSE 0 END`;
  const sql = `, ranked AS MATERIALIZED (SELECT p.id, p.score, d.name_norm, d.districts, d.category_id, d.published_at, d.expires_at, d.featured_until,
      ${nameHit} AS name_hit, ${hitTier} AS hit_tier, d.quality + ${activity} - ${stale} + ${reviewed} AS quality
      FROM picked p JOIN search_documents d ON d.listing_id = p.id),
    facts AS NOT MATERIALIZED (SELECT r.id, r.score, r.name_norm, r.districts, r.category_id, r.published_at, r.expires_at, r.featured_until,
      r.name_hit, r.hit_tier / 8 AS compact_hit, r.hit_tier % 8 AS tier, r.quality FROM ranked r)`;
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
