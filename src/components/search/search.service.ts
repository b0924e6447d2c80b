/** Search: query → clauses → capped candidates from the engine → ranking, filters, facets, page, suggestions. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { cachedFor } from '../../lib/cached.js';
import { listCategories, openState, type Category, type DayHours, type DayOverrides } from '../listings/index.js';
import { phoneQueryDigits } from '../phones/index.js';
import { normaliseText, parseQuery, type ParsedQuery } from './search-tokens.js';
import { containsNearMiss, demoteOutOfBusiness, rankCandidates, sortRanked, type Ranked } from './search-ranking.js';
import * as repo from './search.repository.js';
import { COUNT_LIMIT, findCandidates, suggestCandidates } from './search-candidates.js';
import type { Clause } from './dialects/match-expression.js';
import { clausesFor, needlesFor, typoVariants } from './search-clauses.js';
import { keyboardReadings } from './search-typos.js';
import { createShortWordCorrector } from './search-correction.js';
import { orderByDistance } from './search-near.js';
import type { SearchParams } from './search-params.js';

export type { NearSearch, SearchParams } from './search-params.js';

/** Candidates ranked by the engine before the final ordering: bounds the work of very frequent terms. */
export const CANDIDATE_CAP = 200;

export interface SearchOutcome {
  /** The query whose results are shown (the converted one when Korean was typed in English keyboard mode). */
  parsed: ParsedQuery;
  /** What was typed, normalised. */
  typed: string;
  /** The Hangul query searched instead of a Latin one typed in English keyboard mode (zkvp → 카페), else null. */
  searched: string | null;
  total: number;
  /** How many results can be paged through (at most the candidate cap). */
  available: number;
  capped: boolean;
  page: number;
  pageSize: number;
  /** Each result's card offer: the offer matching the query's price words, else its first priced offer. */
  results: Array<repo.ResultDetail & { ranked: Ranked; offerMatched: boolean }>;
  facets: { categories: Array<{ category: Category; count: number }>; districts: Array<{ name: string; count: number }> };
  suggestion: string | null;
  fuzzy: boolean;
  category: Category | null;
  /** Distance (km) of each located result's nearest branch, when sorted by distance. */
  distances: Map<number, number> | null;
}

/**
 * `onResults`: told which listings a result page shows, with the query (advertiser insights count impressions; must not block).
 * `staleAfterDays`: a business listing unconfirmed this long ranks lower (STALE_AFTER_DAYS).
 */
