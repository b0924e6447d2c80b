/**
 * What paid web products do. A paid listing period moves the listing's expiry (from the current expiry while it still
 * runs, else from now); a featured placement puts the listing in one of at most two "광고" slots above the results of
 * its category, district or search term, for its days. Both happen when the order is scheduled (paid, or approved for
 * a 후불 customer), in the same transaction as that state change.
 *
 * Rotation: slots are chosen per minute (ROTATION_MS) from the running placements in id order, a window of two starting
 * at the minute's number modulo their count. Over any run of N minutes (N placements) each placement is shown in the
 * first slot once and in the second once, so impressions are equal over a day up to one minute's share. A rendered
 * page registers the end of its minute with changesAt, so the page cache never keeps slots past their minute, and
 * every kept page's answer counts its slots' impressions again (page-cache.ts repeatOnHit). The slots never touch the
 * results below them: they are read and rendered apart from the search or browse query.
 */
import type { Knex } from 'knex';
import { changesAt } from '../../lib/changes-at.js';
import { normaliseQuery } from '../stats/index.js';
import * as repo from './placements.repository.js';
import type { PlacementKind, SlotRow } from './placements.repository.js';
import type { OrderRow } from './ads.repository.js';

export const ROTATION_MS = 60_000;
export const MAX_SLOTS = 2;
const DAY_MS = 86_400_000;

export const rotationBucket = (at: number): number => Math.floor(at / ROTATION_MS);

/** The placements shown in this bucket: at most `slots`, a window over the id-ordered list starting at bucket mod n. */
export function pickSlots<T extends { placementId: number }>(running: readonly T[], bucket: number, slots = MAX_SLOTS): T[] {
  const sorted = [...running].sort((a, b) => a.placementId - b.placementId);
  const n = sorted.length;
  if (!n) return [];
  const start = ((bucket % n) + n) % n;
  return Array.from({ length: Math.min(slots, n) }, (_, i) => sorted[(start + i) % n]);
}

/** Called after a listing's row changed inside the transaction (the listings component's hooks: search index, shelves). */
/** The listings lifecycle's paid-period move (listings/lifecycle.ts `extendPaidPeriod`): the one writer of a listing's expiry. */
export type ExtendPaidPeriod = (
  trx: Knex.Transaction,
  listingId: number,
  m: { days: number; by: number | null; reason?: string | null },
) => Promise<Date | null>;

/** What a web product does once its order is scheduled (nothing for print-only products or an order without a listing). */
export async function applyWebProduct(
  trx: Knex.Transaction,
  order: OrderRow,
  actorId: number | null,
  now: Date,
  extend?: ExtendPaidPeriod,
): Promise<void> {
  const rule = order.product.rule;
  if (order.listingId === null) return;
  const reason = `ad_order ${order.id}`;
  if (rule.kind === 'web_listing') await extend?.(trx, order.listingId, { days: rule.days, by: actorId, reason });
  if (rule.kind === 'bundle') await extend?.(trx, order.listingId, { days: rule.webDays, by: actorId, reason });
  if (rule.kind === 'featured' && order.options.target) {
    await repo.insertPlacement(
      trx,
      {
        orderId: order.id,
        listingId: order.listingId,
        placement: rule.placement,
        target: order.options.target,
        startsAt: now,
        endsAt: new Date(now.getTime() + rule.days * DAY_MS),
      },
      now,
    );
  }
}

export interface SlotPick { bucket: number; slots: SlotRow[] }

/** Reads for the public pages: the slots of one page now, and whether a beacon's placement shows its listing. */
export function createPlacements(deps: { db: Knex; now: () => Date }) {
  return {
    /** The slots of a page at this instant; registers when they next change (the minute's end, a placement ending). */
    async slotsFor(placement: PlacementKind, target: string): Promise<SlotPick> {
      const now = deps.now();
      const bucket = rotationBucket(now.getTime());
      const key = placement === 'search' ? normaliseQuery(target) : target;
      if (!key) return { bucket, slots: [] };
      const running = await repo.runningPlacements(deps.db, placement, key, now);
      // A page without slots keeps its usual lifetime: a placement starting shows within the cache's few seconds.
      if (running.length) {
        changesAt((bucket + 1) * ROTATION_MS);
        changesAt(Math.min(...running.map((r) => r.endsAt.getTime())));
      }
      return { bucket, slots: pickSlots(running, bucket) };
    },
    isPlacementOf: (placementId: number, listingId: number) => repo.isPlacementOf(deps.db, placementId, listingId),
  };
}

export type Placements = ReturnType<typeof createPlacements>;
