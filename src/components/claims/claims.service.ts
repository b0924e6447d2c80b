/**
 * Claims: a signed-in advertiser asks to own a listing they did not create ("이 업체의 사장님이신가요?") with the
 * business registration number and a photo or PDF of the 사업자등록증 (kept privately, typed by magic bytes);
 * a moderator approves (ownership moves, audited, mailed) or rejects with a reason. Nothing public changes before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { translate } from '../../core/i18n.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { isPubliclyVisible, type ListingsService } from '../listings/index.js';
import { ImageRejectedError, processImage } from '../media/index.js';
import { appendAudit } from '../moderation/index.js';
import { isValidBusinessRegNo } from '../submissions/index.js';
import * as repo from './claims.repository.js';

export interface ClaimInput { businessRegNo: string; document: Buffer | null }

export function createClaimsService(deps: {
  db: Knex;
  clock: Clock;
  listings: ListingsService;
  mailer: Mailer;
  logger: Logger;
  documentsDir: string;
  maxPixels: number;
  siteUrl: string;
}) {
  const { db, clock } = deps;

  /** The listing a user may claim: public, and not already theirs. */
  async function claimable(listingId: number, userId: number) {
    const { listing, isPublic } = await deps.listings
      .getListingForViewer(listingId, { userId: null, role: 'visitor' })
      .catch(() => ({ listing: null, isPublic: false }));
    if (!listing || !isPublic || !isPubliclyVisible(listing, clock.now())) throw new NotFoundError();
    if (listing.ownerId === userId) throw new ConflictError('claim.error.alreadyOwner');
    return listing;
  }

  /** PDF by its magic bytes, or an image under the photo rules (re-encoded to WebP, metadata stripped). */
  async function storeDocument(bytes: Buffer): Promise<{ key: string; type: string }> {
    const { fileTypeFromBuffer } = await import('file-type'); // loaded on first use, not at start
    const type = await fileTypeFromBuffer(bytes);
    let out: Buffer;
    let ext: string;
    if (type?.mime === 'application/pdf' && bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
      out = bytes;
      ext = 'pdf';
    } else {
      try {
        out = (await processImage(bytes, { maxPixels: deps.maxPixels })).variants[0].bytes;
      } catch (err) {
        if (err instanceof ImageRejectedError) throw new ValidationError({ document: 'claim.error.document' });
        throw err;
      }
      ext = 'webp';
    }
    const key = `${crypto.randomBytes(16).toString('hex')}.${ext}`;
    await fs.mkdir(deps.documentsDir, { recursive: true });
    await fs.writeFile(path.join(deps.documentsDir, key), out, { flag: 'wx' });
    return { key, type: ext === 'pdf' ? 'application/pdf' : 'image/webp' };
  }

  async function mail(claim: repo.ClaimRow, key: 'approved' | 'rejected', reason: string | null): Promise<void> {
    const params = {
      name: claim.listingName,
      url: `${deps.siteUrl}/listings/${claim.listingId}-${claim.listingSlug}`,
      reason: reason ?? '',
    };
    try {
      await deps.mailer.send({
        to: claim.userEmail,
        subject: translate('ko', `claim.mail.${key}.subject`, params),
        text: `${translate('ko', `claim.mail.${key}.body`, params)}\n\n---\n${translate('en', `claim.mail.${key}.body`, params)}`,
      });
    } catch (err) {
      deps.logger.error({ err, claimId: claim.id }, 'claim mail failed');
    }
  }

  return {
    async claimPage(listingId: number, userId: number) {
      const listing = await claimable(listingId, userId);
      return { listing, hasOpen: await repo.hasOpenClaim(db, listingId, userId) };
    },

    async submitClaim(listingId: number, userId: number, input: ClaimInput): Promise<number> {
      const listing = await claimable(listingId, userId);
      const regNo = input.businessRegNo.replace(/[\s-]/g, '');
      const errors: Record<string, string> = {};
      if (!isValidBusinessRegNo(regNo)) errors.businessRegNo = 'submission.error.businessRegNo';
      else if (listing.businessRegNo && listing.businessRegNo !== regNo) errors.businessRegNo = 'claim.error.regNoMismatch';
      if (!input.document || input.document.length === 0) errors.document = 'claim.error.documentRequired';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      if (await repo.hasOpenClaim(db, listingId, userId)) throw new ConflictError('claim.error.open');
      const doc = await storeDocument(input.document!);
      try {
        return await repo.insertClaim(
          db,
          { listingId, userId, businessRegNo: regNo, documentKey: doc.key, documentType: doc.type },
          clock.now(),
        );
      } catch (err) {
        await fs.rm(path.join(deps.documentsDir, doc.key), { force: true });
        if (await repo.hasOpenClaim(db, listingId, userId)) throw new ConflictError('claim.error.open');
        throw err;
      }
    },

    openClaims: () => repo.listOpenClaims(db),

    async document(claimId: number): Promise<{ bytes: Buffer; type: string }> {
      const claim = await repo.findClaim(db, claimId);
      if (!claim || !/^[0-9a-f]{32}\.(pdf|webp)$/.test(claim.documentKey)) throw new NotFoundError();
      return { bytes: await fs.readFile(path.join(deps.documentsDir, claim.documentKey)), type: claim.documentType };
    },

    async decideClaim(claimId: number, actorId: number, d: { action: 'approve' | 'reject'; reason: string }): Promise<void> {
      const now = clock.now();
      const claim = await db.transaction(async (trx) => {
        const c = await repo.findClaim(trx, claimId);
        if (!c) throw new NotFoundError();
        const status = d.action === 'approve' ? 'approved' : 'rejected';
        if (!(await repo.decideClaim(trx, claimId, { status, reason: d.reason || null, by: actorId }, now)))
          throw new ConflictError('moderation.error.state');
        if (d.action === 'approve') {
          const others = await repo.rejectOtherOpenClaims(trx, c.listingId, claimId, actorId, 'approved another claim', now);
          await deps.listings.lifecycle.setOwner(trx, c.listingId, c.userId, {
            by: actorId,
            action: 'claim_approve',
            reason: d.reason || null,
            after: { claimId, rejectedClaims: others },
          });
        } else {
          await appendAudit(
            trx,
            {
              actorId,
              action: 'claim_reject',
              subjectType: 'claim',
              subjectId: claimId,
              reason: d.reason,
              after: { listingId: c.listingId, userId: c.userId },
            },
            now,
          );
        }
        return c;
      });
      await mail(claim, d.action === 'approve' ? 'approved' : 'rejected', d.reason || null);
    },
  };
}
export type ClaimsService = ReturnType<typeof createClaimsService>;
