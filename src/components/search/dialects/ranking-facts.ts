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
/** At most this many distinct words of a query are placed (each costs a position per candidate). */
export const MAX_WORDS = 8;
/**
 * How a candidate's facts travel packed in one integer: the tier in the low three bits, then found, places and
 * evidence, the phrase and name hits, featured and expired as flags (multipliers below). One value per candidate for
 * the driver to hand over and JSON to carry, instead of nine.
 */
export const PACK = { found: 8, places: 128, evidence: 2048, hit: 131072, name: 262144, featured: 524288, expired: 1048576 } as const;

/** A code's tier (a PLACE word counts as 0) and its share of the packed sums (found, places, evidence), index = code. */
const TIER_OF = WORD_WEIGHTS.map((_, c) => (c === PLACE ? 0 : c));
const SHARE_OF = WORD_WEIGHTS.map((w, c) => (c === 7 ? 0 : PACK.found) + (c === PLACE ? PACK.places : 0) + PACK.evidence * w);

/** The activity points of a recent-use figure (the same steps as the SQL). */
export function activityPoints(used: number): number {
  return ACTIVITY_STEPS.filter((s) => used >= s).length;
}

/** `CASE <code> WHEN 0 THEN values[0] … END`: a code's value looked up with the code computed once (codes are 0–8). */
const lookup = (code: string, values: number[]) => `CASE ${code} ${values.map((v, c) => `WHEN ${c} THEN ${v}`).join(' ')} END`;

/**
 * The packed evidence of a text query (PACK: phrase hit, tier, found, places, evidence) over the needle positions
 * w<i> (needle i's position in the haystack: columns of `spots r`, or `inline` of the subquery `h` beside the
 * document `d`; see factsCte), with its bindings in the order of the text. The codes are lookups on
 * columns (no correlated subquery per candidate); the category section is searched only for a word first found in
 * the description (whether its category says it too).
 */
function packedEvidence(
  needles: string[],
  words: string[],
  compact: string,
  d: FactsDialect,
  inline: boolean,
): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  // Inline, the positions come from the subquery `h` and the document's columns from `d`; else both from `spots r`.
  const [h, r] = inline ? ['h', 'd'] : ['r', 'r'];
  const at = (w: string) => `${h}.w${needles.indexOf(w)}`;
  // A word's evidence code (WORD_CODES): its first section, and for the description whether a category says it too.
  const code = (w: string) => {
    bindings.push(w);
    const p = at(w);
    return `CASE WHEN ${r}.more_at = 0 THEN CASE WHEN ${p} = 0 THEN 7 ELSE 5 END
      WHEN ${p} = 0 THEN 7 WHEN ${p} < ${r}.trade_at THEN 0 WHEN ${p} < ${r}.kw_at THEN 1 WHEN ${p} < ${r}.place_at THEN 2
      WHEN ${p} < ${r}.body_at THEN ${PLACE} WHEN ${p} < ${r}.category_at
      THEN CASE WHEN ${d.pos(`substr(${r}.haystack, ${r}.category_at, ${r}.more_at - ${r}.category_at)`, '?')} > 0 THEN 3 ELSE 5 END
      WHEN ${p} < ${r}.more_at THEN 4 ELSE 6 END`;
  };
  const hit = compact ? `CASE WHEN ${at(compact)} > 0 THEN 1 ELSE 0 END` : '0';
  // Each word: the worst tier (greatest) and the sum of the shares; one word: both in one lookup.
  const apart = () => {
    if (words.length === 1) return lookup(code(words[0]), TIER_OF.map((t, c) => t + SHARE_OF[c]));
    const tiers = d.greatest(words.map((w) => lookup(code(w), TIER_OF)));
    return `${tiers} + ${words.map((w) => lookup(code(w), SHARE_OF)).join(' + ')}`;
  };
  let sql: string;
  if (words.length === 0) sql = `${hit} * ${PACK.hit}`;
  // Several words found as one substring (축하 화환 in 축하화환 3단) are placed as that substring, so spacing never
  // changes the order of such listings: each word gets the code of the compact form.
  else if (words.length > 1 && compact !== '' && !words.includes(compact)) {
    const one = lookup(code(compact), TIER_OF.map((t, c) => PACK.hit + t + words.length * SHARE_OF[c]));
    sql = `CASE WHEN ${hit} = 1 THEN ${one} ELSE ${apart()} END`;
  } else sql = `${hit} * ${PACK.hit} + ${apart()}`;
  return { sql, bindings };
}

