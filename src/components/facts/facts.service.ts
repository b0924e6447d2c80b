/**
 * Special days (temporary closures, holiday hours) and the holiday rule: set by a listing's owner, or by the desk for
 * the listings its clerks imported; read by the listing page (open line, notices, JSON-LD) and "open now" search.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import { changesAt } from '../../lib/changes-at.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import { canManage, type DayHours, type ListingGraph, type ListingsService } from '../listings/index.js';
import * as repo from './facts.repository.js';
import * as checksRepo from './fact-checks.repository.js';
import type { SpecialDayInput } from './facts.schemas.js';
import {
  addDays,
  dayOverrides,
  specialHoursJsonLd,
  upcoming,
  type DayOverride,
  type HolidayRule,
  type SpecialDay,
} from './special-days.js';

/** How far ahead the listing page announces a closure ("a week ahead"), and how far JSON-LD looks. */
export const NOTICE_DAYS = 7;
const JSON_LD_DAYS = 60;

export interface PageFacts {
  overrides: Map<string, DayOverride>;
  notices: SpecialDay[];
  ruleNotices: Array<{ date: string; name: string }>;
  jsonLd: ReturnType<typeof specialHoursJsonLd>;
  check: checksRepo.CheckRow | null;
  reviewing: boolean;
}

export function createFactsService(deps: {
  db: Knex;
  reader?: Knex;
  clock: Clock;
  listings: Pick<ListingsService, 'listingChanged'>;
  reportThreshold: number;
}) {
  const { db, clock } = deps;
  const reader = deps.reader ?? db;
  const today = () => seoulParts(clock.now()).day;

  /** The listing if this viewer may set its facts: its owner, a moderator or admin, or the desk for desk-imported listings. */
  async function managed(listingId: number, viewer: Viewer) {
    const l = await repo.listingOwner(db, listingId);
    if (!l || l.deleted || !canManage(viewer, l)) throw new NotFoundError();
    return l;
  }

  /** Runs a write on a listing's facts with its cache stamp bumped and its change hooks run, in one transaction. */
  const write = <T,>(listingId: number, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
    db.transaction(async (trx) => {
      const out = await fn(trx);
      await repo.bumpListingVersion(trx, listingId);
      await deps.listings.listingChanged(trx, listingId);
      return out;
    });

  return {
    managed,

    /** What the owner's page lists: special days not yet over, the rule, the open reports and the owner's answer. */
    async manageData(listingId: number, viewer: Viewer) {
      const listing = await managed(listingId, viewer);
      const [specials, rules, reports, answer] = await Promise.all([
        repo.specialDaysOf(db, [listingId], today()),
        repo.holidayRulesOf(db, [listingId]),
        repo.openReportsOf(db, listingId),
        repo.ownerAnswer(db, listingId),
      ]);
      return { listing, specials: specials.get(listingId) ?? [], rule: rules.get(listingId) ?? null, reports, answer, today: today() };
    },

    async addSpecialDay(listingId: number, viewer: Viewer, input: SpecialDayInput): Promise<number> {
      await managed(listingId, viewer);
      if (input.endsOn < today()) throw new ValidationError({ endsOn: 'facts.error.past' });
      return write(listingId, (trx) =>
        repo.insertSpecialDay(trx, {
          listingId,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          kind: input.kind,
          reason: input.kind === 'closed' ? (input.reason ?? 'other') : null,
          note: input.note,
          opensAt: input.kind === 'hours' ? (input.opensAt ?? null) : null,
          closesAt: input.kind === 'hours' ? (input.closesAt ?? null) : null,
          createdBy: viewer.userId,
          now: clock.now(),
        }),
      );
    },

    async deleteSpecialDay(listingId: number, viewer: Viewer, id: number): Promise<void> {
      await managed(listingId, viewer);
      if (!(await write(listingId, (trx) => repo.deleteSpecialDay(trx, listingId, id)))) throw new NotFoundError();
    },

    async setHolidayRule(listingId: number, viewer: Viewer, rule: HolidayRule | null): Promise<void> {
      await managed(listingId, viewer);
      await write(listingId, (trx) => repo.setHolidayRule(trx, listingId, rule));
    },

    /** A special day of a listing the viewer manages (the door notice prints it). */
    async specialDay(
      listingId: number,
      viewer: Viewer,
      id: number,
    ): Promise<{ listing: Awaited<ReturnType<typeof managed>>; day: SpecialDay }> {
      const listing = await managed(listingId, viewer);
      const day = await repo.findSpecialDay(db, listingId, id);
      if (!day) throw new NotFoundError();
      return { listing, day };
    },

    /** What the public page needs beyond the listing itself: overrides for its open line, notices, JSON-LD, last check. */
    async pageFacts(listing: ListingGraph): Promise<PageFacts> {
      const now = clock.now();
      const day = seoulParts(now).day;
      const [specials, check, reporters] = await Promise.all([
        repo.specialDaysOf(reader, [listing.id], addDays(day, -1)),
        checksRepo.latestCheck(reader, listing.id),
        repo.openReporters(reader, listing.id),
      ]);
      const own = specials.get(listing.id) ?? [];
      const rule = listing.holidayRule;
      const notices = upcoming(own, day, NOTICE_DAYS);
      const overrides = dayOverrides(own, rule, addDays(day, -1), addDays(day, NOTICE_DAYS));
      const ruleNotices = [...overrides]
        .filter(([d, o]) => o.source === 'rule' && d >= day)
        .map(([date, o]) => ({ date, name: o.holiday ?? '' }));
      // The notices start and end at Seoul midnights: a kept copy of the page is not sent past the next one.
      if (own.length || rule) changesAt(new Date(Date.parse(`${addDays(day, 1)}T00:00:00+09:00`)));
      return {
        overrides,
        notices,
        ruleNotices,
        jsonLd: specialHoursJsonLd(own, rule, day, JSON_LD_DAYS),
        check,
        reviewing: reporters >= deps.reportThreshold,
      };
    },

    /** Day overrides of many listings around `at` (yesterday and today, Seoul): what "open now" search needs. */
    async overridesFor(ids: number[], at: Date): Promise<Map<number, ReadonlyMap<string, DayHours>>> {
      const day = seoulParts(at).day;
      const from = addDays(day, -1);
      const [specials, rules] = await Promise.all([repo.specialDaysOf(reader, ids, from), repo.holidayRulesOf(reader, ids)]);
      const out = new Map<number, ReadonlyMap<string, DayHours>>();
      for (const id of new Set([...specials.keys(), ...rules.keys()])) {
        const o = dayOverrides(
          (specials.get(id) ?? []).filter((s) => s.startsOn <= day),
          rules.get(id) ?? null,
          from,
          day,
        );
        if (o.size) out.set(id, o);
      }
      return out;
    },
  };
}

export type FactsService = ReturnType<typeof createFactsService>;
