/**
 * The rate card under /admin/ads/products (admins past the second factor: the guard given where it is mounted). A
 * product's rule and discounts are edited as JSON checked against pricing.ts; orders already quoted keep their price.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ValidationError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { parseId, parseProductForm } from './ads.schemas.js';
import type { AdsService, ProductRow } from './ads.service.js';

type Body = Record<string, unknown>;
const formOf = (p: ProductRow) => ({
  action: `/admin/ads/products/${p.id}`,
  code: p.code,
  name_ko: p.nameKo,
  name_en: p.nameEn,
  rule: JSON.stringify(p.rule),
  discounts: JSON.stringify(p.discounts),
  active_from: p.activeFrom,
  active_to: p.activeTo ?? '',
  sort: String(p.sort),
  error: null as string | null,
});

export function createRateCardRouter(deps: { guard: RequestHandler[]; ads: AdsService }): Router {
  const router = Router();
  router.use(...deps.guard);

  async function page(
    res: Response,
    o: { saved?: boolean; failed?: { id: number | null; body: Body; message: string } } = {},
  ): Promise<void> {
    const { t } = res.locals;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const refill = (action: string, b: Body, message: string) => ({
      action,
      code: str(b.code),
      name_ko: str(b.name_ko),
      name_en: str(b.name_en),
      rule: str(b.rule),
      discounts: str(b.discounts),
      active_from: str(b.active_from),
      active_to: str(b.active_to),
      sort: str(b.sort),
      error: message,
    });
    const products = (await deps.ads.products({ activeOnly: false })).map((p) =>
      o.failed?.id === p.id ? refill(`/admin/ads/products/${p.id}`, o.failed.body, o.failed.message) : formOf(p),
    );
    const blank = {
      action: '/admin/ads/products',
      code: '',
      name_ko: '',
      name_en: '',
      rule: '{"kind":"web_listing","days":30,"price":30000}',
      discounts: '[]',
      active_from: deps.ads.now().toISOString().slice(0, 10),
      active_to: '',
      sort: '0',
      error: null as string | null,
    };
    const added = o.failed && o.failed.id === null ? refill('/admin/ads/products', o.failed.body, o.failed.message) : blank;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'ads/ratecard',
      { products, added, saved: o.saved ? t('ads.admin.saved') : null },
      { title: t('ads.admin.title'), robots: 'noindex' },
      o.failed ? 422 : 200,
    );
  }

  async function save(req: Request, res: Response, id: number | null): Promise<void> {
    const body = (req.body as Body | undefined) ?? {};
    try {
      await deps.ads.saveProduct(id, parseProductForm(body));
      res.redirect(303, '/admin/ads/products?saved=1');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await page(res, { failed: { id, body, message: res.locals.t(Object.values(err.fieldErrors)[0]) } });
    }
  }

  router.get('/products', (req, res) => page(res, { saved: req.query.saved === '1' }));
  router.post('/products', (req, res) => save(req, res, null));
  router.post('/products/:id', (req, res) => save(req, res, parseId(req.params.id)));
  return router;
}