/**
 * `, ranked AS MATERIALIZED (…), facts AS NOT MATERIALIZED (…)` over `picked(id, score)`, with its bindings: one materialised row per
 * candidate, read from its search document alone (no listings row, migration 20261207150000).
 * A text query computes each needle's position once per candidate (FactsDialect.positions): in a step of its own
 * (`spots`, a column each) that `ranked` reads, or in a scalar subquery over a FROM-less SELECT inside `ranked` (one
 * materialisation fewer); `ranked` turns them into the packed evidence (packedEvidence). Recent use turns into points
 * inside one aggregate (the sum is computed once however often the CASE names it). `featured` and `expired` are as of
 * `n.now`.
 */
export function factsCte(n: Needles, d: FactsDialect): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  let nameHit = '0';
  if (n.kind === 'text' && n.compact) {
    bindings.push(n.compact);
    nameHit = `CASE WHEN ${d.pos('d.name_norm', '?')} > 0 THEN 1 ELSE 0 END`;
  }
  bindings.push(n.now, n.now, n.since, n.staleBefore, REVIEWS_MIN);
  const flags = 'CASE WHEN d.featured_until > ? THEN 1 ELSE 0 END AS featured, CASE WHEN d.expires_at <= ? THEN 1 ELSE 0 END AS expired';
  // One position per distinct needle: a one-word query's word is its compact form, searched once. Past MAX_WORDS
  // words the rest only match (rare, and each word costs a position per candidate).
  const words = n.kind === 'text' ? [...new Set(n.words)].slice(0, MAX_WORDS) : [];
  const needles = n.kind === 'text' ? [...new Set([...(n.compact ? [n.compact] : []), ...words])] : [];
  let hitTier = '0';
  if (n.kind === 'choseong') {
    // 초성: a whole word 0; the start or the end of a word 2 (고향국밥: a trade word usually ends a shop's name); inside 3.
    bindings.push(` ${n.compact} `, ` ${n.compact}`, `${n.compact} `);
    const inWords = `${d.pos('d.choseong_words', '?')} > 0`;
    hitTier = `CASE WHEN ${inWords} THEN 0 WHEN ${inWords} OR ${inWords} THEN 2 ELSE 3 END`;
  } else if (n.kind === 'phone') {
    bindings.push(` ${n.compact} `);
    hitTier = `CASE WHEN ${d.pos(`(' ' || d.phones_t || ' ')`, '?')} > 0 THEN 0 ELSE 2 END`;
  }
  const [one, two, three] = ACTIVITY_STEPS;
  // A constant of the code, written out: the same expression each time, so the engine sums once.
  const use = `s.views + ${CALL_WEIGHT} * s.calls`;
  const activity = `(SELECT CASE WHEN sum(${use}) >= ${three} THEN 3 WHEN sum(${use}) >= ${two} THEN 2 WHEN sum(${use}) >= ${one} THEN 1 ELSE 0 END
      FROM listing_daily_stats s WHERE s.listing_id = p.id AND s.day >= ?)`;
  // confirmed_at is null for classifieds: only business listings go stale.
  const stale = `CASE WHEN d.confirmed_at < ? THEN ${STALE_PENALTY} ELSE 0 END`;
  // Reviews, lightly: a few points once enough different accounts reviewed the listing (README "How results are ordered").
  const reviewed = `CASE WHEN (SELECT count(DISTINCT rv.user_id) FROM reviews rv WHERE rv.listing_id = p.id AND rv.status = 'visible') >= ? THEN ${REVIEW_POINTS} ELSE 0 END`;
  const base = `p.id, p.score, d.name_norm, d.districts, d.category_id, d.published_at, ${nameHit} AS name_hit, ${flags},
      d.quality + ${activity} - ${stale} + ${reviewed} AS quality`;
  const from = 'FROM picked p JOIN search_documents d ON d.listing_id = p.id';
  const kept = 'r.id, r.score, r.name_norm, r.districts, r.category_id, r.published_at, r.name_hit, r.featured, r.expired, r.quality';
  let ranked: string;
  if (needles.length > 0) {
    const positions = needles.map((_, i) => `${d.pos('d.haystack', '?')} AS w${i}`).join(', ');
    const evidence = packedEvidence(needles, words, n.compact, d, d.positions !== 'materialized');
    // Bindings in the order of the text: the positions' before the evidence's in `spots`, after them in the subquery.
    if (d.positions === 'materialized') {
      bindings.push(...needles, ...evidence.bindings);
      ranked = `, spots AS MATERIALIZED (SELECT ${base}, ${positions},
      d.haystack, d.trade_at, d.kw_at, d.place_at, d.body_at, d.category_at, d.more_at ${from}),
    ranked AS MATERIALIZED (SELECT ${kept}, ${evidence.sql} AS hit_tier FROM spots r)`;
    } else {
      bindings.push(...evidence.bindings, ...needles);
      ranked = `, ranked AS MATERIALIZED (SELECT ${base}, (SELECT ${evidence.sql} FROM (SELECT ${positions}${d.positions.fence}) h) AS hit_tier ${from})`;
    }
  } else ranked = `, ranked AS MATERIALIZED (SELECT ${base}, ${hitTier} AS hit_tier ${from})`;
  const packed = `r.hit_tier + ${PACK.name} * r.name_hit + ${PACK.featured} * r.featured + ${PACK.expired} * r.expired`;
  const sql = `${ranked},
    facts AS NOT MATERIALIZED (SELECT ${kept}, r.hit_tier / ${PACK.hit} AS compact_hit, r.hit_tier % 8 AS tier,
      (r.hit_tier / ${PACK.found}) % 16 AS found, (r.hit_tier / ${PACK.places}) % 16 AS places, (r.hit_tier / ${PACK.evidence}) % 64 AS evidence,
      ${packed} AS packed FROM ranked r)`;
  return { sql, bindings };
}

/**
 * The relevance order of the facts (the same as sortRanked): exact name; the evidence — the whole query as one
 * substring (a phrase), the worst-placed word's section (tier), the whole query in the names, how many words were found, how many
 * place words one of the listing's own branches holds, the field-weighted sum of where the words are; then quality
 * (completeness, origin, freshness and damped recent use), featured. Bindings: compact, compact. Every fact is
 * computed by the same SQL on both engines, so both give the same order (the engine's own bm25 / ts_rank score is
 * reported by explain but never ordered on: the two formulas differ).
 */
export const RELEVANCE_ORDER = `CASE WHEN CAST(? AS TEXT) <> '' AND f.name_norm = ? THEN 1 ELSE 0 END DESC,
  f.compact_hit DESC, f.tier, f.name_hit DESC, f.found DESC, f.places DESC, f.evidence DESC, f.quality DESC, f.featured DESC`;

/**
 * The values of one search's facts row, in the order both dialects return them: the packed facts (PACK), then what the
 * results page needs of every candidate (its facets) and what the other sorts compare.
 */
export const FACT_COLUMNS = 'f.id, f.score, f.packed, f.quality, f.category_id, f.districts, f.name_norm, f.published_at';
