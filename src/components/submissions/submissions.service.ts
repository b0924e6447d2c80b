/**
 * The advertiser's flow: save a draft, submit for moderation, edit (a published listing's edit waits as a revision),
 * renew, reconfirm, close, mark sold, delete; and applyRevision / restoreListing for moderation.
 * Every write runs in one transaction and ends with listings.listingChanged(trx, id).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import { findListingGraph, saveListingChildren, type ListingsService, type ListingRow } from '../listings/index.js';
import type { MediaService } from '../media/index.js';
import type { ListingDraft } from './listing-form.js';
import * as repo from './submissions.repository.js';
import { diffRevision, type FieldChange } from './revision-diff.js';

const DAY = 86_400_000;
export const RESTORE_WINDOW_DAYS = 30;
export const RECONFIRM_AFTER_DAYS = 182;

export interface MediaChoice { id: number; role: 'logo' | 'photo'; altText: string | null }
interface RevisionGraph { draft: ListingDraft; media: MediaChoice[] }

/** Supplied by moderation: whether an owner's edits may go live at once, and how to ask for a look afterwards. */
export interface EditTrust {
  isTrusted(trx: Knex.Transaction, ownerId: number): Promise<boolean>;
  markForPostReview(trx: Knex.Transaction, listingId: number): Promise<void>;
}

