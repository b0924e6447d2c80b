/**
 * Residents' fact reports and the desk's checks. A report needs no account; repeats of one visitor are thanked but
 * not counted. Past the threshold of distinct visitors the page says "정보를 확인하고 있습니다" and the listing enters
 * the verification queue. A check records how and what was found and applies the change in one transaction, with
 * an audit entry; it settles the open reports and counts as the listing's latest confirmation (freshness).
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { parseRoadAddress } from '../../lib/korean-address.js';
import { translate } from '../../core/i18n.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import { appendAudit } from '../moderation/index.js';
import { parsePhone } from '../phones/index.js';
import type { ListingsService } from '../listings/index.js';
import * as repo from './facts.repository.js';
import * as checksRepo from './fact-checks.repository.js';
import { isTime, type CheckInput } from './facts.schemas.js';
import { addDays } from './special-days.js';

export function createFactChecksService(deps: {
  db: Knex;
  clock: Clock;
  listings: Pick<ListingsService, 'listingChanged' | 'isListingPublic'>;
  mailer: Mailer;
  logger?: Logger;
  siteUrl: string;
  threshold: number;
  managed: (listingId: number, viewer: Viewer) => Promise<{ ownerId: number | null }>;
}) {
  const { db, clock } = deps;

  async function mailOwner(listingId: number, reason: string): Promise<void> {
    const row = (await db('listings as l')
      .join('users as u', 'u.id', 'l.owner_id')
      .where('l.id', listingId)
      .where('u.is_disabled', false)
      .whereNot('u.role', 'desk')
      .first('l.name', 'u.email')) as { name: string; email: string } | undefined;
    if (!row) return;
    const params = { name: row.name, url: `${deps.siteUrl}/my/listings/${listingId}/facts` };
    try {
      await deps.mailer.send({
        to: row.email,
        subject: translate('ko', 'facts.mail.report.subject', params),
        text: `${translate('ko', 'facts.mail.report.body', { ...params, reason: translate('ko', `facts.report.reason.${reason}`) })}\n\n---\n${translate('en', 'facts.mail.report.body', { ...params, reason: translate('en', `facts.report.reason.${reason}`) })}`,
      });
    } catch (err) {
      // The report is stored either way; the owner sees it on their page.
      deps.logger?.error({ err, listingId }, 'fact report mail failed');
    }
  }

  return {
    /** Files a resident's report; false when this visitor already has an open one on the listing (not counted twice). */
    async fileReport(listingId: number, input: { reason: string; note: string | null }, reporterHash: string): Promise<boolean> {
      if (!(await deps.listings.isListingPublic(listingId))) throw new NotFoundError();
      const now = clock.now();
      const counted = await db.transaction(async (trx) => {
        if (await repo.hasOpenReport(trx, listingId, reporterHash)) return false;
        const before = await repo.openReporters(trx, listingId);
        await repo.insertReport(trx, { listingId, ...input, reporterHash, now });
        // Crossing the threshold changes what the public page says: its cache stamp moves with it.
        if (before + 1 === deps.threshold) await repo.bumpListingVersion(trx, listingId);
        return true;
      });
      if (counted) await mailOwner(listingId, input.reason);
      return counted;
    },

    async answerReports(listingId: number, viewer: Viewer, answer: string): Promise<void> {
      await deps.managed(listingId, viewer);
      await db.transaction(async (trx) => {
        await repo.answerReports(trx, listingId, answer, clock.now());
        await appendAudit(
          trx,
          { actorId: viewer.userId, action: 'facts_owner_answer', subjectType: 'listing', subjectId: listingId, reason: answer },
          clock.now(),
        );
      });
    },

    queue: () => repo.verificationQueue(db, deps.threshold, addDays(seoulParts(clock.now()).day, -30)),

    async checkData(listingId: number) {
      const listing = await repo.listingOwner(db, listingId);
      if (!listing || listing.deleted) throw new NotFoundError();
      const [reports, answer, last, reporters] = await Promise.all([
        repo.openReportsOf(db, listingId),
        repo.ownerAnswer(db, listingId),
        checksRepo.latestCheck(db, listingId),
        repo.openReporters(db, listingId),
      ]);
      return { listing, reports, answer, last, reporters };
    },

    /**
     * Records a check and applies what it found, all in one transaction with an audit entry: closed → 폐업 (kept,
     * nothing deleted); moved → the first branch's new address; number → the main phone replaced; hours → new weekly
     * hours. Every outcome confirms the listing now and settles its open reports.
     */
    async recordCheck(listingId: number, actorId: number, input: CheckInput): Promise<void> {
      const listing = await repo.listingOwner(db, listingId);
      if (!listing || listing.deleted) throw new NotFoundError();
      const phone = input.outcome === 'number' ? parsePhone(input.newPhone ?? '') : null;
      if (input.outcome === 'number' && (!phone || phone.type === 'fax'))
        throw new ValidationError({ newPhone: 'facts.check.error.phone' });
      const address = input.outcome === 'moved' ? parseRoadAddress(input.newAddress ?? '') : null;
      if (input.outcome === 'moved' && !address) throw new ValidationError({ newAddress: 'facts.check.error.address' });
      if (input.outcome === 'hours' && !(isTime(input.newOpens) && isTime(input.newCloses)))
        throw new ValidationError({ newOpens: 'facts.check.error.hours' });
      const now = clock.now();
      await db.transaction(async (trx) => {
        const checkId = await checksRepo.insertCheck(trx, {
          listingId,
          method: input.method,
          outcome: input.outcome,
          note: input.note,
          checkedBy: actorId,
          now,
        });
        const settled = await checksRepo.settleReports(trx, listingId, checkId);
        const applied: Record<string, unknown> = { outcome: input.outcome, method: input.method, settledReports: settled };
        if (phone) {
          const id = await checksRepo.mainPhoneId(trx, listingId);
          const p = { e164: phone.e164, display: phone.display, nationalDigits: phone.nationalDigits, type: phone.type };
          if (id) await checksRepo.replacePhone(trx, id, p);
          else await checksRepo.insertPhone(trx, listingId, p);
          applied.phone = phone.display;
        }
        if (address) {
          await checksRepo.moveFirstBranch(trx, listingId, {
            sido: address.sido,
            sigungu: address.sigungu || null,
            roadName: address.roadName,
            buildingNo: address.buildingNo,
            detail: address.detail || null,
          });
          applied.address = input.newAddress;
        }
        if (input.outcome === 'hours') {
          await checksRepo.replaceWeeklyHours(trx, listingId, {
            opensAt: input.newOpens!,
            closesAt: input.newCloses!,
            closedWeekdays: input.closedDays,
          });
          applied.hours = { opensAt: input.newOpens, closesAt: input.newCloses, closedWeekdays: input.closedDays };
        }
        await checksRepo.markChecked(trx, listingId, input.outcome === 'closed', now);
        await deps.listings.listingChanged(trx, listingId);
        await appendAudit(
          trx,
          { actorId, action: 'facts_check', subjectType: 'listing', subjectId: listingId, reason: input.note, after: applied },
          now,
        );
      });
    },
  };
}

export type FactChecksService = ReturnType<typeof createFactChecksService>;
