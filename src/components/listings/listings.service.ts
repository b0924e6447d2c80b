/** Listings as the public sees them, and the one transactional writer every other component uses. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError, GoneError } from '../../web/errors.js';
import type { ListingGraph, ListingGraphInput } from './listing-graph.js';
import * as repo from './listings.repository.js';
import * as categoriesRepo from './categories.repository.js';

/** Called inside the writing transaction after any change to a listing (the search index hooks in here). */
export type ListingChangeHook = (trx: Knex.Transaction, listingId: number) => Promise<void>;

export interface Viewer {
  userId: number | null;
  role: 'visitor' | 'advertiser' | 'desk' | 'moderator' | 'admin';
}
export const VISITOR: Viewer = { userId: null, role: 'visitor' };

export function isPubliclyVisible(listing: { status: string; expiresAt: Date | null }, now: Date): boolean {
  return listing.status === 'published' && (!listing.expiresAt || listing.expiresAt > now);
}

export function createListingsService(deps: { db: Knex; clock: Clock; onChange?: ListingChangeHook[] }) {
  const { db, clock } = deps;
  const hooks = deps.onChange ?? [];

  async function runHooks(trx: Knex.Transaction, id: number): Promise<void> {
    for (const hook of hooks) await hook(trx, id);
  }

  return {
    addChangeHook(hook: ListingChangeHook): void {
      hooks.push(hook);
    },

    /** Creates a listing with all its children in one transaction; returns its id. */
    async createListing(input: ListingGraphInput, trx?: Knex.Transaction): Promise<number> {
      const write = async (t: Knex.Transaction) => {
        const id = await repo.insertListing(t, input, clock.now());
        await runHooks(t, id);
        return id;
      };
      return trx ? write(trx) : db.transaction(write);
    },

    /** Re-runs the change hooks for a listing (after a status change made elsewhere). */
    async listingChanged(trx: Knex.Transaction, id: number): Promise<void> {
      await runHooks(trx, id);
    },

    async homeData() {
      const now = clock.now();
      const [newest, featured, categories, counts, total] = await Promise.all([
        repo.listPublishedCards(db, { now, limit: 12 }),
        repo.listPublishedCards(db, { now, limit: 6, featuredOnly: true }),
        categoriesRepo.listCategories(db),
        categoriesRepo.countPublishedByCategory(db, now),
        repo.countPublished(db, now),
      ]);
      return { newest, featured, categories, counts, total };
    },

    /**
     * The listing for its public page. Unpublished listings are visible only to their owner and moderators;
     * everyone else gets 404 (410 for removed ones), never a hint of the name.
     */
    async getListingForViewer(id: number, viewer: Viewer): Promise<{ listing: ListingGraph; isPublic: boolean }> {
      const listing = await repo.findListingGraph(db, id);
      if (!listing) throw new NotFoundError();
      const isPublic = isPubliclyVisible(listing, clock.now());
      if (isPublic) return { listing, isPublic };
      const privileged = viewer.role === 'moderator' || viewer.role === 'admin' || (viewer.userId !== null && viewer.userId === listing.ownerId);
      if (privileged) return { listing, isPublic };
      if (listing.status === 'removed') throw new GoneError();
      throw new NotFoundError();
    },

    async isListingPublic(id: number): Promise<boolean> {
      const row = await repo.findListingRow(db, id);
      return Boolean(row && isPubliclyVisible(row, clock.now()));
    },

    listCategories: () => categoriesRepo.listCategories(db),
    findCategoryBySlug: (slug: string) => categoriesRepo.findCategoryBySlug(db, slug),
  };
}

export type ListingsService = ReturnType<typeof createListingsService>;
