/**
 * The advertiser's flow: save a draft, submit for moderation, edit (a published listing's edit waits as a revision),
 * renew, reconfirm, close, mark sold, delete; and applyRevision / restoreListing for moderation.
 * Every write runs in one transaction; status, owner and expiry changes go through the listings lifecycle, which runs
 * the change hooks once per change.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import {
  canManage, findListingGraph, saveListingChildren, type ListingsService, type ListingRow, type ListingStatus, type Move,
} from '../listings/index.js';
import type { MediaService } from '../media/index.js';
import type { ListingDraft } from './listing-form.js';
import * as repo from './submissions.repository.js';
import { diffRevision, type FieldChange } from './revision-diff.js';

export const RESTORE_WINDOW_DAYS = 30;
export const RECONFIRM_AFTER_DAYS = 182;

export interface MediaChoice { id: number; role: 'logo' | 'photo'; altText: string | null }
interface RevisionGraph { draft: ListingDraft; media: MediaChoice[] }

/** Supplied by moderation: whether an owner's edits may go live at once, and how to ask for a look afterwards. */
export interface EditTrust {
  isTrusted(trx: Knex.Transaction, ownerId: number): Promise<boolean>;
  markForPostReview(trx: Knex.Transaction, listingId: number): Promise<void>;
}

