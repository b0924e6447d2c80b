/**
 * The ranking facts of a search's candidates, as one CTE both dialects share (`facts`): name_hit, compact_hit, tier,
 * found, places, evidence, quality (docs/search.md). Only the position function differs per engine.
 *  - tier: the worst-placed query word's code (WORD_CODES; a PLACE word counts as 0: one of the listing's branches is
 *    there); found: the words found as written; places: the PLACE words; evidence: the sum of the words' WORD_WEIGHTS.
 *    초성: 0 a whole word, 2 a word's start or end, 3 inside.
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

/**
 * Where a query word was first found in a listing's sectioned text (search-document.ts), best first: 0 its names,
 * 1 its own words (brands, tags, tagline), 2 its offers, 3 its description and its own category (it names the thing and
 * is filed under it), 4 its own category alone (a synonym), 5 its description alone, 6 a parent category, 7 nowhere
 * (the word matched through its syllable pairs only), PLACE one of its own branches' road, 동 or 구.
 */
export const WORD_CODES = [
  'names',
  'own words',
  'offers',
  'description and category',
  'category',
  'description',
  'parent category',
  'nowhere',
] as const;
export const PLACE = 8;
/** The weight of each code in the field-weighted evidence sum (index = code; PLACE weighs as a description with its category). */
export const WORD_WEIGHTS = [6, 5, 4, 3, 2, 1, 1, 0, 3] as const;
/** At most this many distinct words of a query are placed (each costs two positions per candidate). */
export const MAX_WORDS = 8;
/** How the facts of a text query travel packed in one integer (a scalar subquery has one column). */
const PACK = { found: 8, places: 128, evidence: 2048, hit: 131072 } as const;

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
    // One position per distinct needle: a one-word query's word is its compact form, searched once. Past MAX_WORDS
    // words the rest only match (rare, and each word costs two positions per candidate).
    const words = [...new Set(n.words)].slice(0, MAX_WORDS);
    const needles = [...new Set([...(n.compact ? [n.compact] : []), ...words])];
    // Several words found as one substring (축하 화환 in 축하화환 3단) are placed as that substring, so spacing never
    // changes the order of such listings: `placed` are the needles that get a code (the words, and then the compact form).
    const asOne = words.length > 1 && n.compact !== '' && !words.includes(n.compact);
    const placed = asOne ? [...words, n.compact] : words;
    bindings.push(...needles, ...placed);
    const at = (w: string) => `h.w${needles.indexOf(w)}`;
    const hit = n.compact ? `CASE WHEN ${at(n.compact)} > 0 THEN 1 ELSE 0 END` : '0';
    // A word's evidence code (WORD_CODES): its first section, and for the description whether a category says it too.
    const code = (w: string, i: number) => `CASE WHEN d.more_at = 0 THEN CASE WHEN ${at(w)} = 0 THEN 7 ELSE 5 END
      WHEN ${at(w)} = 0 THEN 7 WHEN ${at(w)} < d.trade_at THEN 0 WHEN ${at(w)} < d.kw_at THEN 1 WHEN ${at(w)} < d.place_at THEN 2
      WHEN ${at(w)} < d.body_at THEN ${PLACE} WHEN ${at(w)} < d.category_at THEN CASE WHEN h.c${i} > 0 THEN 3 ELSE 5 END
      WHEN ${at(w)} < d.more_at THEN 4 ELSE 6 END AS t${i}`;
    const positions = [
      ...needles.map((_, i) => `${d.pos('d.haystack', '?')} AS w${i}`),
      ...placed.map((_, i) => `${d.pos('substr(d.haystack, d.category_at, d.more_at - d.category_at)', '?')} AS c${i}`),
    ].join(', ');
    const codeOf = (i: number) => (asOne ? `CASE WHEN k.hit = 1 THEN k.t${words.length} ELSE k.t${i} END` : `k.t${i}`);
    const each = (f: (t: string) => string) => (words.length === 0 ? '0' : words.map((_, i) => f(codeOf(i))).join(' + '));
    const tiers = words.map((_, i) => `CASE WHEN ${codeOf(i)} = ${PLACE} THEN 0 ELSE ${codeOf(i)} END`);
    const tier = tiers.length === 0 ? '0' : tiers.length === 1 ? tiers[0] : d.greatest(tiers);
    const found = each((t) => `CASE WHEN ${t} = 7 THEN 0 ELSE 1 END`);
    const places = each((t) => `CASE WHEN ${t} = ${PLACE} THEN 1 ELSE 0 END`);
    const evidence = each((t) => `CASE ${t} ${WORD_WEIGHTS.map((wt, c) => `WHEN ${c} THEN ${wt}`).join(' ')} ELSE 0 END`);
    const packed = `k.hit * ${PACK.hit} + ${tier} + ${PACK.found} * (${found}) + ${PACK.places} * (${places}) + ${PACK.evidence} * (${evidence})`;
    hitTier =
      needles.length === 0
        ? '0'
        : `(SELECT ${packed} FROM (SELECT ${hit} AS hit${placed.map((w, i) => `, ${code(w, i)}`).join('')} FROM (SELECT ${positions}${d.fence}) h${d.fence}) k)`;
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
      r.name_hit, r.hit_tier / ${PACK.hit} AS compact_hit, r.hit_tier % 8 AS tier, r.quality, (r.hit_tier / ${PACK.found}) % 16 AS found,
      (r.hit_tier / ${PACK.places}) % 16 AS places, (r.hit_tier / ${PACK.evidence}) % 64 AS evidence FROM ranked r)`;
  return { sql, bindings };
}

/**
 * The relevance order of the facts (the same as sortRanked): exact name; the evidence — the whole query as one
 * substring (a phrase), the worst-placed word's section (tier), the whole query in the names, how many words were found, how many
 * place words one of the listing's own branches holds, the field-weighted sum of where the words are; then quality
 * (completeness, origin, freshness and damped recent use), featured. Bindings: compact, compact, now. Every fact is
 * computed by the same SQL on both engines, so both give the same order (the engine's own bm25 / ts_rank score is
 * reported by explain but never ordered on: the two formulas differ).
 */
export const RELEVANCE_ORDER = `CASE WHEN CAST(? AS TEXT) <> '' AND f.name_norm = ? THEN 1 ELSE 0 END DESC,
  f.compact_hit DESC, f.tier, f.name_hit DESC, f.found DESC, f.places DESC, f.evidence DESC, f.quality DESC,
  CASE WHEN f.featured_until > ? THEN 1 ELSE 0 END DESC`;

/** The values of one search's facts row, in the order both dialects return them. */
export const FACT_COLUMNS =
  'f.id, f.score, f.name_norm, f.districts, f.category_id, f.published_at, f.expires_at, f.featured_until, f.name_hit, f.compact_hit, f.tier, f.quality, f.found, f.places, f.evidence';
