/**
 * The advertiser's insights for one listing: daily figures over 7, 30 or 90 Seoul days, totals against the previous
 * period, calls per phone and per branch, and the searches that showed it (rare queries only as "other").
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import type { Viewer } from '../../core/viewer.js';
import { findListingGraph } from '../listings/index.js';
import { NotFoundError } from '../../core/errors.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import * as repo from './insights.repository.js';
import { LISTING_COUNTERS, type ListingCounter } from './stats.repository.js';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
/** A query seen fewer times than this in the period is shown only as "other" (기타). */
export const QUERY_THRESHOLD = 3;
export const SPARK_DAYS = 30;

export type Totals = Record<ListingCounter, number>;
export type DayCounts = repo.DayCounts;

/** YYYY-MM-DD plus n days (n may be negative). */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, with zeros where nothing was counted. */
export function fillDays(rows: DayCounts[], from: string, to: string): DayCounts[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: DayCounts[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) {
    out.push(byDay.get(day) ?? ({ day, ...Object.fromEntries(LISTING_COUNTERS.map((c) => [c, 0])) } as DayCounts));
  }
  return out;
}

export function sumCounts(rows: DayCounts[]): Totals {
  return Object.fromEntries(LISTING_COUNTERS.map((c) => [c, rows.reduce((s, r) => s + r[c], 0)])) as Totals;
}

/** Queries seen at least QUERY_THRESHOLD times, most seen first; the rest summed as one "other" row. */
export function groupQueries(rows: Array<{ query: string; impressions: number; clicks: number }>) {
  const seen = (r: { impressions: number; clicks: number }) => Math.max(r.impressions, r.clicks);
  const shown = rows
    .filter((r) => seen(r) >= QUERY_THRESHOLD)
    .sort((a, b) => b.impressions - a.impressions || b.clicks - a.clicks || a.query.localeCompare(b.query));
  const rest = rows.filter((r) => seen(r) < QUERY_THRESHOLD);
  return {
    shown,
    other: rest.length
      ? { impressions: rest.reduce((s, r) => s + r.impressions, 0), clicks: rest.reduce((s, r) => s + r.clicks, 0) }
      : null,
  };
}

/** Visits and calls through one short code (an edition's print ad or the shop-window card), all time. */
export interface CodeFigure { kind: 'print' | 'card'; editionDate: string | null; code: string; visits: number; calls: number }

export function createInsightsService(deps: {
  db: Knex; clock: Clock; canManage: (listingId: number, viewer: Viewer) => Promise<unknown>;
  /** The listing's short codes with their figures (components/codes); none when not given. */
  codeFigures?: (listingId: number) => Promise<CodeFigure[]>;
}) {
  const { db, clock } = deps;

  return {
    async listingInsights(listingId: number, viewer: Viewer, days: Period) {
      await deps.canManage(listingId, viewer);
      const listing = await findListingGraph(db, listingId);
      if (!listing) throw new NotFoundError();
      const to = seoulParts(clock.now()).day;
      const from = shiftDay(to, -(days - 1));
      const prevTo = shiftDay(from, -1);
      const prevFrom = shiftDay(from, -days);
      const [rows, numbers, queries, placements, codes] = await Promise.all([
        repo.dailyCounts(db, listingId, prevFrom, to),
        repo.callsByNumber(db, listingId, from, to),
        repo.queryCounts(db, listingId, from, to),
        repo.placementCounts(db, listingId, from, to, new Date(Date.parse(`${from}T00:00:00+09:00`))),
        deps.codeFigures?.(listingId) ?? Promise.resolve([] as CodeFigure[]),
      ]);
      const series = fillDays(rows.filter((r) => r.day >= from), from, to);
      // Calls are kept per number (an edit rewrites phone rows): today's numbers first, numbers no longer listed after them.
      const callsOf = new Map(numbers.map((n) => [n.e164, n.calls]));
      const branchName = (b: (typeof listing.branches)[number]) => b.name || formatRoadAddress(b);
      const listed = new Map<
        string,
        { e164: string; display: string; label: string | null; branch: string | null; calls: number; former: boolean }
      >();
      for (const p of listing.phones)
        listed.set(p.e164, {
          e164: p.e164,
          display: p.display,
          label: p.label ?? null,
          branch: null,
          calls: callsOf.get(p.e164) ?? 0,
          former: false,
        });
      for (const b of listing.branches) {
        for (const p of b.phones)
          if (!listed.has(p.e164))
            listed.set(p.e164, {
              e164: p.e164,
              display: p.display,
              label: p.label ?? null,
              branch: branchName(b),
              calls: callsOf.get(p.e164) ?? 0,
              former: false,
            });
      }
      const former = numbers
        .filter((n) => !listed.has(n.e164))
        .map((n) => ({ e164: n.e164, display: n.e164, label: null, branch: null, calls: n.calls, former: true }));
      const branches =
        listing.branches.length > 1
          ? listing.branches.map((b) => ({
              name: branchName(b),
              calls: [...new Set(b.phones.map((p) => p.e164))].reduce((sum, e) => sum + (callsOf.get(e) ?? 0), 0),
            }))
          : [];
      return {
        listing: { id: listing.id, name: listing.name, slug: listing.slug, kind: listing.kind },
        days, from, to, prevFrom, prevTo, series,
        totals: sumCounts(series),
        previous: sumCounts(rows.filter((r) => r.day <= prevTo)),
        phones: [...listed.values(), ...former],
        branches,
        queries: groupQueries(queries),
        placements,
        codes,
      };
    },

    /** Calls per day over the last 30 days and the totals, for the sparklines on "my listings". */
    async recentSummaries(listingIds: number[]): Promise<Map<number, { calls: number[]; totals: { calls: number; views: number } }>> {
      const to = seoulParts(clock.now()).day;
      const from = shiftDay(to, -(SPARK_DAYS - 1));
      const rows = await repo.recentCounts(db, listingIds, from);
      const out = new Map<number, { calls: number[]; totals: { calls: number; views: number } }>();
      for (const id of listingIds) out.set(id, { calls: new Array(SPARK_DAYS).fill(0), totals: { calls: 0, views: 0 } });
      const index = new Map(Array.from({ length: SPARK_DAYS }, (_, i) => [shiftDay(from, i), i]));
      for (const r of rows) {
        const s = out.get(r.listingId);
        const i = index.get(r.day);
        if (!s || i === undefined) continue;
        s.calls[i] += r.calls;
        s.totals.calls += r.calls;
        s.totals.views += r.views;
      }
      return out;
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
export type ListingInsights = Awaited<ReturnType<InsightsService['listingInsights']>>;
