/**
 * The moderators' pages under /mod. One guard, applied where the router is created: a moderator or admin
 * who has passed the TOTP second factor in this session. Nothing in this router is reachable without it.
 */
import { Router, type RequestHandler, type Response } from 'express';
import type { ZodType } from 'zod';
import { BadRequestError, ValidationError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { idParam, pathId } from '../../web/params.js';
import type { ModerationService } from './moderation.service.js';
import type { ReportsService } from './reports.service.js';
import { listingDecisionForm, queueQuery, reportDecisionForm, revisionDecisionForm } from './moderation.schemas.js';
import { auditVM, queueVM, reportsVM, reviewVM } from './moderation.view-models.js';
import { queueCountsVM, reviewPageVM } from './review.view-models.js';

export function parseOr422<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new ValidationError(
      Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), 'moderation.error.input'])),
      'moderation.error.input',
    );
  return parsed.data;
}


export const actorOf = (res: Response): number => res.locals.currentUser!.id;

/** The `?done=` key of the flash shown after a redirect (message keys only: lower case and _). */
export const doneKey = (raw: unknown): string | null => (typeof raw === 'string' && /^[a-z_]{1,20}$/.test(raw) ? raw : null);

export function createModerationRouter(deps: {
  guard: RequestHandler[];
  moderation: ModerationService;
  reports: ReportsService;
  categories: () => Promise<Array<{ id: number; nameKo: string; nameEn: string; parentId: number | null }>>;
}): Router {
  const router = Router();
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const { moderation, reports } = deps;

  router.get('/', async (req, res) => {
    const q = queueQuery.parse(req.query);
    const [items, counts] = await Promise.all([
      moderation.queue({ kind: q.kind, categoryId: q.category, sigungu: q.district, flaggedOnly: q.flagged === '1' }),
      moderation.queueCounts(),
    ]);
    const done = doneKey(req.query.done);
    await renderPage(
      res,
      'moderation/queue',
      { ...queueVM(items, q, await deps.categories(), done, res.locals.lang, res.locals.t), counts: queueCountsVM(counts, res.locals.t) },
      { title: res.locals.t('moderation.queueTitle'), robots: 'noindex' },
    );
  });

  /** The review page; after a refused form, with its message and what the moderator typed. */
  async function review(res: Response, id: number, refused?: { body: Record<string, unknown> }): Promise<void> {
    const data = await moderation.review(id);
    const { lang, t } = res.locals;
    const typed = (k: string) => (typeof refused?.body[k] === 'string' ? String(refused.body[k]).slice(0, 5000) : null);
    const form = refused
      ? {
          error: t('moderation.error.input'),
          action: typed('action'),
          name: typed('name'),
          tagline: typed('tagline'),
          description: typed('description'),
          note: typed('note'),
        }
      : null;
    await renderPage(
      res,
      'moderation/review',
      { ...reviewVM(data, lang, t), ...reviewPageVM(data, lang, t), form },
      { title: t('moderation.reviewTitle', { name: data.listing.name }), robots: 'noindex' },
      refused ? 422 : 200,
    );
  }

  router.get('/listings/:id', async (req, res) => review(res, pathId(req.params.id)));

  router.post('/listings/:id/decide', async (req, res) => {
    const id = pathId(req.params.id);
    const parsed = listingDecisionForm.safeParse(req.body ?? {});
    if (!parsed.success) return review(res, id, { body: (req.body ?? {}) as Record<string, unknown> });
    const decision = parsed.data;
    await moderation.decideListing(actorOf(res), id, decision);
    res.redirect(
      303,
      decision.action === 'approve' || decision.action === 'reject' || decision.action === 'request_changes'
        ? `/mod?done=${decision.action}`
        : `/mod/listings/${id}?done=${decision.action}`,
    );
  });

  router.post('/revisions/:id/decide', async (req, res) => {
    const decision = parseOr422(revisionDecisionForm, req.body);
    await moderation.decideRevision(actorOf(res), pathId(req.params.id), decision);
    res.redirect(303, `/mod?done=${decision.action}`);
  });

  router.get('/reports', async (_req, res) => {
    await renderPage(res, 'moderation/reports', reportsVM(await reports.openForModerators(), res.locals.t), {
      title: res.locals.t('moderation.reportsTitle'),
      robots: 'noindex',
    });
  });

  router.post('/reports/:id/decide', async (req, res) => {
    const form = parseOr422(reportDecisionForm, req.body);
    await reports.decide(actorOf(res), pathId(req.params.id), form.action, form.note);
    res.redirect(303, '/mod/reports');
  });

  router.get('/audit', async (req, res) => {
    const subject = typeof req.query.listing === 'string' ? idParam.safeParse(req.query.listing) : null;
    if (subject && !subject.success) throw new BadRequestError();
    const rows = await moderation.audit({
      subjectType: subject ? 'listing' : undefined,
      subjectId: subject?.success ? subject.data : undefined,
      limit: 200,
    });
    await renderPage(res, 'moderation/audit', auditVM(rows, res.locals.t, res.locals.lang), {
      title: res.locals.t('moderation.auditTitle'),
      robots: 'noindex',
    });
  });

  return router;
}
