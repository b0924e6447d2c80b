/** For machines: /robots.txt, /sitemap.xml (an index over pages of at most 50,000 URLs) and Atom feeds. */
import { Router, type Request } from 'express';
import type { Config } from '../../config/index.js';
import { GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import { stripControlChars } from '../../lib/plain-text.js';
import { NotFoundError } from '../../core/errors.js';
import { originOf } from '../../web/render.js';
import { translate } from '../../core/i18n.js';
import type { FeedsService } from './feeds.service.js';
import { listingPath } from './listings.view-models.js';

export const SITEMAP_PAGE_SIZE = 50_000;
const xml = (s: string) =>
  stripControlChars(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function createFeedsRouter(deps: { feeds: FeedsService; config: Readonly<Config> }): Router {
  const router = Router();
  const origin = (req: Request) => originOf(req, deps.config.baseUrl);

  router.get('/robots.txt', (req, res) => {
    res
      .type('text/plain')
      .send(
        [
          'User-agent: *',
          'Disallow: /account',
          'Disallow: /my/',
          'Disallow: /mod',
          'Disallow: /admin',
          'Disallow: /api/',
          'Disallow: /search',
          'Disallow: /login',
          'Disallow: /signup',
          `Sitemap: ${origin(req)}/sitemap.xml`,
          '',
        ].join('\n'),
      );
  });

  router.get('/sitemap.xml', async (req, res) => {
    const pages = Math.max(1, Math.ceil((await deps.feeds.countVisible()) / SITEMAP_PAGE_SIZE));
    const items = [`<sitemap><loc>${xml(origin(req))}/sitemaps/pages.xml</loc></sitemap>`];
    for (let i = 1; i <= pages; i++) items.push(`<sitemap><loc>${xml(origin(req))}/sitemaps/listings-${i}.xml</loc></sitemap>`);
    res
      .type('application/xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items.join('')}</sitemapindex>\n`,
      );
  });

  router.get('/sitemaps/pages.xml', async (req, res) => {
    const o = xml(origin(req));
    const urls = [
      '/',
      ...(await deps.feeds.listCategories()).map((c) => `/categories/${c.slug}`),
      ...GWANGJU_DISTRICTS.map((d) => `/districts/${encodeURIComponent(d)}`),
    ];
    res
      .type('application/xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${o}${xml(u)}</loc></url>`).join('')}</urlset>\n`,
      );
  });

  router.get('/sitemaps/listings-:page.xml', async (req, res) => {
    const page = /^[1-9]\d{0,4}$/.test(req.params.page) ? Number(req.params.page) : NaN;
    if (!Number.isFinite(page)) throw new NotFoundError();
    const rows = await deps.feeds.sitemapPage((page - 1) * SITEMAP_PAGE_SIZE, SITEMAP_PAGE_SIZE);
    if (rows.length === 0 && page > 1) throw new NotFoundError();
    const o = xml(origin(req));
    const body = rows
      .map((r) => `<url><loc>${o}${xml(listingPath(r))}</loc><lastmod>${r.updatedAt.toISOString()}</lastmod></url>`)
      .join('');
    res
      .type('application/xml')
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>\n`);
  });

  async function atom(req: Request, res: import('express').Response, title: string, selfPath: string, categoryIds?: number[]) {
    const o = origin(req);
    const entries = await deps.feeds.newest(50, categoryIds);
    const updated = (entries[0]?.updatedAt ?? deps.feeds.now()).toISOString();
    const body = entries
      .map(
        (e) =>
          `<entry><title>${xml(e.name)}</title><link href="${xml(o + listingPath(e))}"/><id>${xml(o + listingPath(e))}</id><published>${e.publishedAt.toISOString()}</published><updated>${e.updatedAt.toISOString()}</updated><summary>${xml(e.summary.slice(0, 300))}</summary></entry>`,
      )
      .join('');
    res
      .type('application/atom+xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko"><title>${xml(title)}</title><id>${xml(o + selfPath)}</id><link rel="self" href="${xml(o + selfPath)}"/><link href="${xml(o)}/"/><updated>${updated}</updated>${body}</feed>\n`,
      );
  }

  router.get('/feeds/listings.atom', (req, res) => atom(req, res, translate(res.locals.lang, 'feeds.all'), '/feeds/listings.atom'));
  router.get('/feeds/categories/:slug.atom', async (req, res) => {
    const categories = await deps.feeds.listCategories();
    const c = categories.find((x) => x.slug === req.params.slug);
    if (!c) throw new NotFoundError();
    const ids = [c.id, ...categories.filter((x) => x.parentId === c.id).map((x) => x.id)];
    await atom(req, res, translate(res.locals.lang, 'feeds.category', { name: c.nameKo }), `/feeds/categories/${c.slug}.atom`, ids);
  });

  return router;
}
