/**
 * The advertiser's ad orders under /ads/orders (signed in): the order form (product → copy → price → editions), the
 * order page (proofs, approval, payment instructions, documents), and the PDFs. An order someone else owns is a 404.
 * The desk's routes (desk.routes.ts) render the same form and page with the desk's actions.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { seoulParts } from '../../lib/clock.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import { viewerOf } from '../../web/viewer.js';
import { parseId, parseNote, orderFormValues, parseOrderForm, type OrderFormValues } from './ads.schemas.js';
import type { AdsService } from './ads.service.js';
import type { AdDocuments } from './ad-documents.service.js';
import { orderFormVM, orderListItemVM, orderPageVM } from './ads.view-models.js';

const DONE = new Set(['created', 'submitted', 'approved', 'changeRequested', 'cancelled', 'proofSent', 'refunded', 'postpay']);
type Body = Record<string, unknown>;
const body = (req: Request): Body => (req.body as Body | undefined) ?? {};

/** Renders the order form (also for the desk): `values` as typed, the live quote when a product is chosen. */
export async function renderOrderForm(
  ads: AdsService,
  res: Response,
  o: { values: OrderFormValues; errors?: Record<string, string>; status?: number; staff: boolean },
): Promise<void> {
  const { lang, t } = res.locals;
  const listings = o.staff ? [] : await ads.ownListings(res.locals.currentUser!.id);
  const products = await ads.products({ activeOnly: true });
  const product = products.find((p) => String(p.id) === o.values.product) ?? null;
  let quote = null;
  if (product) {
    try {
      const input = parseOrderForm({
        ...o.values,
        copy: o.values.copy || ' ',
        customerName: o.values.customerName || '-',
        taxInvoice: false,
      });
      quote = (await ads.quote(product.id, { copy: input.copy, runs: Math.max(1, input.runs.length), options: input.options })).quote;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
    }
  }
  const targets = product?.rule.kind === 'featured' ? await ads.targetChoices(product.rule.placement) : [];
  const vm = orderFormVM(
    {
      products,
      product,
      editions: await ads.editions(24),
      values: o.values,
      errors: o.errors ?? {},
      quote,
      now: ads.now(),
      staff: o.staff,
      listings,
      targets,
      classifications: ads.classifications,
      action: o.staff ? '/desk/ads/orders' : '/ads/orders',
    },
    lang,
    t,
  );
  await renderPage(res, 'ads/new', vm, { title: t('ads.new.title'), robots: 'noindex', scripts: ['/js/ad-order.js'] }, o.status ?? 200);
}

/** Renders an order page for the advertiser (base /ads/orders) or the desk (base /desk/ads/orders). */
export async function renderOrderPage(ads: AdsService, req: Request, res: Response, id: number, base: string): Promise<void> {
  const details = await ads.orderDetails(viewerOf(res), id);
  const done = typeof req.query.done === 'string' && DONE.has(req.query.done) ? req.query.done : null;
  const vm = orderPageVM(details, { bank: ads.bank, done, base }, res.locals.lang, res.locals.t);
  await renderPage(res, 'ads/order', vm, { title: vm.title, robots: 'noindex' });
}

