import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { NotFoundError } from '../../core/errors.js';
import type { LimiterFactory } from '../../web/rate-limit.js';
import { originOf, renderPage } from '../../web/render.js';
import { GWANGJU_DISTRICT_NAMES } from './search-tokens.js';
import { districtLabel } from '../../lib/korean-address.js';
import { idParamSchema, searchQuerySchema, suggestQuerySchema, type SearchQuery } from './search.schemas.js';
import type { SearchService } from './search.service.js';
import type { PublicApi } from './search-api.js';
import { resultsVM } from './search.view-models.js';
import { openApiDocument } from './search.openapi.js';
import { searchParamsOf } from './search-near.js';
import { nearFormVM, nearParams, type FeaturedSlots, type NearChoice } from '../listings/index.js';
import { requireRole } from '../../web/guards.js';

function cors(_req: Request, res: Response, next: NextFunction): void {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Allow-Methods', 'GET');
  next();
}

const categoryName = (c: { nameKo: string; nameEn: string } | undefined, lang: string) =>
  c ? (lang === 'en' ? c.nameEn : c.nameKo) : null;

function filterHref(
  q: SearchQuery,
  change: Partial<Record<'category' | 'district' | 'sort' | 'open' | 'page' | 'literal', string | undefined>>,
  near?: NearChoice,
): string {
  const p = new URLSearchParams();
  const merged = {
    q: q.q,
    category: q.category,
    district: q.district,
    kind: q.kind,
    open: q.open,
    sort: q.sort === 'relevance' ? undefined : q.sort,
    literal: q.literal,
    page: undefined as string | undefined,
    ...change,
  };
  for (const [k, v] of Object.entries(merged)) if (v) p.set(k, String(v));
  // Sorted by distance, every link keeps where from (and how far).
  if (merged.sort === 'near' && near) for (const [k, v] of Object.entries(nearParams(near))) p.set(k, v);
  return `/search?${p.toString()}`;
}

/** The search page (/search): rendered inside the session stack like every page. */
export function createSearchRouter(deps: {
  search: SearchService;
  api: PublicApi;
  config: Readonly<Config>;
  featured?: FeaturedSlots;
}): Router {
  const router = Router();
  const { search, api, config } = deps;

  router.get('/search', async (req, res) => {
    const parsedQuery = searchQuerySchema.parse(req.query);
    const { lang, t } = res.locals;
    const { params, near, byDistance } = searchParamsOf(parsedQuery, req.query, config.pageSize);
    const q: SearchQuery = { ...parsedQuery, sort: byDistance ? 'near' : parsedQuery.sort === 'near' ? 'relevance' : parsedQuery.sort };
    // A page for one visitor's own position is never kept by a shared cache.
    if (near.fromDevice) res.setHeader('Cache-Control', 'private, no-store');
    const href = (query: SearchQuery, change: Parameters<typeof filterHref>[1]) => filterHref(query, change, near);
    const out = await search.search(params);
    if (!out) {
      res.redirect(303, '/');
      return;
    }
    const categories = await api.categoryMap();
    const pages = Math.max(1, Math.ceil(out.available / out.pageSize));
    // Read after the search and apart from it: the slots never change the results below them.
    const adSlots = q.q.trim() && deps.featured ? await deps.featured(req, res, 'search', q.q) : null;
    await renderPage(
      res,
      'search/results',
      {
        q,
        adSlots,
        total: out.total,
        capped: out.capped,
        results: resultsVM(out, categories, lang),
        suggestion: out.suggestion ? { text: out.suggestion, href: href({ ...q, q: out.suggestion }, {}) } : null,
        searched: out.searched ? { text: out.searched, typed: q.q.trim(), literalHref: href(q, { literal: '1' }) } : null,
        fuzzy: out.fuzzy,
        categoryFilters: out.facets.categories.slice(0, 12).map((f) => ({
          name: categoryName(f.category, lang),
          count: f.count,
          href: href(q, { category: f.category.slug }),
          active: q.category === f.category.slug,
        })),
        districtFilters: out.facets.districts.map((f) => ({
          ...districtLabel(f.name, lang),
          count: f.count,
          href: href(q, { district: f.name }),
          active: q.district === f.name,
        })),
        // Empty states: which filters emptied the page, and the ways out (clear them; back to the last page that has rows).
        activeFilters: [
          q.open ? t('search.filter.openNow') : null,
          q.district ? districtLabel(q.district, lang).name : null,
          categoryName(
            [...categories.values()].find((c) => c.slug === q.category),
            lang,
          ),
        ].filter(Boolean),
        lastPageHref: pages > 1 ? href(q, { page: String(pages) }) : href(q, {}),
        clearFilters: q.category || q.district || q.open ? href(q, { category: undefined, district: undefined, open: undefined }) : null,
        openNowHref: href(q, { open: q.open ? undefined : 'now' }),
        sorts: (['relevance', 'newest', 'name', 'near'] as const).map((s) => ({
          key: s,
          label: t(`search.sort.${s}`),
          href: s === 'near' && !near.point ? '#near' : href(q, { sort: s === 'relevance' ? undefined : s }),
          active: q.sort === s,
        })),
        near: nearFormVM(near, {
          action: '/search',
          hidden: { q: q.q, category: q.category, district: q.district, kind: q.kind, open: q.open },
          active: byDistance,
          missing: parsedQuery.sort === 'near' && !near.point,
          lang,
          t,
        }),
        nearMissing: parsedQuery.sort === 'near' && !near.point,
        // Past the last page, 이전 leads back to the last page that has results.
        prev: out.page > 1 ? href(q, { page: String(Math.min(out.page - 1, Math.max(pages, 1))) }) : null,
        next: out.page < pages ? href(q, { page: String(out.page + 1) }) : null,
        page: out.page,
        pages,
        districts: GWANGJU_DISTRICT_NAMES.map((d) => ({ ...districtLabel(d, lang), href: href({ ...q, q: '' }, { district: d }) })),
      },
      {
        title: q.q ? t('search.titleWithQuery', { q: q.q.slice(0, 100) }) : t('search.title'),
        description: q.q ? t('search.descriptionWithQuery', { q: q.q.slice(0, 100) }) : t('search.description'),
        robots: 'noindex',
        canonical: `${originOf(req, config.baseUrl)}/search`,
        scripts: ['/js/search.js', '/js/calls.js', '/js/near.js'],
      },
    );
  });

  // The API's ranking facts for admins (signed in: this router runs after the session). The public API router passes
  // explain=1 on to here unless the app runs in development (where it answers itself).
  router.get('/api/search', requireRole('admin'), async (req, res) => {
    const q = searchQuerySchema.parse(req.query);
    const { params } = searchParamsOf(q, req.query, config.pageSize);
    res.set('Cache-Control', 'private, no-store');
    res.json(await api.searchJson(params, req.query.lang === 'en' ? 'en' : 'ko', true));
  });

  return router;
}

