/**
 * GET/POST /listings/:id/claim (signed in, rate-limited, multipart with the token as the first field) and the
 * moderators' /mod/claims pages (mounted under /mod with the moderation guard, so the guard test walks them too).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError, BadRequestError, PayloadTooLargeError, ValidationError } from '../../core/errors.js';
import { multipartCsrf } from '../../web/multipart-csrf.js';
import { renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import type { ClaimsService } from './claims.service.js';

const decision = z.object({ action: z.enum(['approve', 'reject']), reason: z.string().trim().max(1000).default('') })
  .refine((d) => d.action === 'approve' || d.reason.length > 0, { path: ['reason'] });

export function createClaimsRouter(deps: {
  claims: ClaimsService;
  limiter: LimiterFactory;
  perHour: number;
  maxBytes: number;
  requireUser: RequestHandler;
  verifyMultipart?: (req: Request) => boolean;
}): Router {
  const router = Router();
  const csrf = multipartCsrf(deps.verifyMultipart);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.maxBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    fileFilter: csrf.fileFilter((field) => field === 'document'),
  }).single('document');
  const [perIp, perAccount] = hourlyPerIpAndAccount(deps.limiter, 'claim', { ip: deps.perHour * 3, account: deps.perHour });

  async function page(req: Request, res: Response, status = 200, errors: Record<string, string> = {}, regNo = ''): Promise<void> {
    const id = pathId(req.params.id);
    const { listing, hasOpen } = await deps.claims.claimPage(id, res.locals.currentUser!.id);
    const { t } = res.locals;
    await renderPage(
      res,
      'claims/form',
      {
        name: listing.name,
        listingUrl: `/listings/${listing.id}-${listing.slug}`,
        hasOpen,
        regNo,
        sent: req.query.sent === '1',
        action: `/listings/${id}/claim`,
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)])),
      },
      { title: t('claim.title', { name: listing.name }), robots: 'noindex' },
      status,
    );
  }

  router.get('/listings/:id/claim', deps.requireUser, (req, res) => page(req, res));

  router.post('/listings/:id/claim', deps.requireUser, perIp, perAccount, async (req, res) => {
    const err = await new Promise<unknown>((resolve) => upload(req, res, (e?: unknown) => resolve(e ?? null)));
    csrf.assert(req, err);
    if (err)
      throw err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE'
        ? new PayloadTooLargeError('media.tooLarge')
        : new BadRequestError('media.malformed');
    const regNo = typeof req.body?.businessRegNo === 'string' ? req.body.businessRegNo.slice(0, 20) : '';
    try {
      await deps.claims.submitClaim(pathId(req.params.id), res.locals.currentUser!.id, {
        businessRegNo: regNo,
        document: req.file?.buffer ?? null,
      });
      res.redirect(303, `/listings/${req.params.id}/claim?sent=1`);
    } catch (e) {
      if (e instanceof ValidationError) return page(req, res, 422, e.fieldErrors, regNo);
      if (e instanceof AppError && e.status === 409) return page(req, res, 409, { form: e.messageKey }, regNo);
      throw e;
    }
  });

  return router;
}

/** Mounted under /mod: the open claims beside their listings, the private document, the decision. */
export function createClaimsModerationRouter(deps: { guard: RequestHandler[]; claims: ClaimsService }): Router {
  const router = Router();
  router.use(...deps.guard);

  router.get('/claims', async (req, res) => {
    const { t } = res.locals;
    const rows = await deps.claims.openClaims();
    const done = req.query.done === 'approve' || req.query.done === 'reject' ? t(`claim.done.${req.query.done}`) : null;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'claims/queue',
      {
        done,
        claims: rows.map((c) => ({
          id: c.id,
          listingName: c.listingName,
          listingUrl: `/mod/listings/${c.listingId}`,
          who: c.userEmail,
          claimedRegNo: t('claim.claimedRegNo', { regNo: c.businessRegNo }),
          listingRegNo: c.listingRegNo ? t('claim.listingRegNo', { regNo: c.listingRegNo }) : null,
          documentUrl: `/mod/claims/${c.id}/document`,
          action: `/mod/claims/${c.id}/decide`,
          when: c.createdAt.toISOString().slice(0, 10),
        })),
      },
      { title: t('claim.queueTitle'), robots: 'noindex' },
    );
  });

  router.get('/claims/:id/document', async (req, res) => {
    const doc = await deps.claims.document(pathId(req.params.id));
    res.set({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': `attachment; filename="claim-${pathId(req.params.id)}.${doc.type === 'application/pdf' ? 'pdf' : 'webp'}"`,
    });
    res.type(doc.type).send(doc.bytes);
  });

  router.post('/claims/:id/decide', async (req, res) => {
    const parsed = decision.safeParse(req.body ?? {});
    if (!parsed.success) throw new ValidationError({ reason: 'moderation.error.input' }, 'moderation.error.input');
    await deps.claims.decideClaim(pathId(req.params.id), res.locals.currentUser!.id, parsed.data);
    res.redirect(303, `/mod/claims?done=${parsed.data.action}`);
  });

  return router;
}
