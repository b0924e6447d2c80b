/** The advertiser's pages: new / edit listing form (multipart, works without JS), my listings, and owner actions. */
import { Router, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { NotFoundError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { viewerOf } from '../../web/viewer.js';
import { signedInAccountKey, type LimiterFactory } from '../../web/rate-limit.js';
import type { ListingsService } from '../listings/index.js';
import type { FormHandler, FormOutcome } from './submission-form.js';
import type { SubmissionsService } from './submissions.service.js';
import { pathId } from '../../web/params.js';
import type { Lang } from '../../core/i18n.js';
import { emptyFormValues, formPageVM, formValuesFromGraph, myListingsVM } from './submissions.view-models.js';

/** Per listing: the 30-day call sparkline and totals shown on "my listings" (from the stats component, wired in app.ts). */
export interface ListingSparkline {
  width: number; height: number; bars: Array<{ x: number; y: number; width: number; height: number }>; weeksText: string; text: string; url: string;
}
type Summaries = (ids: number[], lang: Lang, t: (k: string, p?: Record<string, string | number>) => string) => Promise<Map<number, ListingSparkline>>;
interface Deps { submissions: SubmissionsService; listings: ListingsService; handleForm: FormHandler; limiter: LimiterFactory; requireUser: RequestHandler; config: Readonly<Config>; summaries?: Summaries }

export function createSubmissionsRouter(deps: Deps): Router {
  const router = Router();
  const { submissions, listings, handleForm, requireUser, config } = deps;
  const writeLimit = deps.limiter({ name: 'submission-write', windowMs: 10 * 60_000, limit: 60 });
  // Saving the listing form, per IP and per account (config: SUBMISSION_LIMIT_PER_HOUR).
  const perHour = config.rateLimit.submissionsPerHour;
  const submitIp = deps.limiter({ name: 'submission-ip', windowMs: 60 * 60_000, limit: perHour });
  const submitAccount = deps.limiter({ name: 'submission-account', windowMs: 60 * 60_000, limit: perHour, key: signedInAccountKey });
  const me = (res: Response) => ({ ...viewerOf(res), userId: viewerOf(res).userId! });

  async function renderForm(res: Response, o: Omit<FormOutcome, 'redirect'>, listingId: number | null, isPublished: boolean): Promise<void> {
    const { lang, t } = res.locals;
    const all = await listings.listCategories();
    const groups = new Map(all.filter((c) => c.parentId === null).map((c) => [c.id, lang === 'en' ? c.nameEn : c.nameKo]));
    const categories = all.filter((c) => c.parentId !== null).map((c) => ({ id: c.id, name: lang === 'en' ? c.nameEn : c.nameKo, group: groups.get(c.parentId!) ?? '' }));
    const model = { ...formPageVM({
      ...o, categories, listingId, isPublished, csrfToken: String(res.locals.csrfToken ?? ''), geocoderOn: Boolean(config.kakaoRestApiKey),
      action: listingId === null ? '/submissions/new' : `/submissions/${listingId}/edit`,
      limits: { mb: Math.round(config.upload.maxFileBytes / 1048576), files: config.upload.maxFiles },
    }, lang, t), mapTiles: config.mapTileUrl };
    res.set('Cache-Control', 'no-store');
    await renderPage(res, 'submissions/form', model, { title: t(listingId === null ? 'submission.newTitle' : 'submission.editTitle'), robots: 'noindex', scripts: ['/js/submission-form.js', '/js/submission-map.js'] }, o.status);
  }

  async function finish(res: Response, o: FormOutcome, listingId: number | null, isPublished: boolean): Promise<void> {
    if (o.redirect) res.redirect(303, o.redirect);
    else await renderForm(res, o, listingId, isPublished);
  }

  const blank = (): Omit<FormOutcome, 'redirect'> => ({ status: 200, values: emptyFormValues(), errors: {}, keptMedia: [], notice: null, adText: '' });

  router.get('/submissions/new', requireUser, async (_req, res) => renderForm(res, blank(), null, false));

  router.post('/submissions/new', requireUser, submitIp, submitAccount, async (req, res) => finish(res, await handleForm(req, res, me(res), null), null, false));

  router.get('/submissions/:id/edit', requireUser, async (req, res) => {
    const { listing, media, revision } = await submissions.editData(pathId(req.params.id), viewerOf(res));
    const values = revision ? formValuesFromGraph(revision.draft, media.filter((m) => revision.media.some((c) => c.id === m.id))) : formValuesFromGraph({ ...listing, categoryIds: listing.categories.map((c) => c.id) }, media);
    await renderForm(res, { ...blank(), values, keptMedia: media, notice: revision ? 'submission.revisionPending' : null }, listing.id, listing.status === 'published');
  });

  router.post('/submissions/:id/edit', requireUser, submitIp, submitAccount, async (req, res) => {
    const row = await submissions.owned(pathId(req.params.id), viewerOf(res));
    await finish(res, await handleForm(req, res, me(res), row.id), row.id, row.status === 'published');
  });

  router.get('/my/listings', requireUser, async (req, res) => {
    const { lang, t } = res.locals;
    const rows = await submissions.myListings(me(res).userId);
    const sparks = deps.summaries ? await deps.summaries(rows.map((r) => r.id), lang, t) : new Map<number, ListingSparkline>();
    const done = typeof req.query.done === 'string' && /^[a-z]{1,20}$/.test(req.query.done) ? req.query.done : null;
    res.set('Cache-Control', 'no-store');
    await renderPage(res, 'submissions/my-listings', {
      listings: myListingsVM(rows, submissions.needsReconfirm, submissions.now(), lang, t, String(res.locals.csrfToken ?? '')).map((l) => ({ ...l, insights: sparks.get(l.id) ?? null })),
      flash: done ? t(`submission.done.${done}`) : null,
    }, { title: t('submission.myTitle'), robots: 'noindex' });
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