/**
 * The public read-only JSON API (/api/search, /api/suggest, /api/categories, /api/listings/:id, /api/openapi.json).
 * Mounted before cookies, sessions and CSRF tokens: it knows no visitor, and its responses (some cacheable by shared
 * caches) must never carry a Set-Cookie.
 */
export function createPublicApiRouter(deps: {
  api: PublicApi;
  config: Readonly<Config>;
  limiter: LimiterFactory;
  cache: RequestHandler;
}): Router {
  const router = Router();
  const { api, config } = deps;
  const apiLimit = deps.limiter({ name: 'api', windowMs: 60_000, limit: config.rateLimit.apiPerMinute });
  router.use(['/api/search', '/api/suggest', '/api/categories', '/api/listings', '/api/openapi.json'], cors, apiLimit);

  // explain=1 (ranking facts): answered here in development only, never kept by a cache; elsewhere passed on to the
  // admin-only route of createSearchRouter, which sees the session.
  router.get('/api/search', async (req, res, next) => {
    const q = searchQuerySchema.parse(req.query);
    if (!q.explain) return next();
    if (config.env !== 'development') return next('router');
    const { params } = searchParamsOf(q, req.query, config.pageSize);
    res.set('Cache-Control', 'private, no-store');
    res.json(await api.searchJson(params, req.query.lang === 'en' ? 'en' : 'ko', true));
  });

  // Results are the same for anyone for a moment: kept in memory (checked against the listings' stamps) and by shared caches.
  router.get('/api/search', deps.cache, async (req, res) => {
    const q = searchQuerySchema.parse(req.query);
    const { params, near } = searchParamsOf(q, req.query, config.pageSize);
    // Sorted from a visitor's own position: for that visitor only.
    res.set('Cache-Control', near.fromDevice ? 'private, no-store' : 'public, max-age=60');
    res.json(await api.searchJson(params, req.query.lang === 'en' ? 'en' : 'ko'));
  });

  router.get('/api/suggest', async (req, res) => {
    const { q } = suggestQuerySchema.parse(req.query);
    res.set('Cache-Control', 'public, max-age=60');
    res.json(await api.suggestJson(q));
  });

  router.get('/api/categories', async (_req, res) => {
    res.json(await api.categoriesJson());
  });

  router.get('/api/listings/:id', async (req, res) => {
    const parsed = idParamSchema.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError();
    const listing = await api.listingJson(parsed.data.id);
    if (!listing) throw new NotFoundError();
    res.json(listing);
  });

  router.get('/api/openapi.json', (req, res) => {
    res.json(openApiDocument(originOf(req, config.baseUrl)));
  });

  return router;
}
