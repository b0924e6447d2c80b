/**
 * The classified pages: the desk's preview and actions under /desk/ads/print/:date (desk role, past the second factor:
 * the guard given where the router is mounted), and the advertiser's tear sheets under /ads/orders/:id/tearsheets.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { BadRequestError, ValidationError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { viewerOf } from '../../web/viewer.js';
import { parseDay, parseId } from './ads.schemas.js';
import type { PrintService } from './print.service.js';
import { printPageVM, type PlaceValues } from './print.view-models.js';

type Body = Record<string, unknown>;
const body = (req: Request): Body => (req.body as Body | undefined) ?? {};
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const DONE = new Set(['placed', 'moved', 'held', 'locked', 'unlocked']);

/** A page number from a form: 1–99, anything else 400. */
function parsePage(raw: unknown): number {
  const s = str(raw);
  if (!/^[1-9]\d?$/.test(s)) throw new BadRequestError();
  return Number(s);
}

function parsePlace(b: Body): { values: PlaceValues; place: { page: number; column: number; topMm: number } | null } {
  const values = { order: str(b.order), page: str(b.page).trim(), column: str(b.column).trim(), top: str(b.top).trim().replace(',', '.') };
  const ok = /^[1-9]\d?$/.test(values.page) && /^[1-9]\d?$/.test(values.column) && /^\d{1,3}(\.\d)?$/.test(values.top);
  return {
    values,
    place: ok ? { page: Number(values.page), column: Number(values.column), topMm: Math.round(Number(values.top) * 10) } : null,
  };
}

export function createPrintDeskRouter(deps: { guard: RequestHandler[]; print: PrintService }): Router {
  const router = Router();
  const { print } = deps;
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  async function page(
    res: Response,
    day: string,
    notice: string | null,
    error: Parameters<typeof printPageVM>[0]['error'] = null,
    status = 200,
  ): Promise<void> {
    const { lang, t } = res.locals;
    const preview = await print.preview(day);
    const vm = printPageVM({ day, ...preview, lang, notice, error }, t);
    await renderPage(res, 'ads/print', vm, { title: vm.title, robots: 'noindex' }, status);
  }

  // The dashboard's "open an edition" form.
  router.get('/', (req, res) => res.redirect(303, `/desk/ads/print/${parseDay(req.query.date)}`));

  router.get('/:date', async (req, res) => {
    const { t } = res.locals;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\.(pdf|xml))?$/.exec(req.params.date);
    if (!m) throw new BadRequestError();
    const day = parseDay(m[1]);
    if (m[2] === 'pdf') {
      const pdf = await print.pdf(day, req.query.crop === '1');
      return void res.type('application/pdf').attachment(`golmok-classified-${day}.pdf`).send(pdf);
    }
    if (m[2] === 'xml')
      return void res
        .type('application/xml; charset=utf-8')
        .attachment(`golmok-classified-${day}.xml`)
        .send(await print.tagged(day));
    const done = str(req.query.done);
    const notice = DONE.has(done) ? t(`print.${done}`, { date: str(req.query.to).replace(/[^\d-]/g, '').slice(0, 10) }) : null;
    await page(res, day, notice);
  });

  const act = (path: string, run: (req: Request, res: Response, day: string) => Promise<string>) =>
    router.post(`/:date/${path}`, async (req, res) => {
      const day = parseDay(req.params.date);
      res.redirect(303, `/desk/ads/print/${day}?${await run(req, res, day)}`);
    });

  router.post('/:date/place', async (req, res) => {
    const day = parseDay(req.params.date);
    const orderId = parseId(str(body(req).order));
    const { values, place } = parsePlace(body(req));
    const t = res.locals.t;
    try {
      if (!place) throw new ValidationError({ place: 'print.error.number' });
      await print.place(day, orderId, place);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return page(res, day, null, { orderId, message: t(err.fieldErrors.place ?? 'print.error.number'), values }, 422);
    }
    res.redirect(303, `/desk/ads/print/${day}?done=placed`);
  });
  act('unplace', async (req, _res, day) => {
    await print.unplace(day, parseId(str(body(req).order)));
    return 'done=placed';
  });
  act('reorder', async (req, _res, day) => {
    const direction = body(req).direction === 'up' ? 'up' : body(req).direction === 'down' ? 'down' : null;
    if (!direction) throw new BadRequestError();
    await print.reorder(day, parseId(str(body(req).order)), direction);
    return 'done=moved';
  });
  act('hold', async (req, res, day) => `done=held&to=${await print.holdBack(viewerOf(res), day, parseId(str(body(req).order)))}`);
  act('lock', async (req, res, day) => {
    await print.lock(day, parsePage(body(req).page), res.locals.currentUser!.id);
    return 'done=locked';
  });
  act('unlock', async (req, _res, day) => {
    await print.unlock(day, parsePage(body(req).page));
    return 'done=unlocked';
  });
  return router;
}

/** The advertiser's tear sheet of an edition their order ran in (their own orders only: anyone else gets 404). */
export function createTearSheetRouter(deps: { print: PrintService; requireUser: RequestHandler }): Router {
  const router = Router();
  router.get('/ads/orders/:id/tearsheets/:date.pdf', deps.requireUser, async (req, res) => {
    const pdf = await deps.print.tearSheet(viewerOf(res), parseId(req.params.id), parseDay(req.params.date));
    res
      .set('Cache-Control', 'no-store')
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="tearsheet-${req.params.date}.pdf"`)
      .send(pdf);
  });
  return router;
}
