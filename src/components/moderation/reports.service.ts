/**
 * Reports from the public. A "closed" or "moved" report never hides a listing by itself: the owner is mailed and
 * has 7 days to confirm or dispute; until then a moderator can dismiss it but not act on it.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { ListingsService } from '../listings/index.js';
import type { ModerationService } from './moderation.service.js';
import * as repo from './moderation.repository.js';
import * as reports from './reports.repository.js';

const DAY = 86_400_000;
export const OWNER_GRACE_DAYS = 7;
const OWNER_FIRST: readonly string[] = ['closed', 'moved'];

export { REPORT_REASONS } from './reports.repository.js';
export type ReportDecision = 'dismiss' | 'resolve' | 'close_listing' | 'remove_listing';

export function createReportsService(deps: {
  db: Knex; clock: Clock; listings: ListingsService;
  /** Moderation's own close and remove, so a report decision changes a listing exactly as a moderator's decision does. */
  moderation: Pick<ModerationService, 'applyListingDecision' | 'mailOwner'>;
}) {
  const { db, clock, listings } = deps;

  return {
    /** Files a report on a public listing. Returns false when the same visitor already reported the same thing. */
    async file(
      listingId: number,
      input: { reason: reports.ReportReason; note: string | null },
      who: { userId: number | null; visitorHash: string },
    ): Promise<boolean> {
      if (!(await listings.isListingPublic(listingId))) throw new NotFoundError();
      if (await reports.findDuplicate(db, listingId, who.visitorHash, input.reason)) return false;
      const now = clock.now();
      const ownerFirst = OWNER_FIRST.includes(input.reason);
      const deadline = ownerFirst ? new Date(now.getTime() + OWNER_GRACE_DAYS * DAY) : null;
      await db.transaction(async (trx) => {
        const id = await reports.insertReport(trx, {
          listingId,
          ...input,
          reporterUserId: who.userId,
          reporterHash: who.visitorHash,
          status: ownerFirst ? 'awaiting_owner' : 'open',
          ownerDeadline: deadline,
          now,
        });
        await repo.appendAudit(
          trx,
          {
            actorId: who.userId,
            action: 'report',
            subjectType: 'report',
            subjectId: id,
            reason: input.reason,
            after: { listingId, reason: input.reason, note: input.note },
          },
          now,
        );
      });
      if (deadline) await deps.moderation.mailOwner(listingId, `report.${input.reason}`, { deadline: deadline.toISOString().slice(0, 10) });
      return true;
    },

    openForModerators: () => reports.listOpenReports(db),
    awaitingOwner: (ownerId: number) => reports.listOwnerReports(db, ownerId),

    /** The owner confirms (closed: the listing closes; moved: they go on to edit it) or disputes with a note. */
    async ownerRespond(
      reportId: number,
      ownerId: number,
      response: 'confirm' | 'dispute',
      note: string | null,
    ): Promise<{ listingId: number; reason: string }> {
      const r = await reports.findReport(db, reportId);
      if (!r || r.ownerId !== ownerId || r.status !== 'awaiting_owner' || r.ownerResponse) throw new NotFoundError();
      const now = clock.now();
      await db.transaction(async (trx) => {
        const closes = response === 'confirm' && r.reason === 'closed';
        await reports.updateReport(
          trx,
          reportId,
          response === 'confirm'
            ? { status: 'resolved', owner_response: 'confirmed', owner_note: note, resolved_at: now, resolved_by: ownerId }
            : { status: 'open', owner_response: 'disputed', owner_note: note },
        );
        const close = { to: 'closed', by: ownerId, reason: note, action: 'owner_confirm_closed' } as const;
        if (closes) await listings.lifecycle.transition(trx, r.listingId, close);
        await repo.appendAudit(
          trx,
          {
            actorId: ownerId,
            action: `owner_${response}`,
            subjectType: 'report',
            subjectId: reportId,
            reason: note,
            after: { listingId: r.listingId, closed: closes },
          },
          now,
        );
      });
      return { listingId: r.listingId, reason: r.reason };
    },

    /** A moderator's decision on a report; acting on a closed/moved report waits for the owner's 7 days. */
    async decide(actorId: number, reportId: number, decision: ReportDecision, note: string): Promise<void> {
      const r = await reports.findReport(db, reportId);
      if (!r || (r.status !== 'open' && r.status !== 'awaiting_owner')) throw new NotFoundError();
      const now = clock.now();
      const acts = decision === 'close_listing' || decision === 'remove_listing';
      if (acts && r.status === 'awaiting_owner' && r.ownerDeadline && now < r.ownerDeadline)
        throw new ConflictError('moderation.error.ownerGrace');
      await db.transaction(async (trx) => {
        const before = await repo.findListingState(trx, r.listingId);
        if (acts && before && !before.deletedAt) {
          await deps.moderation.applyListingDecision(trx, actorId, before, {
            action: decision === 'close_listing' ? 'close' : 'remove',
            note: note || `report #${reportId}`,
          });
        }
        await reports.updateReport(trx, reportId, {
          status: decision === 'dismiss' ? 'dismissed' : 'resolved',
          resolved_at: now,
          resolved_by: actorId,
        });
        await repo.appendAudit(
          trx,
          {
            actorId,
            action: `report_${decision}`,
            subjectType: 'report',
            subjectId: reportId,
            reason: note || null,
            before: { status: r.status },
            after: { status: decision === 'dismiss' ? 'dismissed' : 'resolved' },
          },
          now,
        );
      });
      if (acts) await deps.moderation.mailOwner(r.listingId, decision === 'close_listing' ? 'closed' : 'removed', { reason: note });
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
