/**
 * Moderators' decisions on listings and pending edits. Each decision is one transaction: the state change,
 * its audit entry (who, what, when, why, before/after) and the listing change hooks (search index);
 * the owner's mail goes out after the commit.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { oneLine, type Mailer } from '../../lib/mailer.js';
import { translate } from '../../core/i18n.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { findListingGraph, type ListingStatus, type ListingsService, type Move } from '../listings/index.js';
import type { SubmissionsService } from '../submissions/index.js';
import * as repo from './moderation.repository.js';
import { listReportsForListing } from './reports.repository.js';

export const REJECT_REASONS = ['incomplete', 'wrong_category', 'unverifiable', 'duplicate', 'prohibited', 'spam', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type ListingDecision =
  | { action: 'approve' }
  | { action: 'reject'; reason: RejectReason; note: string }
  | { action: 'request_changes'; note: string }
  | { action: 'feature'; until: Date | null }
  | { action: 'close'; note: string }
  | { action: 'remove'; note: string }
  | { action: 'restore' }
  | { action: 'mark_reviewed' }
  | { action: 'quick_edit'; name: string; tagline: string | null; description: string; note: string };

export type RevisionDecision = { action: 'approve_edit' } | { action: 'reject_edit'; reason: RejectReason; note: string };

/** Which decisions a listing in a given state allows (the review page shows only these). */
export function allowedDecisions(status: string, deleted: boolean): ListingDecision['action'][] {
  if (deleted) return ['restore'];
  switch (status) {
    case 'pending': return ['approve', 'reject', 'request_changes', 'quick_edit', 'remove'];
    case 'published': return ['feature', 'close', 'remove', 'quick_edit', 'mark_reviewed'];
    case 'closed': case 'expired': case 'archived': return ['remove'];
    case 'draft': case 'rejected': return ['remove'];
    default: return [];
  }
}

