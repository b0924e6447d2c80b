/** Keeps search_documents in step with listings, inside the writing transaction. */
import type { Knex } from 'knex';
import { findListingGraphs, isPubliclyVisible, listCategories } from '../listings/index.js';
import type { Clock } from '../../lib/clock.js';
import { toDate, toNumber } from '../../db/index.js';
import { buildSearchDocument, type CategoryText } from './search-document.js';
import * as repo from './search.repository.js';

async function categoryMap(db: Knex): Promise<Map<number, CategoryText>> {
  return new Map((await listCategories(db)).map((c) => [c.id, c]));
}

/**
 * (Re)indexes the given listings: visible ones get a document, others lose theirs. Only the visible ones' whole
 * graphs are read: saving a draft costs one status read and one delete here, not the nine reads of a listing graph.
 */
export async function reindexListings(db: Knex | Knex.Transaction, ids: number[], now: Date = new Date()): Promise<void> {
  let categories: Map<number, CategoryText> | null = null;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = (await db('listings').whereIn('id', chunk).select('id', 'status', 'expires_at')) as Array<{
      id: number;
      status: string;
      expires_at: unknown;
    }>;
    const visible = rows
      .filter((r) => isPubliclyVisible({ status: r.status, expiresAt: toDate(r.expires_at) }, now))
      .map((r) => toNumber(r.id));
    const docs = [];
    if (visible.length) {
      categories ??= await categoryMap(db);
      const graphs = await findListingGraphs(db, visible);
      // Read in the same transaction as the statuses above: every graph here is of a visible listing.
      for (const g of graphs.values()) docs.push(buildSearchDocument(g, categories));
    }
    await repo.replaceDocuments(db, chunk, docs);
  }
}

/** Rebuilds the whole index in one transaction (npm run search:reindex, after db:copy). */
export async function reindexAllListings(db: Knex, now: Date = new Date()): Promise<number> {
  return db.transaction(async (trx) => {
    await repo.deleteAllDocuments(trx);
    const ids = await repo.allListingIds(trx);
    await reindexListings(trx, ids, now);
    return ids.length;
  });
}

export function createSearchIndexer(clock: Clock) {
  return {
    /** The listings change hook: runs in the same transaction as the write. */
    onListingChanged: (trx: Knex.Transaction, id: number) => reindexListings(trx, [id], clock.now()),
    indexBatch: (trx: Knex.Transaction, ids: number[]) => reindexListings(trx, ids, clock.now()),
  };
}
