/**
 * The ad desk under /desk (the desk role or an admin, past the second factor — one guard where the router is made):
 * paste or upload, preview with corrections in place (a plain form), import, undo, batch cards, export.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError, ValidationError } from '../../core/errors.js';
import { requireRole } from '../../web/guards.js';
import { originOf, renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import type { DeskService } from './desk.service.js';
import type { CardService } from './card.service.js';
import { renderCardsPage } from './card.routes.js';
import type { createDeskUpload } from './desk.upload.js';
import { batchQuery, exportQuery, parseCorrections, previewQuery } from './desk.schemas.js';
import { batchVM, homeVM } from './desk.view-models.js';
import { previewVM } from './desk-preview.view-models.js';

const actor = (res: Response) => res.locals.currentUser!.id;
const firstError = (err: ValidationError) => Object.values(err.fieldErrors)[0] ?? err.messageKey;

/** A paste or file the desk refused (invalid, over a cap, a job over its time): shown on the desk page, with the cap. */
function refusal(err: unknown): { status: number; key: string; params: Record<string, string | number> } | null {
  if (err instanceof ValidationError) return { status: 422, key: firstError(err), params: {} };
  if (err instanceof AppError && (err.status === 413 || err.status === 503))
    return { status: err.status, key: err.messageKey, params: (err.details.params ?? {}) as Record<string, string | number> };
  return null;
}

