/**
 * Writing, deleting and replying to reviews (signed in; multipart with the token as the first field, for photos), and
 * reporting them (anyone; honeypot + proof of work, rate-limited). The listing page shows them through reviewSection().
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { AppError, BadRequestError, PayloadTooLargeError, ValidationError } from '../../core/errors.js';
import { multipartCsrf } from '../../web/multipart-csrf.js';
import type { HumanCheck } from '../../web/human-check.js';
import { originOf, renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import { viewerOf } from '../../web/viewer.js';
import { listingPath, type ListingGraph } from '../listings/index.js';
import type { ReviewsService } from './reviews.service.js';
import { REVIEW_REPORT_REASONS, type ReviewModerationService } from './review-moderation.service.js';
import { doneKey, keywordIds, pageParam, reviewReportForm, targetOf, text } from './reviews.schemas.js';
import { day, keywordLabel, reviewPageVM, sectionVM } from './reviews.view-models.js';

const SECTION_DONE = ['posted', 'held', 'deleted', 'replied', 'replyHeld', 'reported'] as const;

interface Deps {
  reviews: ReviewsService;
  moderation: ReviewModerationService;
  humanCheck: HumanCheck;
  limiter: LimiterFactory;
  requireUser: RequestHandler;
  perHour: number;
  reportsPerHour: number;
  maxFileBytes: number;
  visitorHash: (ip: string, ua: string) => Promise<string>;
  baseUrl?: string;
  /** The form's CSRF check, run by its upload parser (the token is the form's first field, never in the URL). */
  verifyMultipart?: (req: Request) => boolean;
}

