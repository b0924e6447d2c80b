/**
 * Saved shops (저장). Signed in, the list lives in `saved_listings` (one row per account and listing, capped at
 * `maxListings`); without an account it lives in the browser, which asks for the cards of its ids (`cards`). A
 * listing can be saved only while it is public; once saved it stays in the list after it is removed, closed or
 * expired, and shows as no longer listed. Nothing here logs a saved id.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { findListingGraphs, isPubliclyVisible, type ListingGraph } from '../listings/index.js';
import * as repo from './saved.repository.js';

/** One shop of a list: its saved row (signed in) and its current listing when it still exists. */
export interface SavedEntry {
  listingId: number;
  savedName: string | null;
  note: string | null;
  listing: ListingGraph | null;
  isPublic: boolean;
}

export function createSavedService(deps: { db: Knex; reader?: Knex; clock: Clock; maxListings: number }) {
  const { db, clock, maxListings } = deps;
  const reader = deps.reader ?? db;

  async function graphs(ids: number[]): Promise<Map<number, { listing: ListingGraph; isPublic: boolean }>> {
    const now = clock.now();
    const found = await findListingGraphs(reader, ids);
    return new Map([...found].map(([id, listing]) => [id, { listing, isPublic: isPubliclyVisible(listing, now) }]));
  }

  async function publicListings(ids: number[]): Promise<Map<number, ListingGraph>> {
    return new Map([...(await graphs(ids))].filter(([, g]) => g.isPublic).map(([id, g]) => [id, g.listing]));
  }

  return {
    maxListings,

    /** The ids an account has saved (for the 저장 buttons of a page). */
    savedIds: async (userId: number): Promise<Set<number>> => new Set(await repo.savedIds(reader, userId)),

    /** An account's list, newest first, each with its listing as it is now. */
    async list(userId: number): Promise<SavedEntry[]> {
      const rows = await repo.listSaved(db, userId);
      const found = await graphs(rows.map((r) => r.listingId));
      return rows.map((r) => {
        const g = found.get(r.listingId);
        return {
          listingId: r.listingId,
          savedName: r.listingName,
          note: r.note,
          listing: g?.listing ?? null,
          isPublic: g?.isPublic ?? false,
        };
      });
    },

    /** A browser's list: the cards of these ids in the order given. Listings not public come back without their name. */
    async cards(ids: number[]): Promise<SavedEntry[]> {
      const found = await graphs(ids);
      return ids.map((id) => {
        const g = found.get(id);
        const isPublic = g?.isPublic ?? false;
        return { listingId: id, savedName: null, note: null, listing: isPublic ? g!.listing : null, isPublic };
      });
    },

    /** Saves a public listing (again: nothing changes). A full list → 422; a listing not public → 404. */
    async save(userId: number, listingId: number): Promise<void> {
      const listing = (await publicListings([listingId])).get(listingId);
      if (!listing) throw new NotFoundError();
      await db.transaction(async (trx) => {
        const ids = new Set(await repo.savedIds(trx, userId));
        if (ids.has(listingId)) return;
        if (ids.size >= maxListings) throw new ValidationError({ listing: 'saved.error.full' }, 'saved.error.full');
        await repo.insertSaved(trx, userId, [{ listingId, listingName: listing.name, note: null }], clock.now());
      });
    },

    /** Removes a listing from the account's own list; 404 when it is not in that list. */
    async remove(userId: number, listingId: number): Promise<void> {
      if (!(await repo.deleteSaved(db, userId, listingId))) throw new NotFoundError();
    },

    /** The account's note on one of its saved listings; 404 when it is not in that list. */
    async setNote(userId: number, listingId: number, note: string | null): Promise<void> {
      if (!(await repo.updateNote(db, userId, listingId, note, clock.now()))) throw new NotFoundError();
    },

    /** The save page of a public listing: its data and whether the account has it already (else 404). */
    async confirmData(userId: number, listingId: number): Promise<{ listing: ListingGraph; isSaved: boolean }> {
      const listing = (await publicListings([listingId])).get(listingId);
      if (!listing) throw new NotFoundError();
      return { listing, isSaved: (await repo.savedIds(reader, userId)).includes(listingId) };
    },

    /**
     * The browser's list merged into the account's, in one transaction: listings already saved keep their row (a
     * browser note fills an empty note only); new public listings are added, newest browser entries first, while
     * the list has room. Returns the account's ids and how many browser entries could not be added.
     */
    async merge(
      userId: number,
      items: Array<{ listingId: number; note: string | null }>,
    ): Promise<{ ids: number[]; added: number; skipped: number }> {
      const candidates = await publicListings(items.map((i) => i.listingId));
      return db.transaction(async (trx) => {
        const now = clock.now();
        const existing = new Map((await repo.listSaved(trx, userId)).map((r) => [r.listingId, r]));
        const room = Math.max(0, maxListings - existing.size);
        const fresh = items.filter((i) => !existing.has(i.listingId) && candidates.has(i.listingId));
        const adding = fresh.slice(0, room);
        await repo.insertSaved(
          trx,
          userId,
          adding.map((i) => ({ listingId: i.listingId, listingName: candidates.get(i.listingId)!.name, note: i.note })),
          now,
        );
        for (const i of items) {
          const row = existing.get(i.listingId);
          if (row && !row.note && i.note) await repo.updateNote(trx, userId, i.listingId, i.note, now);
        }
        return {
          ids: [...existing.keys(), ...adding.map((i) => i.listingId)],
          added: adding.length,
          skipped: items.length - adding.length - items.filter((i) => existing.has(i.listingId)).length,
        };
      });
    },
  };
}

export type SavedService = ReturnType<typeof createSavedService>;