export function createModerationService(deps: {
  db: Knex; clock: Clock; listings: ListingsService; submissions: SubmissionsService; mailer: Mailer; logger: Logger; siteUrl: string;
}) {
  const { db, clock, listings, submissions } = deps;

  async function mailOwner(listingId: number, key: string, params: Record<string, string>): Promise<void> {
    const owner = await repo.ownerContact(db, listingId);
    if (!owner) return;
    // The listing name is the advertiser's text: one line in the subject and the body alike.
    const all = {
      name: oneLine(owner.name),
      myListings: `${deps.siteUrl}/my/listings`,
      myReports: `${deps.siteUrl}/my/reports`,
      ...params,
    };
    try {
      await deps.mailer.send({
        to: owner.email,
        subject: translate('ko', `moderation.mail.${key}.subject`, all),
        text: `${translate('ko', `moderation.mail.${key}.body`, all)}\n\n---\n${translate('en', `moderation.mail.${key}.body`, all)}`,
      });
    } catch (err) {
      // The decision stands; a mail that could not be sent is logged, not retried in the request.
      deps.logger.error({ err, listingId }, 'moderation mail failed');
    }
  }

  const reasonText = (reason: RejectReason, note: string) =>
    [translate('ko', `moderation.reason.${reason}`), note.trim()].filter(Boolean).join(' — ');

  /**
   * Carries out one decision inside the caller's transaction: the state change, its audit entry (before/after) and
   * the listing change hooks. Returns the owner's mail to send after the commit. Whether the state allows it is the
   * caller's to check (decideListing refuses; a report decision acts on whatever is not deleted).
   */
  async function applyListingDecision(
    trx: Knex.Transaction,
    actorId: number,
    before: repo.ListingState,
    d: ListingDecision,
  ): Promise<{ key: string; reason: string } | null> {
    const now = clock.now();
    const listingId = before.id;
    // A change of status goes through the lifecycle, which writes this decision's audit entry and runs the hooks.
    const move = async (to: ListingStatus, reason: string | null, also: Move['also'] = {}) =>
      void (await listings.lifecycle.transition(trx, listingId, { to, by: actorId, reason, action: d.action, snapshot, also }));
    let reason: string | null = null;
    let mailKey: string | null = null;
    switch (d.action) {
      case 'approve':
        await move('published', null, { moderation_note: null, reviewed_at: now });
        await repo.clearFlags(trx, listingId, now);
        return { key: 'approved', reason: '' };
      case 'reject':
        reason = reasonText(d.reason, d.note);
        await move('rejected', reason, { moderation_note: reason, reviewed_at: now });
        return { key: 'rejected', reason };
      case 'request_changes':
        reason = d.note.trim();
        await move('draft', reason, { moderation_note: reason, reviewed_at: now });
        return { key: 'changesRequested', reason };
      case 'close':
        reason = d.note.trim() || null;
        await move('closed', reason);
        return { key: 'closed', reason: reason ?? '' };
      case 'remove':
        reason = d.note.trim() || null;
        await move('removed', reason);
        return { key: 'removed', reason: reason ?? '' };
      case 'restore': {
        const restored = await submissions.restoreListing(trx, listingId, actorId, { action: 'restore', snapshot });
        if (!restored) throw new ConflictError('moderation.error.restoreWindow');
        return { key: 'restored', reason: '' };
      }
      case 'feature':
        await repo.updateListing(trx, listingId, { featured_until: d.until, updated_at: now });
        mailKey = d.until ? 'featured' : null;
        break;
      case 'mark_reviewed':
        await repo.clearFlags(trx, listingId, now, 'post_review');
        await repo.updateListing(trx, listingId, { reviewed_at: now });
        break;
      case 'quick_edit':
        reason = d.note.trim() || null;
        await repo.updateListing(trx, listingId, { name: d.name, tagline: d.tagline, description: d.description, updated_at: now });
        mailKey = 'edited';
        break;
    }
    // Decisions that leave the status as it is: their audit entry and hooks here.
    const after = await repo.findListingState(trx, listingId);
    await repo.appendAudit(
      trx,
      {
        actorId,
        action: d.action,
        subjectType: 'listing',
        subjectId: listingId,
        reason,
        before: snapshot(before),
        after: snapshot(after!),
      },
      now,
    );
    await listings.listingChanged(trx, listingId);
    return mailKey ? { key: mailKey, reason: reason ?? '' } : null;
  }

  return {
    queue: (filters: repo.QueueFilters) => repo.listQueue(db, filters),
    queueCounts: () => repo.queueCounts(db),

    /** Everything the review page of one listing shows. */
    async review(listingId: number) {
      const listing = await findListingGraph(db, listingId);
      if (!listing) throw new NotFoundError();
      const [flags, revisions, history, reports] = await Promise.all([
        repo.openFlags(db, [listingId]), repo.pendingRevisionIds(db, listingId),
        repo.listAudit(db, { subjectType: 'listing', subjectId: listingId, limit: 50 }), listReportsForListing(db, listingId),
      ]);
      const latest = revisions.at(-1);
      const revision = latest === undefined ? null : await submissions.revisionChanges(latest);
      const e164s = [...new Set([...listing.phones, ...listing.branches.flatMap((b) => b.phones)].map((p) => p.e164))];
      const [owner, decisions, sharedPhones, categories] = await Promise.all([
        listing.ownerId === null ? null : repo.ownerFacts(db, listing.ownerId),
        listing.ownerId === null ? null : repo.decisionCounts(db, listing.ownerId),
        repo.listingsSharingPhones(db, listingId, listing.ownerId, e164s),
        listings.listCategories(),
      ]);
      return {
        now: clock.now(), owner, decisions, sharedPhones, categories,
        listing, flags: flags.get(listingId) ?? [], history, reports,
        revision: revision && latest !== undefined ? { id: latest, changes: revision.changes } : null,
        allowed: allowedDecisions(listing.status, Boolean(listing.deletedAt)),
      };
    },

    async decideListing(actorId: number, listingId: number, d: ListingDecision): Promise<void> {
      const mail = await db.transaction(async (trx) => {
        const before = await repo.findListingState(trx, listingId);
        if (!before) throw new NotFoundError();
        if (!allowedDecisions(before.status, Boolean(before.deletedAt)).includes(d.action))
          throw new ConflictError('moderation.error.state');
        return applyListingDecision(trx, actorId, before, d);
      });
      if (mail) await mailOwner(listingId, mail.key, { reason: mail.reason });
    },

    applyListingDecision,

    async decideRevision(actorId: number, revisionId: number, d: RevisionDecision): Promise<number> {
      const now = clock.now();
      const listingId = await repo.revisionListingId(db, revisionId);
      if (listingId === null) throw new NotFoundError();
      const changes = await submissions.revisionChanges(revisionId);
      const reason = d.action === 'reject_edit' ? reasonText(d.reason, d.note) : null;
      await db.transaction(async (trx) => {
        const ok = d.action === 'approve_edit'
          ? await submissions.applyRevision(trx, revisionId, actorId)
          : (await repo.rejectRevision(trx, revisionId, reason ?? '', actorId, now)) === 1;
        if (!ok) throw new ConflictError('moderation.error.state');
        // Approving rewrote the listing through the lifecycle (hooks run); a rejection changes only the revision.
        if (d.action === 'approve_edit') await repo.clearFlags(trx, listingId, now);
        else await listings.listingChanged(trx, listingId);
        const diff = changes?.changes ?? [];
        await repo.appendAudit(
          trx,
          {
            actorId,
            action: d.action,
            subjectType: 'listing',
            subjectId: listingId,
            reason,
            before: Object.fromEntries(diff.map((c) => [c.field, c.before])),
            after: { revisionId, ...Object.fromEntries(diff.map((c) => [c.field, c.after])) },
          },
          now,
        );
      });
      await mailOwner(listingId, d.action === 'approve_edit' ? 'editApproved' : 'editRejected', { reason: reason ?? '' });
      return listingId;
    },

    audit: (f: { subjectType?: string; subjectId?: number; limit?: number }) => repo.listAudit(db, f),
    mailOwner,
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;

function snapshot(s: Pick<repo.ListingState, 'status' | 'name' | 'tagline' | 'description' | 'featuredUntil' | 'moderationNote'>) {
  return {
    status: s.status,
    name: s.name,
    tagline: s.tagline,
    description: s.description,
    featuredUntil: s.featuredUntil?.toISOString() ?? null,
    moderationNote: s.moderationNote,
  };
}

/** Trusted advertisers (N approved listings, no rejection) publish edits at once; a moderator looks afterwards. */
export function createTrustPolicy(deps: { trustedAfterApprovals: number; now: () => Date }) {
  return {
    async isTrusted(trx: Knex.Transaction, ownerId: number): Promise<boolean> {
      if (deps.trustedAfterApprovals <= 0) return false;
      const { approved, rejected } = await repo.decisionCounts(trx, ownerId);
      return rejected === 0 && approved >= deps.trustedAfterApprovals;
    },
    async markForPostReview(trx: Knex.Transaction, listingId: number): Promise<void> {
      await repo.addFlag(trx, listingId, 'post_review', '', deps.now());
    },
  };
}
export type TrustPolicy = ReturnType<typeof createTrustPolicy>;
