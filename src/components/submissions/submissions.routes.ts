/** The advertiser's pages: new / edit listing form (multipart, works without JS), my listings, and owner actions. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { NotFoundError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { viewerOf } from '../../web/viewer.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import type { UploadParser } from '../media/index.js';
import type { ListingFormService, ListingFormState } from './listing-form.service.js';
import type { SubmissionsService } from './submissions.service.js';
import { pathId } from '../../web/params.js';
import type { Lang } from '../../core/i18n.js';
import { categoryOptions, formPageVM, myListingsVM } from './submissions.view-models.js';

/** Per listing: the 30-day call sparkline and totals shown on "my listings" (from the stats component, wired in app.ts). */
export interface ListingSparkline {
  width: number;
  height: number;
  bars: Array<{ x: number; y: number; width: number; height: number }>;
  weeksText: string;
  text: string;
  url: string;
}
type Summaries = (
  ids: number[],
  lang: Lang,
  t: (k: string, p?: Record<string, string | number>) => string,
) => Promise<Map<number, ListingSparkline>>;
interface Deps {
  submissions: SubmissionsService; listingForm: ListingFormService; parseUpload: UploadParser; limiter: LimiterFactory;
  requireUser: RequestHandler; config: Readonly<Config>; summaries?: Summaries;
}

export function createSubmissionsRouter(deps: Deps): Router {
  const router = Router();
  const { submissions, listingForm, requireUser, config } = deps;
  const writeLimit = deps.limiter({ name: 'submission-write', windowMs: 10 * 60_000, limit: 60 });
  // Saving the listing form, per IP and per account (config: SUBMISSION_LIMIT_PER_HOUR).
  const perHour = config.rateLimit.submissionsPerHour;
  const [submitIp, submitAccount] = hourlyPerIpAndAccount(deps.limiter, 'submission', { ip: perHour, account: perHour });
  const me = (res: Response) => ({ ...viewerOf(res), userId: viewerOf(res).userId! });

  async function renderForm(res: Response, o: ListingFormState, listingId: number | null, isPublished: boolean): Promise<void> {
    const { lang, t } = res.locals;
    const model = { ...formPageVM({
      ...o, categories: categoryOptions(o.categories, lang), listingId, isPublished, csrfToken: String(res.locals.csrfToken ?? ''),
      geocoderOn: Boolean(config.kakaoRestApiKey), action: listingId === null ? '/submissions/new' : `/submissions/${listingId}/edit`,
      limits: { mb: Math.round(config.upload.maxFileBytes / 1048576), files: config.upload.maxFiles },
    }, lang, t), mapTiles: config.mapTileUrl };
    res.set('Cache-Control', 'no-store');
    const title = t(listingId === null ? 'submission.newTitle' : 'submission.editTitle');
    const scripts = ['/js/submission-form.js', '/js/submission-map.js'];
    await renderPage(res, 'submissions/form', model, { title, robots: 'noindex', scripts }, o.status);
  }

  /** The form's POST: the upload parsed here (HTTP), everything else one service call; then a redirect or the form again. */
  async function saveForm(req: Request, res: Response, listingId: number | null, isPublished: boolean): Promise<void> {
    const upload = await deps.parseUpload(req, res);
    const result = await listingForm.saveListingForm((req.body ?? {}) as Record<string, unknown>, upload, me(res), listingId);
    if (result.kind === 'saved') res.redirect(303, `/my/listings?done=${result.outcome}`);
    else await renderForm(res, result.form, listingId, isPublished);
  }

  router.get('/submissions/new', requireUser, async (_req, res) => {
    await renderForm(res, (await listingForm.formFor(null, viewerOf(res))).form, null, false);
  });

  router.post('/submissions/new', requireUser, submitIp, submitAccount, (req, res) => saveForm(req, res, null, false));

  router.get('/submissions/:id/edit', requireUser, async (req, res) => {
    const id = pathId(req.params.id);
    const { form, isPublished } = await listingForm.formFor(id, viewerOf(res));
    await renderForm(res, form, id, isPublished);
  });

  router.post('/submissions/:id/edit', requireUser, submitIp, submitAccount, async (req, res) => {
    const row = await submissions.owned(pathId(req.params.id), viewerOf(res));
    await saveForm(req, res, row.id, row.status === 'published');
  });

  router.get('/my/listings', requireUser, async (req, res) => {
    const { lang, t } = res.locals;
    const rows = await submissions.myListings(me(res).userId);
    const sparks = deps.summaries ? await deps.summaries(rows.map((r) => r.id), lang, t) : new Map<number, ListingSparkline>();
    const done = typeof req.query.done === 'string' && /^[a-z]{1,20}$/.test(req.query.done) ? req.query.done : null;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'submissions/my-listings',
      {
        listings: myListingsVM(rows, submissions.needsReconfirm, submissions.now(), lang, t, String(res.locals.csrfToken ?? '')).map(
          (l) => ({ ...l, insights: sparks.get(l.id) ?? null }),
        ),
        flash: done ? t(`submission.done.${done}`) : null,
      },
      { title: t('submission.myTitle'), robots: 'noindex' },
    );
  });

  const actions: Record<string, (id: number, res: Response) => Promise<void>> = {
    renew: (id, res) => submissions.renew(id, viewerOf(res)),
    reconfirm: (id, res) => submissions.reconfirm(id, viewerOf(res)),
    close: (id, res) => submissions.close(id, viewerOf(res)),
    delete: (id, res) => submissions.remove(id, viewerOf(res)),
  };
  router.post('/submissions/:id/:action', requireUser, writeLimit, async (req, res) => {
    const run = Object.hasOwn(actions, String(req.params.action)) ? actions[String(req.params.action)] : null;
    if (!run) throw new NotFoundError();
    await run(pathId(req.params.id), res);
    res.redirect(303, `/my/listings?done=${req.params.action}`);
  });

  return router;
}