/** A classified ad's lifetime and renewal period are the listings lifecycle's (CLASSIFIED_LIFETIME_DAYS, CLASSIFIED_RENEWABLE_DAYS). */
export function createSubmissionsService(deps: {
  db: Knex; clock: Clock; listings: ListingsService; media: MediaService; trust?: EditTrust;
}) {
  const { db, clock, listings, media } = deps;
  const { lifecycle } = listings;

  /** The listing if this viewer may manage it; anyone else (and deleted listings) get 404, never a hint it exists. */
  async function owned(id: number, viewer: Viewer): Promise<ListingRow> {
    const row = await repo.findListingRow(db, id);
    if (!row || row.deletedAt || !canManage(viewer, row)) throw new NotFoundError();
    return row;
  }

  /**
   * Writes a draft over a listing, touching only what changed (children and photos diffed; the listing row once, with
   * its changed columns, `also` and the status `to`), so a save does not queue a rewrite of every child row behind other
   * writers. The lifecycle's one UPDATE runs the change hooks.
   */
  async function writeGraph(trx: Knex.Transaction, id: number, by: number | null, ownerId: number, draft: ListingDraft,
    choices: MediaChoice[], change: { to?: ListingStatus; also?: Move['also'] } = {}): Promise<void> {
    const current = await repo.findListingRow(trx, id);
    if (!current) throw new NotFoundError();
    await saveListingChildren(trx, id, { ...draft, status: 'draft' }, clock.now());
    await media.attachMedia(trx, id, ownerId, choices);
    const also = { ...repo.changedListingColumns(current, draft), ...change.also };
    await lifecycle.transition(trx, id, { to: change.to ?? current.status, by, also });
  }

  const move = (id: number, m: Move) => db.transaction(async (trx) => void (await lifecycle.transition(trx, id, m)));

  return {
    owned,

    /** Creates a listing for its owner as a draft, or straight to pending when submitted. */
    async createListing(ownerId: number, draft: ListingDraft, choices: MediaChoice[], submit: boolean): Promise<number> {
      const input = { ...draft, status: submit ? 'pending' : 'draft', ownerId, lastConfirmedAt: clock.now() } as const;
      return db.transaction((trx) => lifecycle.create(trx, input, (id: number) => media.attachMedia(trx, id, ownerId, choices)));
    },

    /**
     * Saves an edit. A published listing stays as it is and the edit waits as a pending revision;
     * any other listing is rewritten in place, and goes to pending when submitted.
     */
    async updateListing(
      id: number,
      viewer: Viewer,
      draft: ListingDraft,
      choices: MediaChoice[],
      submit: boolean,
    ): Promise<'revision' | 'pending' | 'draft' | 'live'> {
      const row = await owned(id, viewer);
      const ownerId = row.ownerId ?? viewer.userId!;
      return db.transaction(async (trx) => {
        if (
          row.status === 'published' &&
          submit &&
          viewer.userId === row.ownerId &&
          deps.trust &&
          (await deps.trust.isTrusted(trx, ownerId))
        ) {
          await deps.trust.markForPostReview(trx, id);
          await writeGraph(trx, id, viewer.userId, ownerId, draft, choices, { also: { last_confirmed_at: clock.now() } });
          return 'live' as const;
        }
        if (row.status === 'published') {
          await repo.insertRevision(trx, id, viewer.userId!, { draft, media: choices } satisfies RevisionGraph, clock.now());
          await listings.listingChanged(trx, id);
          return 'revision' as const;
        }
        const status = submit ? 'pending' : row.status === 'pending' ? 'pending' : 'draft';
        await writeGraph(trx, id, viewer.userId, ownerId, draft, choices, { to: status });
        return status;
      });
    },

    /** For moderation: makes a pending revision the live listing. Returns false when it is not pending. */
    async applyRevision(trx: Knex.Transaction, revisionId: number, decidedBy: number | null = null): Promise<boolean> {
      const rev = await repo.findRevision(trx, revisionId);
      if (!rev || rev.status !== 'pending') return false;
      const row = await repo.findListingRow(trx, rev.listingId);
      if (!row) return false;
      const graph = rev.graph as RevisionGraph;
      await repo.decideRevision(trx, revisionId, 'approved', clock.now(), decidedBy);
      const owner = row.ownerId ?? rev.proposedBy ?? 0;
      await writeGraph(trx, rev.listingId, decidedBy, owner, graph.draft, graph.media, { also: { last_confirmed_at: clock.now() } });
      return true;
    },

    pendingRevision: (listingId: number) => repo.findPendingRevision(db, listingId),

    /** What the edit form starts from: the listing, its photos, and the pending revision's proposal if there is one. */
    async editData(id: number, viewer: Viewer) {
      await owned(id, viewer);
      const [listing, photos, revision] = await Promise.all([
        findListingGraph(db, id),
        media.findOwnedOrListingMedia(id),
        repo.findPendingRevision(db, id),
      ]);
      if (!listing) throw new NotFoundError();
      return { listing, media: photos, revision: revision ? (revision.graph as RevisionGraph) : null };
    },
    /** For moderation: the fields a revision changes (before → after), or null when there is no such revision. */
    async revisionChanges(revisionId: number): Promise<{ listingId: number; status: string; changes: FieldChange[] } | null> {
      const rev = await repo.findRevision(db, revisionId);
      const current = rev ? await findListingGraph(db, rev.listingId) : null;
      if (!rev || !current) return null;
      const graph = rev.graph as RevisionGraph;
      return {
        listingId: rev.listingId,
        status: rev.status,
        changes: diffRevision(
          current,
          graph.draft,
          graph.media.map((m) => m.id),
        ),
      };
    },

    async renew(id: number, viewer: Viewer): Promise<void> {
      await owned(id, viewer);
      await db.transaction(async (trx) => {
        if (!(await lifecycle.renew(trx, id, viewer.userId))) throw new NotFoundError();
      });
    },

    async reconfirm(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      if (row.kind !== 'business') throw new NotFoundError();
      await db.transaction(async (trx) => {
        await repo.confirmListing(trx, id, clock.now());
        await listings.listingChanged(trx, id);
      });
    },

    /** 폐업 (business) or sold (classified): off the public pages, kept for the owner. */
    async close(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      if (row.status === 'closed') return;
      await move(id, { to: 'closed', by: viewer.userId });
    },

    /** Soft delete: hidden from everyone (owner included) and restorable by a moderator for 30 days. */
    async remove(id: number, viewer: Viewer): Promise<void> {
      await owned(id, viewer);
      await move(id, { to: 'removed', by: viewer.userId });
    },

    /** For moderation: undoes a soft delete made less than 30 days ago. Returns false when it cannot. */
    restoreListing: (trx: Knex.Transaction, id: number, by: number | null, audit?: Pick<Move, 'action' | 'snapshot'>): Promise<boolean> =>
      lifecycle.restore(trx, id, by, RESTORE_WINDOW_DAYS, audit),

    myListings: (ownerId: number) => repo.listOwnerListings(db, ownerId),
    needsReconfirm: (row: ListingRow) =>
      row.kind === 'business' &&
      row.status === 'published' &&
      (!row.lastConfirmedAt || clock.now().getTime() - row.lastConfirmedAt.getTime() > RECONFIRM_AFTER_DAYS * 86_400_000),
    now: () => clock.now(),
  };
}
export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