/** classifiedRenewableDays: how long after expiry an ad may still be renewed (then the job runner archives it). */
export function createSubmissionsService(deps: { db: Knex; clock: Clock; listings: ListingsService; media: MediaService; classifiedLifetimeDays: number; classifiedRenewableDays?: number; trust?: EditTrust }) {
  const { db, clock, listings, media } = deps;
  const lifetime = () => new Date(clock.now().getTime() + deps.classifiedLifetimeDays * DAY);

  function canManage(row: { ownerId: number | null }, viewer: Viewer): boolean {
    return viewer.role === 'moderator' || viewer.role === 'admin' || (viewer.userId !== null && row.ownerId === viewer.userId);
  }

  /** The listing if this viewer may manage it; anyone else (and deleted listings) get 404, never a hint it exists. */
  async function owned(id: number, viewer: Viewer): Promise<ListingRow> {
    const row = await repo.findListingRow(db, id);
    if (!row || row.deletedAt || !canManage(row, viewer)) throw new NotFoundError();
    return row;
  }

  /**
   * Writes a draft over a listing, touching only what changed (children and photos diffed; the listing row once, with
   * `state` and updated_at), so a save does not queue a rewrite of every child row behind other writers.
   */
  async function writeGraph(trx: Knex.Transaction, id: number, ownerId: number, draft: ListingDraft, choices: MediaChoice[],
    state: Parameters<typeof repo.updateListingState>[2] = {}): Promise<void> {
    const now = clock.now();
    const current = await repo.findListingRow(trx, id);
    await saveListingChildren(trx, id, { ...draft, status: 'draft' }, now);
    await media.attachMedia(trx, id, ownerId, choices);
    await repo.updateListingRow(trx, id, { ...(current ? repo.changedListingColumns(current, draft) : {}), ...state, updated_at: now });
  }

  async function changeState(id: number, fields: Parameters<typeof repo.updateListingState>[2]): Promise<void> {
    await db.transaction(async (trx) => {
      await repo.updateListingState(trx, id, { ...fields, updated_at: clock.now() });
      await listings.listingChanged(trx, id);
    });
  }

  return {
    owned,

    /** Creates a listing for its owner as a draft, or straight to pending when submitted. */
    async createListing(ownerId: number, draft: ListingDraft, choices: MediaChoice[], submit: boolean): Promise<number> {
      const now = clock.now();
      return db.transaction(async (trx) => {
        const id = await listings.createListing({
          ...draft, status: submit ? 'pending' : 'draft', ownerId, lastConfirmedAt: now,
          expiresAt: draft.kind === 'classified' ? lifetime() : null,
        }, trx);
        await media.attachMedia(trx, id, ownerId, choices);
        await listings.listingChanged(trx, id);
        return id;
      });
    },

    /**
     * Saves an edit. A published listing stays as it is and the edit waits as a pending revision (C5);
     * any other listing is rewritten in place, and goes to pending when submitted.
     */
    async updateListing(id: number, viewer: Viewer, draft: ListingDraft, choices: MediaChoice[], submit: boolean): Promise<'revision' | 'pending' | 'draft' | 'live'> {
      const row = await owned(id, viewer);
      const ownerId = row.ownerId ?? viewer.userId!;
      return db.transaction(async (trx) => {
        if (row.status === 'published' && submit && viewer.userId === row.ownerId && deps.trust && (await deps.trust.isTrusted(trx, ownerId))) {
          await writeGraph(trx, id, ownerId, draft, choices, { last_confirmed_at: clock.now() });
          await deps.trust.markForPostReview(trx, id);
          await listings.listingChanged(trx, id);
          return 'live' as const;
        }
        if (row.status === 'published') {
          await repo.insertRevision(trx, id, viewer.userId!, { draft, media: choices } satisfies RevisionGraph, clock.now());
          await listings.listingChanged(trx, id);
          return 'revision' as const;
        }
        const status = submit ? 'pending' : row.status === 'pending' ? 'pending' : 'draft';
        await writeGraph(trx, id, ownerId, draft, choices, { status, ...(draft.kind === 'classified' && submit ? { expires_at: lifetime() } : {}) });
        await listings.listingChanged(trx, id);
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
      await writeGraph(trx, rev.listingId, row.ownerId ?? rev.proposedBy ?? 0, graph.draft, graph.media, { last_confirmed_at: clock.now() });
      await repo.decideRevision(trx, revisionId, 'approved', clock.now(), decidedBy);
      await listings.listingChanged(trx, rev.listingId);
      return true;
    },

    pendingRevision: (listingId: number) => repo.findPendingRevision(db, listingId),

    /** What the edit form starts from: the listing, its photos, and the pending revision's proposal if there is one. */
    async editData(id: number, viewer: Viewer) {
      await owned(id, viewer);
      const [listing, photos, revision] = await Promise.all([findListingGraph(db, id), media.findOwnedOrListingMedia(id), repo.findPendingRevision(db, id)]);
      if (!listing) throw new NotFoundError();
      return { listing, media: photos, revision: revision ? (revision.graph as RevisionGraph) : null };
    },
    /** For moderation: the fields a revision changes (before → after), or null when there is no such revision. */
    async revisionChanges(revisionId: number): Promise<{ listingId: number; status: string; changes: FieldChange[] } | null> {
      const rev = await repo.findRevision(db, revisionId);
      const current = rev ? await findListingGraph(db, rev.listingId) : null;
      if (!rev || !current) return null;
      const graph = rev.graph as RevisionGraph;
      return { listingId: rev.listingId, status: rev.status, changes: diffRevision(current, graph.draft, graph.media.map((m) => m.id)) };
    },

    async renew(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      if (row.kind !== 'classified' || !['published', 'expired'].includes(row.status)) throw new NotFoundError();
      const renewableUntil = row.expiresAt ? row.expiresAt.getTime() + (deps.classifiedRenewableDays ?? 90) * DAY : Infinity;
      if (row.status === 'expired' && clock.now().getTime() > renewableUntil) throw new NotFoundError();
      await changeState(id, { expires_at: lifetime(), ...(row.status === 'expired' ? { status: 'published' } : {}) });
    },

    async reconfirm(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      if (row.kind !== 'business') throw new NotFoundError();
      await changeState(id, { last_confirmed_at: clock.now() });
    },

    /** 폐업 (business) or sold (classified): off the public pages, kept for the owner. */
    async close(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      if (row.status === 'closed') return;
      await changeState(id, { status: 'closed', closed_at: clock.now() });
    },

    /** Soft delete: hidden from everyone (owner included) and restorable by a moderator for 30 days. */
    async remove(id: number, viewer: Viewer): Promise<void> {
      const row = await owned(id, viewer);
      await changeState(id, { status: 'removed', status_before_removal: row.status, deleted_at: clock.now() });
    },

    /** For moderation: undoes a soft delete made less than 30 days ago. Returns false when it cannot. */
    async restoreListing(trx: Knex.Transaction, id: number): Promise<boolean> {
      const row = await repo.findListingRow(trx, id);
      if (!row || !row.deletedAt || clock.now().getTime() - row.deletedAt.getTime() > RESTORE_WINDOW_DAYS * DAY) return false;
      await repo.updateListingState(trx, id, { status: row.statusBeforeRemoval ?? 'draft', status_before_removal: null, deleted_at: null, updated_at: clock.now() });
      await listings.listingChanged(trx, id);
      return true;
    },

    myListings: (ownerId: number) => repo.listOwnerListings(db, ownerId),
    needsReconfirm: (row: ListingRow) => row.kind === 'business' && row.status === 'published' && (!row.lastConfirmedAt || clock.now().getTime() - row.lastConfirmedAt.getTime() > RECONFIRM_AFTER_DAYS * DAY),
    now: () => clock.now(),
  };
}
export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
