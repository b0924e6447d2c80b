/**
 * GET /p/:code: the short URL printed with an ad or on a card. It counts one visit for the code (bots and repeats
 * left out by the stats component) and redirects to the listing's page with the code in the fragment, where the
 * page's script keeps it for the tab's session so a call from that visit counts to the code. An unknown code is
 * the 404 page; the redirect only ever goes to a path built from a listing's id and slug.
 *
 * /desk/codes (desk role or admin): visits and calls per edition and classification, and the sales staff's CSV.
 */
import { Router, type Request, type RequestHandler } from 'express';
import { NotFoundError } from '../../core/errors.js';
import type { LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import type { CodesService } from './codes.service.js';
import { deskFiguresCsv, deskFiguresVM } from './codes.view-models.js';

export interface CodeVisit { codeId: number; listingId: number; ip: string; userAgent: string | undefined }

export interface ShortCodeDeps { codes: CodesService; recordVisit: (v: CodeVisit) => Promise<unknown>; limiter: LimiterFactory }

export function createShortCodeRouter(deps: ShortCodeDeps): Router {
  const router = Router();
  // Only misses count: a reader following printed codes is never stopped, while guessing codes (30^6 of them) is.
  const guesses = deps.limiter({ name: 'short-code-misses', windowMs: 10 * 60_000, limit: 20, countOnlyFailures: true });

  router.get('/p/:code', guesses, async (req: Request, res) => {
    res.set('Cache-Control', 'no-store');
    const target = await deps.codes.resolve(req.params.code);
    if (!target) throw new NotFoundError('codes.error.unknown');
    await deps.recordVisit({ codeId: target.id, listingId: target.listingId, ip: req.ip ?? '', userAgent: req.get('user-agent') });
    res.redirect(302, `${target.path}#via=${target.code}`);
  });

  return router;
}

export function createCodesDeskRouter(deps: { codes: CodesService; guard: RequestHandler[] }): Router {
  const router = Router();
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/', async (_req, res) => {
    const { lang, t } = res.locals;
    const vm = deskFiguresVM(await deps.codes.printFigures(), lang, t);
    await renderPage(res, 'codes/desk', { ...vm, csv: '/desk/codes/figures.csv' }, { title: t('codes.desk.title'), robots: 'noindex' });
  });

  router.get('/figures.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('golmok-print-results.csv').send(deskFiguresCsv(await deps.codes.printFigures()));
  });

  return router;
}