export function createAdsRouter(deps: {
  ads: AdsService;
  documents: AdDocuments;
  limiter: LimiterFactory;
  requireUser: RequestHandler;
  ordersPerHour: number;
}): Router {
  const router = Router();
  const { ads } = deps;
  const creating = [
    ...hourlyPerIpAndAccount(deps.limiter, 'ad-order', { ip: deps.ordersPerHour * 3, account: deps.ordersPerHour }),
  ];
  router.use('/ads', deps.requireUser, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/ads/orders', async (_req, res) => {
    const { lang, t } = res.locals;
    const today = seoulParts(ads.now()).day;
    const orders = (await ads.listForAdvertiser(res.locals.currentUser!.id)).map((o) => orderListItemVM(o, '/ads/orders', lang, t, today));
    await renderPage(res, 'ads/list', { orders, newHref: '/ads/orders/new' }, { title: t('ads.mine.title'), robots: 'noindex' });
  });

  router.get('/ads/orders/new', async (req, res) => {
    const values = orderFormValues({ product: req.query.product, customer_name: res.locals.currentUser!.displayName ?? '' });
    // "Start from my listing": its name and description become the copy, and the order points at it.
    const from =
      typeof req.query.from === 'string'
        ? (await ads.ownListings(res.locals.currentUser!.id)).find((l) => String(l.id) === req.query.from)
        : undefined;
    if (from) Object.assign(values, { copy: `${from.name}\n${from.description}`.trim().slice(0, 600), listing: String(from.id) });
    await renderOrderForm(ads, res, { values, staff: false });
  });

  // The price of the form as typed, without saving (the form's "가격 계산" button; ad-order.js asks for JSON).
  router.post('/ads/orders/quote', async (req, res) => {
    const values = orderFormValues(body(req));
    if (req.accepts(['html', 'json']) === 'json') {
      const input = parseOrderForm({ ...values, copy: values.copy || ' ', customerName: values.customerName || '-', taxInvoice: false });
      const { quote } = await ads.quote(input.productId, {
        copy: input.copy,
        runs: Math.max(1, input.runs.length),
        options: input.options,
      });
      return void res.json({
        chars: quote.chars,
        lines: quote.lines,
        maxLines: quote.maxLines,
        overflow: quote.overflow,
        supply: quote.supply,
        vat: quote.vat,
        total: quote.total,
      });
    }
    await renderOrderForm(ads, res, { values, staff: false });
  });

  router.post('/ads/orders', ...creating, async (req, res) => {
    const values = orderFormValues(body(req));
    const userId = res.locals.currentUser!.id;
    try {
      const id = await ads.createOrder(parseOrderForm(values), { userId, staff: false, advertiserId: userId });
      res.redirect(303, `/ads/orders/${id}?done=created`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderOrderForm(ads, res, { values, errors: err.fieldErrors, status: 422, staff: false });
    }
  });

  router.get('/ads/orders/:id', (req, res) => renderOrderPage(ads, req, res, parseId(req.params.id), '/ads/orders'));

  router.post('/ads/orders/:id/submit', async (req, res) => {
    const id = parseId(req.params.id);
    await ads.submit(viewerOf(res), id);
    res.redirect(303, `/ads/orders/${id}?done=submitted`);
  });

  router.post('/ads/orders/:id/decide', async (req, res) => {
    const id = parseId(req.params.id);
    const approve = body(req).decision === 'approve';
    await ads.decideProof(viewerOf(res), id, approve, parseNote(body(req).note));
    res.redirect(303, `/ads/orders/${id}?done=${approve ? 'approved' : 'changeRequested'}`);
  });

  router.post('/ads/orders/:id/cancel', async (req, res) => {
    const id = parseId(req.params.id);
    await ads.cancel(viewerOf(res), id);
    res.redirect(303, `/ads/orders/${id}?done=cancelled`);
  });

  router.get('/ads/orders/:id/proofs/:version.pdf', async (req, res) => {
    const pdf = await deps.documents.proof(viewerOf(res), parseId(req.params.id), parseId(req.params.version));
    res.type('application/pdf').set('Content-Disposition', 'inline; filename="proof.pdf"').send(pdf);
  });

  router.get('/ads/orders/:id/:kind.pdf', async (req, res) => {
    const kind = req.params.kind === 'quote' ? 'quote' : req.params.kind === 'statement' ? 'statement' : null;
    if (!kind) throw new NotFoundError();
    const pdf = await deps.documents.document(viewerOf(res), parseId(req.params.id), kind);
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${kind}.pdf"`).send(pdf);
  });

  return router;
}
