/** Listings as the public sees them, and the one transactional writer every other component uses. */
import { changesAt } from '../../lib/changes-at.js';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError, GoneError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import type { ListingGraph, ListingGraphInput } from './listing-graph.js';
import * as repo from './listings.repository.js';
import * as cards from './cards.repository.js';
import * as categoriesRepo from './categories.repository.js';
import * as directory from './directory.repository.js';
import * as pageRepo from './listing-page.repository.js';

/** Called inside the writing transaction after any change to a listing (the search index hooks in here). */
export type ListingChangeHook = (trx: Knex.Transaction, listingId: number) => Promise<void>;

// One Viewer type for every component: it lives in the framework-free core.
export { VISITOR, type Viewer } from '../../core/viewer.js';

export function isPubliclyVisible(listing: { status: string; expiresAt: Date | null }, now: Date): boolean {
  const visible = listing.status === 'published' && (!listing.expiresAt || listing.expiresAt > now);
  // A page showing this listing reads differently once it expires.
  if (visible) changesAt(listing.expiresAt);
  return visible;
}

/**
 * `reader`: where public reads go (a read pool on SQLite); writes and reads inside them use `db`.
 * `cacheSize`: how many listings' page data are kept in memory, each checked against the listing's version stamp
 * (bumped by database triggers on any change) before it is used, so no instance serves an edited listing.
 */
export function createListingsService(deps: { db: Knex; reader?: Knex; clock: Clock; onChange?: ListingChangeHook[]; cacheSize?: number }) {
  const { db, clock } = deps;
  const reader = deps.reader ?? db;
  const hooks = deps.onChange ?? [];
  const cacheSize = deps.cacheSize ?? 2000;
  const pages = new Map<number, { graph: ListingGraph; stamp: pageRepo.ListingStamp }>();

  async function runHooks(trx: Knex.Transaction, id: number): Promise<void> {
    // The browse shelves and counts first, in the same transaction as the change.
    await directory.refreshFacets(trx, [id], clock.now());
    for (const hook of hooks) await hook(trx, id);
  }

  /** The page data: from memory when its stamps still match the database's (one lookup), else one query. */
  async function loadPage(id: number): Promise<ListingGraph | null> {
    const cached = pages.get(id);
    if (cached) {
      const stamp = await pageRepo.listingStamp(reader, id);
      if (stamp && stamp.version === cached.stamp.version && stamp.categoriesVersion === cached.stamp.categoriesVersion) {
        pages.delete(id);
        pages.set(id, cached); // most recently used last
        return cached.graph;
      }
      pages.delete(id);
      if (!stamp) return null;
    }
    const fresh = await pageRepo.findListingPage(reader, id);
    if (!fresh) return null;
    if (cacheSize > 0) {
      pages.set(id, fresh);
      if (pages.size > cacheSize) pages.delete(pages.keys().next().value!);
    }
    return fresh.graph;
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

    /** The version stamps a rendered page is valid for (web/page-cache.ts). */
    pageStamp: () => directory.pageStamp(reader),

    /** Shelves and counts for a batch of listings written in bulk (db:generate), inside its transaction. */
    refreshDirectory: (trx: Knex.Transaction, ids: number[]) => directory.refreshFacets(trx, ids, clock.now()),

    /** Takes the ads whose time ran out off the shelves (and out of the counts); returns how many. */
    async sweepExpired(limit = 500): Promise<number> {
      const now = clock.now();
      const ids = await directory.expiredListed(db, now, limit);
      if (ids.length) await db.transaction((trx) => directory.refreshFacets(trx, ids, now));
      return ids.length;
    },

    /** The home page: newest and featured cards off the listings index, counts kept up to date on write. */
    async homeData() {
      const now = clock.now();
      const [newest, featured, categories, shelves] = await Promise.all([
        cards.listPublishedCards(reader, { now, limit: 12 }),
        cards.listPublishedCards(reader, { now, limit: 6, featuredOnly: true }),
        categoriesRepo.listCategories(reader),
        directory.allCounts(reader),
      ]);
      const counts = new Map(categories.map((c) => [c.id, shelves.get(directory.facetKey({ categoryId: c.id })) ?? 0]));
      const districtCounts = new Map([...shelves].filter(([k]) => /^d/.test(k)).map(([k, n]) => [k.slice(1), n]));
      return { newest, featured, categories, counts, districtCounts, total: shelves.get('all') ?? 0 };
    },

    /**
     * The listing for its public page. Unpublished listings are visible only to their owner and moderators;
     * everyone else gets 404 (410 for removed ones), never a hint of the name.
     */
    async getListingForViewer(id: number, viewer: Viewer): Promise<{ listing: ListingGraph; isPublic: boolean }> {
      const listing = await loadPage(id);
      if (!listing) throw new NotFoundError();
      const isPublic = isPubliclyVisible(listing, clock.now());
      if (isPublic) return { listing, isPublic };
      const privileged = viewer.role === 'moderator' || viewer.role === 'admin' || (viewer.userId !== null && viewer.userId === listing.ownerId);
      if (privileged) return { listing, isPublic };
      if (listing.status === 'removed') throw new GoneError();
      throw new NotFoundError();
    },

    async isListingPublic(id: number): Promise<boolean> {
      const row = await repo.findVisibility(reader, id);
      return Boolean(row && isPubliclyVisible(row, clock.now()));
    },

    listCategories: () => categoriesRepo.listCategories(reader),
    findCategoryBySlug: (slug: string) => categoriesRepo.findCategoryBySlug(reader, slug),
  };
}

export type ListingsService = ReturnType<typeof createListingsService>;