export function createSearchService(deps: {
  db: Knex; clock: Clock; onResults?: (query: string, listingIds: number[]) => void; staleAfterDays?: number;
  /** Closures and holiday hours of these listings around `at` (components/facts), for "open now". */
  dayOverrides?: (ids: number[], at: Date) => Promise<Map<number, DayOverrides>>;
}) {
  const { db, clock } = deps;
  // Categories change rarely (admin edits); a short cache keeps them off every search. Bounded staleness: 30 s per instance.
  const cachedCategories = cachedFor(30_000, () => listCategories(db));
  // The newest indexed id, re-read every 10 s: a hint for the engine (see CandidatePlan.newestId), never a filter.
  const newestId = cachedFor(10_000, () => repo.newestIndexedId(db));

  /** `prefetch`: also fetch the details of the page the sort most likely shows (not for "open now", whose filter comes later). */
  async function run(p: ParsedQuery, params: SearchParams, categoryId: number | undefined, prefetch = false) {
    const clauses = clausesFor(p, { categoryId, districts: params.district ? [params.district] : [], kind: params.kind });
    if (clauses.length === 0) return null;
    const compact = p.compact;
    const now = clock.now();
    const page = prefetch && !params.openNow && !params.near && params.sort !== 'name'
      ? { sort: params.sort, offset: (params.page - 1) * params.pageSize, limit: params.pageSize, compact }
      : undefined;
    const {
      candidates: cands,
      total,
      page: pageDetails,
      closed,
    } = await findCandidates(db, clauses, CANDIDATE_CAP, needlesFor(p, now, deps.staleAfterDays ?? 365), {
      newest: params.sort === 'newest',
      newestId: await newestId(),
      page,
    });
    let ranked = rankCandidates(cands, { compact });
    if (params.openNow) {
      const hours = await repo.hoursFor(db, ranked.map((r) => r.listingId));
      const open = new Set<number>();
      const byBranch = new Map<number, { listingId: number; days: DayHours[] }>();
      for (const h of hours) {
        const key = Number(h.branch_id);
        const entry = byBranch.get(key) ?? { listingId: Number(h.listing_id), days: [] };
        entry.days.push({
          weekday: Number(h.weekday),
          isClosed: h.is_closed === true || h.is_closed === 1,
          opensAt: h.opens_at as string,
          closesAt: h.closes_at as string,
          breakStart: h.break_start as string,
          breakEnd: h.break_end as string,
        });
        byBranch.set(key, entry);
      }
      const overrides = deps.dayOverrides ? await deps.dayOverrides(ranked.map((r) => r.listingId), now) : new Map<number, DayOverrides>();
      // A shop closed for good (폐업) is never open now, whatever its old hours say.
      for (const { listingId, days } of byBranch.values()) {
        if (!closed.has(listingId) && openState(days, now, [], overrides.get(listingId)).kind === 'open') open.add(listingId);
      }
      ranked = ranked.filter((r) => open.has(r.listingId));
    }
    return {
      ranked,
      pageDetails,
      closed,
      capped: total > ranked.length,
      total: params.openNow ? ranked.length : Math.max(total - (cands.length - ranked.length), ranked.length),
    };
  }

  const correctShortWords = createShortWordCorrector(db, cachedCategories);

  /** For each candidate with an offer in the query's price range: that offer (one a query word names first) and whether a word names it. */
  async function offersMatching(ranked: Ranked[], p: ParsedQuery): Promise<Map<number, { offer: repo.PricedOffer; named: boolean }>> {
    const offers = await repo.offersPricedWithin(db, ranked.map((r) => r.listingId), p.price!);
    const out = new Map<number, { offer: repo.PricedOffer; named: boolean }>();
    for (const [id, list] of offers) {
      const named = list.find((o) => p.words.some((w) => normaliseText(o.name).includes(w)));
      out.set(id, { offer: named ?? list[0], named: Boolean(named) });
    }
    return out;
  }

  return {
    /** Active categories (cached as above): what result cards and facets name. */
    categories: cachedCategories,

    async search(params: SearchParams): Promise<SearchOutcome | null> {
      const typed = parseQuery(params.q, phoneQueryDigits);
      const categories = await cachedCategories();
      const category = params.category ? (categories.find((c) => c.slug === params.category) ?? null) : null;
      const filters = { categoryId: category?.id, districts: params.district ? [params.district] : [], kind: params.kind };
      let parsed = typed;
      let found = await run(parsed, params, category?.id, true);
      if (!found) return null;
      let suggestion: string | null = null;
      let searched: string | null = null;
      let fuzzy = false;
      const good = (f: NonNullable<typeof found>) => f.ranked.some((r) => r.identity || r.compactHit);
      // A few digits that start no phone number are a word after all (a year, a price, a building number).
      if (found.ranked.length === 0 && typed.phoneDigits && typed.phoneDigits.length < 7) {
        const asText = parseQuery(params.q, () => null);
        const alt = await run(asText, params, category?.id, true);
        if (alt?.ranked.length) [parsed, found] = [asText, alt];
      }
      // Korean typed in English keyboard mode (zkvp → 카페): shown directly when the Latin words match nothing well.
      const raw = params.q.normalize('NFC').trim().slice(0, 100);
      if (!params.literal && /^[A-Za-z ]+$/.test(raw) && !good(found)) {
        for (const hangul of keyboardReadings(raw)) {
          const asHangul = parseQuery(hangul, phoneQueryDigits);
          const alt = await run(asHangul, params, category?.id, true);
          if (alt && good(alt)) {
            [parsed, found] = [asHangul, alt];
            searched = asHangul.text;
            break;
          }
        }
      }
      if (found.ranked.length === 0) {
        const corrected = await correctShortWords(parsed, filters);
        if (corrected?.results) {
          const alt = await run(corrected.query, params, category?.id);
          if (alt?.ranked.length) {
            [parsed, found] = [corrected.query, alt];
            suggestion = corrected.query.text;
            fuzzy = true;
          }
        } else if (corrected) suggestion = corrected.query.text;
      }
      if (found.ranked.length === 0 && suggestion === null) {
        const longWords = parsed.words.filter((w) => [...w].length >= 3);
        // One probe tells which variants match anything at all; only those are run, in the same order as before.
        const variants = typoVariants(parsed);
        const matching = await repo.anyMatches(db, variants.map((v) => clausesFor(v, filters)));
        for (const variant of variants.filter((_, i) => matching[i])) {
          const alt = await run(variant, params, category?.id);
          if (alt) {
            const texts = await repo.haystacks(db, alt.ranked.map((r) => r.listingId));
            alt.ranked = alt.ranked.filter((r) => longWords.every((w) => containsNearMiss(texts.get(r.listingId) ?? '', w)));
          }
          if (alt && alt.ranked.length) {
            found = alt;
            fuzzy = true;
            break;
          }
        }
      }
      // Price words (화분 5만원): only listings with an offer in the range; one whose offer is named by a word first.
      const priced = parsed.price ? await offersMatching(found.ranked, parsed) : null;
      if (priced) found.ranked = found.ranked.filter((r) => priced.has(r.listingId));
      const byDistance = params.near ? await orderByDistance(db, found.ranked, params.near) : null;
      let sorted = byDistance ? byDistance.sorted : sortRanked(found.ranked, params.sort);
      if (priced && !byDistance)
        sorted = [...sorted.filter((r) => priced.get(r.listingId)!.named), ...sorted.filter((r) => !priced.get(r.listingId)!.named)];
      // A shop confirmed closed (폐업) stays findable, below every open one.
      sorted = demoteOutOfBusiness(sorted, found.closed);
      const start = (params.page - 1) * params.pageSize;
      const pageRows = sorted.slice(start, start + params.pageSize);
      deps.onResults?.(parsed.text, pageRows.map((r) => r.listingId));
      // The page usually came with the candidates; whatever it lacks (another sort, "open now", a fuzzy match) is fetched now.
      const details = new Map(fuzzy || priced ? [] : found.pageDetails ?? []);
      const missing = pageRows.map((r) => r.listingId).filter((id) => !details.has(id));
      // "Did you mean" of a long word names the best fuzzy match (on the first page it is already among the details).
      const nameIt = fuzzy && suggestion === null;
      if (nameIt && sorted[0] && !details.has(sorted[0].listingId)) missing.push(sorted[0].listingId);
      if (missing.length) for (const [id, d] of await repo.resultDetails(db, missing)) details.set(id, d);
      if (nameIt && sorted[0]) suggestion = details.get(sorted[0].listingId)?.name ?? null;
      const catCounts = new Map<number, number>();
      const distCounts = new Map<string, number>();
      for (const r of sorted) {
        if (r.categoryId) catCounts.set(r.categoryId, (catCounts.get(r.categoryId) ?? 0) + 1);
        for (const d of r.districts) distCounts.set(d, (distCounts.get(d) ?? 0) + 1);
      }
      return {
        parsed,
        typed: typed.text,
        searched,
        total: fuzzy || priced || params.near?.radiusKm ? sorted.length : Math.min(found.total, COUNT_LIMIT),
        available: sorted.length,
        capped: !params.near?.radiusKm && found.total > COUNT_LIMIT,
        page: params.page,
        pageSize: params.pageSize,
        suggestion,
        fuzzy,
        category,
        distances: byDistance?.distances ?? null,
        results: pageRows.flatMap((r) => {
          const d = details.get(r.listingId);
          const matched = priced?.get(r.listingId)?.offer;
          return d ? [{ ...d, offer: matched ?? d.offer, offerMatched: Boolean(matched), ranked: r }] : [];
        }),
        facets: {
          categories: categories
            .filter((c) => catCounts.has(c.id))
            .map((c) => ({ category: c, count: catCounts.get(c.id)! }))
            .sort((a, b) => b.count - a.count),
          districts: [...distCounts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
        },
      };
    },

    /** Up to 8 listing names and categories for what has been typed so far. */
    async suggest(q: string): Promise<{ listings: Array<{ id: number; name: string; slug: string }>; categories: Category[] }> {
      const parsed = parseQuery(q, () => null);
      if (!parsed.text) return { listings: [], categories: [] };
      const categories = (await cachedCategories())
        .filter(
          (c) =>
            c.nameKo.includes(parsed.text) ||
            c.nameEn.toLowerCase().includes(parsed.text) ||
            c.synonyms.some((s) => s.startsWith(parsed.text)),
        )
        .slice(0, 3);
      const last = parsed.terms[parsed.terms.length - 1];
      // Names only; a bare-consonant query is left to the full search (its prefix lists are long).
      const clauses: Clause[] = parsed.terms.map((t) => ({ anyOf: [t], fields: ['name'], prefix: t === last && /^[a-z0-9]+$/.test(t) }));
      if (clauses.length === 0) return { listings: [], categories };
      return { listings: await suggestCandidates(db, clauses, parsed.compact, 8 - categories.length, await newestId()), categories };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
