/**
 * Reports on reviews and replies (anyone, proof of work, deduplicated per visitor and day), and the moderators'
 * decisions: hide, restore (also publishes a text held by the spam checks) or dismiss the reports. Each decision is
 * one transaction with its audit_log row.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../core/errors.js';
import { appendAudit } from '../moderation/index.js';
import * as repo from './reviews.repository.js';
import * as section from './review-section.repository.js';

export const REVIEW_REPORT_REASONS = ['spam', 'offensive', 'fraud', 'other'] as const;
export type ReviewReportReason = (typeof REVIEW_REPORT_REASONS)[number];
export type ReviewTarget = 'review' | 'reply';
export type ReviewDecision = 'hide' | 'restore' | 'dismiss';

export function createReviewModerationService(deps: { db: Knex; clock: Clock; isListingPublic: (id: number) => Promise<boolean> }) {
  const { db, clock } = deps;

  /** The review (and its reply, for target reply) as the public sees it; 404 when it is not shown. */
  async function shownTarget(reviewId: number, target: ReviewTarget): Promise<repo.ReviewRow> {
    const review = await repo.findReview(db, reviewId);
    if (!review || review.status !== 'visible' || !(await deps.isListingPublic(review.listingId))) throw new NotFoundError();
    if (target === 'reply' && review.reply?.status !== 'visible') throw new NotFoundError();
    return review;
  }

  return {
    shownTarget,

    /** Files a report; false when the same visitor already has an open report on it. */
    async report(
      reviewId: number,
      target: ReviewTarget,
      input: { reason: ReviewReportReason; note: string | null },
      who: { userId: number | null; visitorHash: string },
    ): Promise<{ listingId: number; filed: boolean }> {
      const review = await shownTarget(reviewId, target);
      if (await repo.hasOpenReport(db, reviewId, target, who.visitorHash)) return { listingId: review.listingId, filed: false };
      const now = clock.now();
      await db.transaction(async (trx) => {
        const id = await repo.insertReport(
          trx,
          { reviewId, target, ...input, reporterUserId: who.userId, reporterHash: who.visitorHash },
          now,
        );
        await appendAudit(
          trx,
          {
            actorId: who.userId,
            action: 'review_report',
            subjectType: target === 'review' ? 'review' : 'review_reply',
            subjectId: reviewId,
            reason: input.reason,
            after: { reportId: id, note: input.note },
          },
          now,
        );
      });
      return { listingId: review.listingId, filed: true };
    },

    /** Held, reported and lately hidden reviews and replies (hidden ones stay listed for 30 days, to restore). */
    queue: () => section.moderationQueue(db, new Date(clock.now().getTime() - 30 * 86_400_000)),

    async decide(actorId: number, reviewId: number, target: ReviewTarget, action: ReviewDecision, note: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (trx) => {
        const review = await repo.findReview(trx, reviewId);
        const row = target === 'review' ? review : review?.reply;
        if (!review || !row || review.status === 'deleted') throw new NotFoundError();
        const before = row.status;
        let after = before;
        if (action !== 'dismiss') {
          after = action === 'hide' ? 'hidden' : 'visible';
          await repo.setStatus(trx, target === 'review' ? 'reviews' : 'review_replies', row.id, after, now);
        }
        const settled = await repo.settleReports(trx, reviewId, target, action === 'dismiss' ? 'dismissed' : 'resolved', actorId, now);
        await appendAudit(
          trx,
          {
            actorId,
            action: `review_${action}`,
            subjectType: target === 'review' ? 'review' : 'review_reply',
            subjectId: reviewId,
            reason: note || null,
            before: { status: before },
            after: { status: after, reportsSettled: settled, listingId: review.listingId },
          },
          now,
        );
      });
    },
  };
}
export type ReviewModerationService = ReturnType<typeof createReviewModerationService>;
