/**
 * Listings as the public sees them (home, pages, categories), and the lifecycle every writer of a listing goes through
 * (`lifecycle`: creation, status, owner and expiry changes, the change hooks; see lifecycle.ts).
 */
import { changesAt } from '../../lib/changes-at.js';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError, GoneError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import type { ListingGraph, ListingGraphInput } from './listing-graph.js';
import { createListingLifecycle, type ListingChangeHook } from './lifecycle.js';
import { canManage } from './lifecycle-rules.js';
import * as repo from './listings.repository.js';
import * as cards from './cards.repository.js';
import * as categoriesRepo from './categories.repository.js';
import * as directory from './directory.repository.js';
import * as pageRepo from './listing-page.repository.js';

export type { ListingChangeHook };
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
 * `classifiedLifetimeDays` / `classifiedRenewableDays`: a classified ad's lifetime and renewal period (the lifecycle's).
 */
export function createListingsService(deps: {
  db: Knex; reader?: Knex; clock: Clock; onChange?: ListingChangeHook[]; cacheSize?: number;
  classifiedLifetimeDays?: number; classifiedRenewableDays?: number;
}) {
  const { db, clock } = deps;
  const reader = deps.reader ?? db;
  const cacheSize = deps.cacheSize ?? 2000;
  const pages = new Map<number, { graph: ListingGraph; stamp: pageRepo.ListingStamp }>();
  const lifecycle = createListingLifecycle({
    clock, hooks: deps.onChange ?? [],
    classifiedLifetimeDays: deps.classifiedLifetimeDays ?? 30, classifiedRenewableDays: deps.classifiedRenewableDays ?? 90,
  });

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
    lifecycle,

    addChangeHook: lifecycle.addHook,

    /** Creates a listing with all its children in one transaction (the caller's, when given); returns its id. */
    async createListing(input: ListingGraphInput, trx?: Knex.Transaction): Promise<number> {
      return trx ? lifecycle.create(trx, input) : db.transaction((t) => lifecycle.create(t, input));
    },

    /** Runs the change hooks after a change to a listing's content or children (status changes run them themselves). */
    listingChanged: lifecycle.changed,

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
      if (canManage(viewer, listing)) return { listing, isPublic };
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