export function createDeskRouter(deps: {
  guard: RequestHandler[]; desk: DeskService; parseUpload: ReturnType<typeof createDeskUpload>; undoHours: number;
  categories: () => Promise<Array<{ id: number; slug: string; nameKo: string; nameEn: string; parentId: number | null }>>;
  cards: CardService; baseUrl: string | undefined;
}): Router {
  const router = Router();
  const { desk } = deps;
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  async function home(
    res: Response,
    status = 200,
    error: string | null = null,
    pasted = '',
    errorParams: Record<string, string | number> = {},
  ): Promise<void> {
    const categories = (await deps.categories()).filter((c) => c.parentId !== null);
    const vm = homeVM(
      {
        batches: await desk.listBatches(),
        isAdmin: res.locals.currentUser!.role === 'admin',
        categories,
        csrfToken: String(res.locals.csrfToken ?? ''),
        error,
        errorParams,
        pasted,
      },
      res.locals.lang,
      res.locals.t,
    );
    await renderPage(res, 'desk/home', vm, { title: res.locals.t('desk.title'), robots: 'noindex' }, status);
  }

  async function preview(
    req: Request,
    res: Response,
    id: number,
    refused?: { status: number; error: string; show: 'all' | 'problems'; page: number },
  ): Promise<void> {
    const q = previewQuery.parse(req.query);
    const [{ draft, evaluation }, categories] = await Promise.all([desk.preview(id, actor(res)), deps.categories()]);
    const vm = previewVM(
      {
        draft,
        evaluation,
        categories,
        show: refused?.show ?? q.show,
        page: refused?.page ?? q.page,
        csrfToken: String(res.locals.csrfToken ?? ''),
        notice: q.done ? 'desk.preview.saved' : null,
        error: refused?.error ?? null,
        encoding: q.encoding ?? null,
        ignored: q.ignored ?? null,
      },
      res.locals.lang,
      res.locals.t,
    );
    await renderPage(res, 'desk/preview', vm, { title: res.locals.t('desk.preview.title'), robots: 'noindex' }, refused?.status ?? 200);
  }

  router.get('/', (_req, res) => home(res));

  router.get('/template.csv', (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('golmok-import-template.csv').send(desk.templateCsv());
  });

  router.post('/paste', async (req, res) => {
    const { text, file, error } = await deps.parseUpload(req, res);
    if (error) return home(res, error.status, error.messageKey);
    const pasted = file ? file.toString('utf8') : text;
    try {
      res.redirect(303, `/desk/imports/${await desk.stagePaste(actor(res), pasted)}`);
    } catch (err) {
      const refused = refusal(err);
      if (refused) return home(res, refused.status, refused.key, pasted.slice(0, 200_000), refused.params);
      throw err;
    }
  });

  router.post('/csv', async (req, res) => {
    const { file, error } = await deps.parseUpload(req, res);
    if (error) return home(res, error.status, error.messageKey);
    try {
      const staged = await desk.stageCsv(actor(res), file ?? Buffer.alloc(0));
      const ignored = staged.ignoredColumns.length ? `&ignored=${encodeURIComponent(staged.ignoredColumns.join(', ').slice(0, 300))}` : '';
      res.redirect(303, `/desk/imports/${staged.draftId}?encoding=${staged.encoding}${ignored}`);
    } catch (err) {
      const refused = refusal(err);
      if (refused) return home(res, refused.status, refused.key, '', refused.params);
      throw err;
    }
  });

  router.get('/imports/:id', (req, res) => preview(req, res, pathId(req.params.id)));

  router.post('/imports/:id', async (req, res) => {
    const id = pathId(req.params.id);
    const form = parseCorrections(req.body);
    await desk.correctRows(id, actor(res), form.edits);
    if (form.action === 'save') return res.redirect(303, `/desk/imports/${id}?show=${form.show}&page=${form.page}&done=saved`);
    try {
      const { batchId, kept } = await desk.importDraft(id, actor(res), form.action === 'import_ready' ? 'ready' : 'all');
      res.redirect(
        303,
        kept ? `/desk/batches/${batchId}?done=imported&draft=${id}&kept=${kept}` : `/desk/batches/${batchId}?done=imported`,
      );
    } catch (err) {
      if (err instanceof ValidationError) return preview(req, res, id, { status: 422, error: err.messageKey, show: 'problems', page: 1 });
      throw err;
    }
  });

  async function batchPage(
    res: Response,
    id: number,
    done: string | null,
    kept: string | null,
    status = 200,
    waiting: { draftId: number; rows: number } | null = null,
  ): Promise<void> {
    const data = await desk.batch(id);
    const vm = batchVM({ ...data, undoHours: deps.undoHours, done, kept, waiting }, res.locals.t);
    await renderPage(res, 'desk/batch', vm, { title: vm.title, robots: 'noindex' }, status);
  }

  router.get('/batches/:id', (req, res) => {
    const q = batchQuery.parse(req.query);
    return batchPage(res, pathId(req.params.id), q.done ?? null, null, 200, q.draft && q.kept ? { draftId: q.draft, rows: q.kept } : null);
  });

  router.post('/batches/:id/undo', async (req, res) => {
    const id = pathId(req.params.id);
    try {
      const { kept } = await desk.undoBatch(id, actor(res));
      if (kept.length === 0) return res.redirect(303, `/desk/batches/${id}?done=undone`);
      const names = (await desk.batch(id)).items.filter((i) => kept.includes(i.listingId)).map((i) => i.name).join(', ');
      return batchPage(res, id, 'undone', names);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return batchPage(res, id, null, null, 409);
      throw err;
    }
  });

  router.get('/batches/:id/cards', async (req, res) => {
    const id = pathId(req.params.id);
    const cards = await deps.cards.cardsFor(await desk.batchListingIds(id), originOf(req, deps.baseUrl));
    await renderCardsPage(res, cards, req.query.size === 'biz' ? 'biz' : 'a6', res.locals.t('desk.batch.title', { id }));
  });

  router.get('/export', requireRole('admin'), async (req, res) => {
    const q = exportQuery.parse(req.query);
    const filter = { status: q.status, categoryId: q.category, sigungu: q.district };
    const day = new Date().toISOString().slice(0, 10);
    res
      .type(q.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
      .attachment(`golmok-listings-${day}.${q.format}`);
    for await (const chunk of q.format === 'json' ? desk.exportJson(filter) : desk.exportCsv(filter)) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });

  return router;
}