export function createReviewsRouter(deps: Deps): Router {
  const router = Router();
  const { reviews } = deps;
  const csrf = multipartCsrf(deps.verifyMultipart);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.maxFileBytes, files: reviews.rules.maxPhotos, fields: 60, fieldSize: 4000, parts: 70 },
    fileFilter: csrf.fileFilter((field) => field === 'photos'),
  }).array('photos', reviews.rules.maxPhotos);
  const [writeIp, writeAccount] = hourlyPerIpAndAccount(deps.limiter, 'review', { ip: deps.perHour * 3, account: deps.perHour });
  const [reportIp, reportAccount] = hourlyPerIpAndAccount(deps.limiter, 'review-report', {
    ip: deps.reportsPerHour,
    account: deps.reportsPerHour,
  });
  const noStore: RequestHandler = (_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); };
  const back = (l: ListingGraph, done: string) => `${listingPath(l)}?done=${done}#reviews`;

  async function form(
    req: Request,
    res: Response,
    status = 200,
    values = { keywordIds: [] as number[], body: '' },
    errors: Record<string, string> = {},
  ): Promise<void> {
    const { t, lang } = res.locals;
    const { listing, keywords, ineligible } = await reviews.formFor(pathId(req.params.id), res.locals.currentUser!.id);
    const chosen = new Set(values.keywordIds);
    await renderPage(
      res,
      'reviews/form',
      {
        name: listing.name,
        listingUrl: listingPath(listing),
        body: values.body,
        maxText: reviews.rules.maxText,
        keywords: keywords.map((k) => ({ id: k.id, label: keywordLabel(k, lang), checked: chosen.has(k.id) })),
        blocked: ineligible
          ? t(`review.rule.${ineligible.rule}`, ineligible.rule === 'recent' ? { date: day(ineligible.since) } : {})
          : null,
        ownReview:
          ineligible?.rule === 'recent' && ineligible.status !== 'deleted' ? { deleteUrl: `/reviews/${ineligible.reviewId}/delete` } : null,
        action: `/listings/${listing.id}/reviews`,
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)])),
      },
      { title: t('review.title', { name: listing.name }), robots: 'noindex' },
      status,
    );
  }

  // All of a listing's visible reviews, a page at a time: anyone's page alike, so kept like the listing page.
  router.get('/listings/:id/reviews', async (req, res) => {
    const { t, lang } = res.locals;
    const data = await reviews.reviewPage(pathId(req.params.id), pageParam.parse(req.query.page));
    const model = reviewPageVM(data, data.listing, listingPath(data.listing), viewerOf(res), lang, t);
    const title =
      data.page > 1
        ? t('review.allTitlePage', { name: data.listing.name, page: data.page })
        : t('review.allTitle', { name: data.listing.name });
    await renderPage(res, 'reviews/all', model, { title, canonical: `${originOf(req, deps.baseUrl)}${model.canonical}` });
  });

  router.get('/listings/:id/reviews/new', deps.requireUser, noStore, (req, res) => form(req, res));

  router.post('/listings/:id/reviews', deps.requireUser, noStore, writeIp, writeAccount, async (req, res) => {
    const err = await new Promise<unknown>((resolve) => upload(req, res, (e?: unknown) => resolve(e ?? null)));
    csrf.assert(req, err);
    if (err)
      throw err instanceof multer.MulterError && ['LIMIT_FILE_SIZE', 'LIMIT_FILE_COUNT', 'LIMIT_UNEXPECTED_FILE'].includes(err.code)
        ? new PayloadTooLargeError('review.error.photos')
        : new BadRequestError('media.malformed');
    const values = { keywordIds: keywordIds(req.body?.keywords), body: text(req.body?.body, 2000) };
    const photos = ((req.files as Express.Multer.File[] | undefined) ?? []).filter((f) => f.size > 0).map((f) => f.buffer);
    try {
      const r = await reviews.submitReview(pathId(req.params.id), res.locals.currentUser!.id, { ...values, photos });
      res.redirect(303, back(await reviews.publicListing(pathId(req.params.id)), r.status === 'held' ? 'held' : 'posted'));
    } catch (e) {
      if (e instanceof ValidationError) return form(req, res, 422, values, e.fieldErrors);
      if (e instanceof AppError && (e.status === 403 || e.status === 409)) return form(req, res, e.status, values);
      throw e;
    }
  });

  router.get('/reviews/:id/delete', deps.requireUser, noStore, async (req, res) => {
    const { review, listing } = await reviews.ownReview(pathId(req.params.id), res.locals.currentUser!.id);
    const { t } = res.locals;
    await renderPage(
      res,
      'reviews/delete',
      { name: listing.name, listingUrl: listingPath(listing), body: review.body, action: `/reviews/${review.id}/delete` },
      { title: t('review.deleteTitle'), robots: 'noindex' },
    );
  });

  router.post('/reviews/:id/delete', deps.requireUser, noStore, async (req, res) => {
    const listingId = await reviews.deleteReview(pathId(req.params.id), res.locals.currentUser!.id);
    res.redirect(303, `/listings/${listingId}?done=deleted#reviews`);
  });

  async function replyForm(
    req: Request,
    res: Response,
    status = 200,
    body: string | null = null,
    errors: Record<string, string> = {},
  ): Promise<void> {
    const { review, listing } = await reviews.replyPage(pathId(req.params.id), res.locals.currentUser!.id);
    const { t } = res.locals;
    await renderPage(
      res,
      'reviews/reply',
      {
        name: listing.name,
        listingUrl: listingPath(listing),
        review: { body: review.body, date: day(review.createdAt) },
        body: body ?? review.reply?.body ?? '',
        action: `/reviews/${review.id}/reply`,
        maxText: reviews.rules.maxText,
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)])),
      },
      { title: t('review.replyTitle'), robots: 'noindex' },
      status,
    );
  }

  router.get('/reviews/:id/reply', deps.requireUser, noStore, (req, res) => replyForm(req, res));

  router.post('/reviews/:id/reply', deps.requireUser, noStore, writeIp, writeAccount, async (req, res) => {
    const body = text(req.body?.body, 2000);
    try {
      const r = await reviews.saveReply(pathId(req.params.id), res.locals.currentUser!.id, body);
      res.redirect(303, back(r.listing, r.status === 'held' ? 'replyHeld' : 'replied'));
    } catch (e) {
      if (e instanceof ValidationError) return replyForm(req, res, 422, body, e.fieldErrors);
      throw e;
    }
  });

  async function reportForm(
    req: Request,
    res: Response,
    status = 200,
    values = { reason: '', note: '' },
    errorKeys: string[] = [],
  ): Promise<void> {
    const target = targetOf(req.query.target ?? req.body?.target);
    const review = await deps.moderation.shownTarget(pathId(req.params.id), target);
    const listing = await reviews.publicListing(review.listingId);
    const { t } = res.locals;
    await renderPage(
      res,
      'reviews/report',
      {
        name: listing.name,
        listingUrl: `${listingPath(listing)}#reviews`,
        action: `/reviews/${review.id}/report`,
        target,
        quoted: target === 'reply' ? review.reply!.body : review.body,
        values,
        errors: errorKeys.map((k) => t(k)),
        reasons: REVIEW_REPORT_REASONS.map((r) => ({ value: r, label: t(`review.reportReason.${r}`), checked: values.reason === r })),
      },
      { title: t('review.reportTitle'), robots: 'noindex' },
      status,
    );
  }

  router.get('/reviews/:id/report', noStore, (req, res) => reportForm(req, res));

  router.post('/reviews/:id/report', noStore, reportIp, reportAccount, async (req, res) => {
    const values = { reason: text(req.body?.reason, 20), note: text(req.body?.note, 1000) };
    const parsed = reviewReportForm.safeParse(req.body ?? {});
    const bot = parsed.success ? await deps.humanCheck.check(req.body) : await deps.humanCheck.peek(req.body);
    if (!parsed.success || bot)
      return reportForm(
        req,
        res,
        422,
        values,
        [parsed.success ? null : 'report.error.reason', bot].filter((k): k is string => Boolean(k)),
      );
    const who = {
      userId: res.locals.currentUser?.id ?? null,
      visitorHash: await deps.visitorHash(req.ip ?? '', req.get('user-agent') ?? ''),
    };
    const r = await deps.moderation.report(
      pathId(req.params.id),
      parsed.data.target,
      { reason: parsed.data.reason, note: parsed.data.note },
      who,
    );
    res.redirect(303, `/listings/${r.listingId}?done=reported#reviews`);
  });

  return router;
}

/**
 * The listing page's review section (public listings only): one query, read from the page's reader, and one more for
 * a signed-in viewer's own held or hidden reviews (such a page is never kept: render.ts keeps anonymous pages only).
 */
export function createReviewSection(reviews: ReviewsService) {
  return async (req: Request, res: Response, listing: ListingGraph) => {
    const viewer = viewerOf(res);
    const data = await reviews.sectionFor(listing, viewer.userId);
    return sectionVM(
      data,
      listing,
      viewer,
      res.locals.lang,
      res.locals.t,
      doneKey(req.query.done, SECTION_DONE),
      `/listings/${listing.id}/reviews`,
    );
  };
}
