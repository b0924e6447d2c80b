/**
 * The ad desk's side under /desk/ads (desk role or admin, past the second factor: the guard given where the router is
 * mounted): the dashboard per state and edition, orders entered for walk-in and phone customers, proofs, refunds,
 * 후불, closed days, the bank statement upload and the deposits to check, the run list, and the CSV exports.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError, BadRequestError, ValidationError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { viewerOf } from '../../web/viewer.js';
import { formatWon } from '../../lib/money.js';
import { seoulParts } from '../../lib/clock.js';
import { ORDER_STATES, type OrderState } from './order-states.js';
import { orderFormValues, parseCopy, parseDay, parseId, parseOrderForm } from './ads.schemas.js';
import type { AdsService } from './ads.service.js';
import type { DeskReports } from './desk-reports.js';
import type { PaymentsService } from './payments.service.js';
import { renderOrderForm, renderOrderPage } from './ads.routes.js';
import { leftText, orderListItemVM } from './ads.view-models.js';

type Body = Record<string, unknown>;
const body = (req: Request): Body => (req.body as Body | undefined) ?? {};
const str = (v: unknown) => (typeof v === 'string' ? v : '');
type Upload = (req: Request, res: Response) => Promise<{ file: Buffer | null; error: AppError | null }>;

export function createAdsDeskRouter(deps: {
  guard: RequestHandler[];
  ads: AdsService;
  payments: PaymentsService;
  reports: DeskReports;
  parseUpload: Upload;
}): Router {
  const router = Router();
  const { ads, payments, reports } = deps;
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const me = (res: Response) => res.locals.currentUser!.id;

  async function dashboard(req: Request, res: Response, notice: string | null = null, status = 200): Promise<void> {
    const { lang, t } = res.locals;
    const state = ORDER_STATES.includes(req.query.state as OrderState) ? (req.query.state as OrderState) : undefined;
    const edition = typeof req.query.edition === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.edition) ? req.query.edition : undefined;
    const editions = await ads.editions(12);
    const overview = await reports.overview(editions);
    const now = ads.now();
    await renderPage(
      res,
      'ads/desk',
      {
        notice:
          notice ??
          (typeof req.query.done === 'string' && /^\d{1,6}$/.test(req.query.done) ? t('ads.desk.advanced', { n: req.query.done }) : null),
        states: [
          { value: '', label: t('ads.desk.all'), count: [...overview.counts.values()].reduce((a, b) => a + b, 0), current: !state },
          ...ORDER_STATES.map((s) => ({ value: s, label: t(`ads.state.${s}`), count: overview.counts.get(s) ?? 0, current: s === state })),
        ],
        editions: overview.editions.map((e) => ({
          date: e.date,
          label: t('ads.desk.edition', { date: e.date }),
          deadline: leftText(e.deadline, now, t),
          summary: t('ads.desk.editionSummary', { orders: e.orders, proof: e.lacksApproval, payment: e.lacksPayment }),
          runs: `/desk/ads/runs/${e.date}`,
          print: `/desk/ads/print/${e.date}`,
          filter: `/desk/ads?edition=${e.date}`,
        })),
        orders: (await reports.listOrders({ state, edition })).map((o) => orderListItemVM(o, '/desk/ads/orders', lang, t)),
        closed: (await ads.closedDays())
          .filter((d) => d.day >= seoulParts(now).day)
          .map((d) => ({ ...d, remove: t('ads.desk.closedRemove', { day: d.day }) })),
        taxMonth: seoulParts(now).day.slice(0, 7),
      },
      { title: t('ads.desk.title'), robots: 'noindex' },
      status,
    );
  }

  router.get('/', (req, res) => dashboard(req, res));

  router.get('/orders/new', (req, res) =>
    renderOrderForm(ads, res, { values: orderFormValues({ product: req.query.product }), staff: true }),
  );
  router.post('/orders/quote', (req, res) => renderOrderForm(ads, res, { values: orderFormValues(body(req)), staff: true }));
  router.post('/orders', async (req, res) => {
    const values = orderFormValues(body(req));
    try {
      const advertiserId = await ads.advertiserByEmail(values.advertiserEmail);
      const id = await ads.createOrder(parseOrderForm(values), { userId: me(res), staff: true, advertiserId });
      res.redirect(303, `/desk/ads/orders/${id}?done=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderOrderForm(ads, res, { values, errors: err.fieldErrors, status: 422, staff: true });
    }
  });

  router.get('/orders/:id', (req, res) => renderOrderPage(ads, req, res, parseId(req.params.id), '/desk/ads/orders'));
  const act = (path: string, done: string, run: (req: Request, res: Response, id: number) => Promise<void>) =>
    router.post(`/orders/:id/${path}`, async (req, res) => {
      const id = parseId(req.params.id);
      await run(req, res, id);
      res.redirect(303, `/desk/ads/orders/${id}?done=${done}`);
    });
  act('submit', 'submitted', (_req, res, id) => ads.submit(viewerOf(res), id));
  act('proof', 'proofSent', (req, res, id) => ads.sendProof(viewerOf(res), id, parseCopy(body(req).copy)));
  act('cancel', 'cancelled', (_req, res, id) => ads.cancel(viewerOf(res), id));
  act('refund', 'refunded', (_req, res, id) => ads.refund(viewerOf(res), id));
  act('postpay', 'postpay', (_req, res, id) => ads.setPostpay(viewerOf(res), id));

  router.post('/closed-days', async (req, res) => {
    await ads.closeDay(parseDay(body(req).day), str(body(req).note).trim().slice(0, 200), me(res));
    res.redirect(303, '/desk/ads');
  });
  router.post('/closed-days/delete', async (req, res) => {
    await ads.reopenDay(parseDay(body(req).day));
    res.redirect(303, '/desk/ads');
  });
  router.post('/advance', async (_req, res) => {
    res.redirect(303, `/desk/ads?done=${await ads.advanceSchedules()}`);
  });

  async function paymentsPage(res: Response, notice: string | null = null, error: string | null = null, status = 200): Promise<void> {
    const { lang, t } = res.locals;
    const lines = (await payments.openLines()).map(({ line, candidates }) => ({
      id: line.id,
      text: t('ads.desk.line', { date: line.bookedOn, depositor: line.depositor, amount: formatWon(line.amount, lang) }),
      memo: line.memo,
      candidates: candidates.map((c) => ({
        id: c.id,
        label: t('ads.desk.applyTo', { id: c.id, outstanding: formatWon(c.outstanding, lang) }),
      })),
    }));
    await renderPage(res, 'ads/payments', { lines, notice, error }, { title: t('ads.desk.lines'), robots: 'noindex' }, status);
  }

  router.get('/payments', (req, res) => paymentsPage(res, req.query.done === 'applied' ? res.locals.t('ads.desk.lineApplied') : null));

  // Multipart with the CSRF token as the first field: the upload parser checks it before any byte of the file is
  // written, streams the file to disk under the size cap, and the parse runs in a worker thread under the row cap.
  router.post('/statements', async (req, res) => {
    const { t } = res.locals;
    const message = (e: AppError) => t(e.messageKey, (e.details.params ?? {}) as Record<string, string | number>);
    const { file, error } = await deps.parseUpload(req, res);
    if (error) return paymentsPage(res, null, message(error), error.status);
    if (!file) return paymentsPage(res, null, t('ads.error.statementMissing'), 422);
    try {
      const s = await payments.importStatement(file, me(res));
      await paymentsPage(res, t('ads.desk.imported', { ...s }));
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 503)) throw err;
      await paymentsPage(res, null, message(err), err.status);
    }
  });

  router.post('/lines/:id/apply', async (req, res) => {
    const orderId = str(body(req).order);
    if (!/^[1-9]\d{0,8}$/.test(orderId)) throw new BadRequestError();
    await payments.applyLine(parseId(req.params.id), Number(orderId), me(res));
    res.redirect(303, '/desk/ads/payments?done=applied');
  });
  router.post('/lines/:id/ignore', async (req, res) => {
    await payments.ignoreLine(parseId(req.params.id));
    res.redirect(303, '/desk/ads/payments');
  });

  router.get('/runs/:date', async (req, res) => {
    const csv = req.params.date.endsWith('.csv');
    const day = parseDay(req.params.date.replace(/\.csv$/, ''));
    const rows = await reports.runList(day);
    if (csv) return void res.type('text/csv; charset=utf-8').attachment(`golmok-runs-${day}.csv`).send(reports.runListCsv(rows));
    await renderPage(
      res,
      'ads/runs',
      { day, rows, csv: `/desk/ads/runs/${day}.csv` },
      { title: `${res.locals.t('ads.desk.runList')} ${day}`, robots: 'noindex' },
    );
  });

  router.get('/revenue.csv', async (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('golmok-ad-revenue.csv')
      .send(await reports.revenueCsv());
  });
  router.get('/tax-invoices.csv', async (req, res) => {
    const month =
      typeof req.query.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(req.query.month)
        ? req.query.month
        : seoulParts(ads.now()).day.slice(0, 7);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`golmok-tax-invoices-${month}.csv`)
      .send(await reports.taxInvoiceCsv(month));
  });

  return router;
}
