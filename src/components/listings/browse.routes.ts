import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/index.js';
import { districtLabel, GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import { originOf, renderPage } from '../../web/render.js';
import type { BrowseQuery, BrowseService } from './browse.service.js';
import { cardVM } from './listings.view-models.js';
import { distanceText, nearFormVM, nearParams, parseNear } from './near.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const browseQuerySchema = z.object({
  sort: z.preprocess(first, z.enum(['newest', 'name', 'calls', 'near']).catch('newest').default('newest')),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
  district: z.preprocess(first, z.string().max(10).optional().catch(undefined)),
  category: z.preprocess(first, z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined)),
});

/** The featured "광고" slots of a page (the ads component, given by the app): a view model, or null when there are none. */
export type FeaturedSlots = (
  req: Request,
  res: Response,
  placement: 'category' | 'district' | 'search',
  target: string,
) => Promise<object | null>;

export function createBrowseRouter(deps: { browse: BrowseService; config: Readonly<Config>; featured?: FeaturedSlots }): Router {
  const router = Router();

  async function show(req: Request, res: Response, base: string, q: BrowseQuery): Promise<void> {
    const { lang, t } = res.locals;
    const near = q.near ?? parseNear({});
    // A position without "가까운 순" still sorts by distance: choosing a place is asking for what is near it.
    if (near.point && req.query.sort === undefined) q.sort = 'near';
    // A page for one visitor's own position is never kept by a shared cache.
    if (near.fromDevice) res.setHeader('Cache-Control', 'private, no-store');
    const out = await deps.browse.browse(q);
    // Read apart from the listing query: the slots never change the results below them.
    const where = base.startsWith('/categories')
      ? { placement: 'category' as const, target: q.category }
      : base.startsWith('/districts')
        ? { placement: 'district' as const, target: q.district }
        : null;
    const adSlots = where?.target && deps.featured ? await deps.featured(req, res, where.placement, where.target) : null;
    const href = (change: Partial<BrowseQuery>) => {
      const merged = { ...q, ...change };
      const p = new URLSearchParams();
      if (base.startsWith('/categories') && merged.district) p.set('district', merged.district);
      if (base.startsWith('/districts') && merged.category) p.set('category', merged.category);
      if (merged.sort !== 'newest') p.set('sort', merged.sort);
      if (merged.sort === 'near') for (const [k, v] of Object.entries(nearParams(near))) p.set(k, v);
      if (merged.page > 1) p.set('page', String(merged.page));
      const s = p.toString();
      return `${base}${s ? `?${s}` : ''}`;
    };
    const categoryName = out.category ? (lang === 'en' ? out.category.nameEn : out.category.nameKo) : null;
    const districtName = out.district ? districtLabel(out.district, lang) : null;
    const title =
      [districtName ? `${districtName.name}${districtName.native ? ` (${districtName.native})` : ''}` : null, categoryName]
        .filter(Boolean)
        .join(' · ') || t('near.pageTitle');
    await renderPage(
      res,
      'listings/browse',
      {
        title,
        adSlots,
        total: out.total,
        capped: out.capped,
        cards: out.cards.map((c) => ({ ...cardVM(c, lang), distance: out.distances ? distanceText(out.distances.get(c.id)) : null })),
        near: nearFormVM(near, {
          action: base,
          hidden: {
            district: base.startsWith('/categories') ? q.district : undefined,
            category: base.startsWith('/districts') ? q.category : undefined,
          },
          active: q.sort === 'near' && Boolean(near.point),
          missing: q.sort === 'near' && !near.point,
          lang,
          t,
        }),
        nearMissing: q.sort === 'near' && !near.point,
        children: out.children.map((c) => ({ name: lang === 'en' ? c.nameEn : c.nameKo, href: `/categories/${c.slug}` })),
        // A district page narrows by category (전체 first), as a category page narrows by district.
        // Only the categories that have listings here (and the chosen one), each with its count.
        categoryFilters: base.startsWith('/districts')
          ? out.categories
              .filter((c) => c.parentId !== null && ((out.categoryCounts.get(c.id) ?? 0) > 0 || q.category === c.slug))
              .map((c) => ({
                name: lang === 'en' ? c.nameEn : c.nameKo,
                count: out.categoryCounts.get(c.id) ?? 0,
                href: href({ category: c.slug, page: 1 }),
                active: q.category === c.slug,
              }))
          : [],
        clearCategory: base.startsWith('/districts') && q.category ? href({ category: undefined, page: 1 }) : null,
        // Only districts that have some of this category (a chip saying 0 leads nowhere), and the chosen one.
        districts: base.startsWith('/categories')
          ? GWANGJU_DISTRICTS.filter((d) => (out.districtCounts.get(d) ?? 0) > 0 || q.district === d).map((d) => ({
              ...districtLabel(d, lang),
              count: out.districtCounts.get(d) ?? 0,
              href: href({ district: d, page: 1 }),
              active: q.district === d,
            }))
          : [],
        // A category with no listing at all: an invitation to advertise in it and the nearest categories that have some.
        emptyCategory:
          out.category && out.categoryEmpty
            ? {
                text: t('browse.emptyCategory'),
                advertise: { href: `/submissions/new?category=${encodeURIComponent(out.category.slug)}`, label: t('browse.advertiseHere') },
                related: out.related.map((c) => ({ name: lang === 'en' ? c.nameEn : c.nameKo, href: `/categories/${c.slug}` })),
              }
            : null,
        clearDistrict: base.startsWith('/categories') && q.district ? href({ district: undefined, page: 1 }) : null,
        sorts: (['newest', 'name', 'calls', 'near'] as const).map((s) => ({
          label: t(`browse.sort.${s}`),
          href: s === 'near' && !near.point ? '#near' : href({ sort: s, page: 1 }),
          active: q.sort === s,
        })),
        prev: out.page > 1 ? href({ page: out.page - 1 }) : null,
        next: out.page < out.pages ? href({ page: out.page + 1 }) : null,
        page: out.page,
        pages: out.pages,
        feed: out.category && out.total > 0 ? `/feeds/categories/${out.category.slug}.atom` : null,
        // Empty states: a district filter that emptied a category, or an empty place, each with a way on.
        emptyWayOut:
          q.district && base.startsWith('/categories')
            ? { href: href({ district: undefined, page: 1 }), label: t('browse.emptyClearDistrict') }
            : q.category && base.startsWith('/districts')
              ? { href: href({ category: undefined, page: 1 }), label: t('browse.emptyClearCategory') }
              : { href: '/search', label: t('browse.emptySearch') },
      },
      {
        title: t('browse.title', { title }),
        description: out.total > 0 ? t('browse.description', { title, count: out.total }) : t('browse.descriptionEmpty', { title }),
        // The canonical page never names a position.
        canonical: `${originOf(req, deps.config.baseUrl)}${q.sort === 'near' ? href({ sort: 'newest', page: 1 }) : href({ page: out.page })}`,
        robots: q.sort === 'near' ? 'noindex' : undefined,
        scripts: ['/js/calls.js', '/js/near.js'],
        feeds: out.category
          ? [{ title: t('feeds.category', { name: categoryName ?? '' }), href: `/feeds/categories/${out.category.slug}.atom` }]
          : [],
      },
    );
  }

  router.get('/categories/:slug', async (req, res) => {
    const q = browseQuerySchema.parse(req.query);
    await show(req, res, `/categories/${encodeURIComponent(req.params.slug)}`, {
      category: req.params.slug,
      district: q.district,
      sort: q.sort,
      page: q.page,
      near: parseNear(req.query),
    });
  });

  // Every category, nearest first: the home page's way into "near me" (without a position it asks for one).
  router.get('/near', async (req, res) => {
    const q = browseQuerySchema.parse(req.query);
    await show(req, res, '/near', { sort: req.query.sort === undefined ? 'near' : q.sort, page: q.page, near: parseNear(req.query) });
  });

  router.get('/districts/:sigungu', async (req, res) => {
    const q = browseQuerySchema.parse(req.query);
    await show(req, res, `/districts/${encodeURIComponent(req.params.sigungu)}`, {
      district: req.params.sigungu,
      category: q.category,
      sort: q.sort,
      page: q.page,
      near: parseNear(req.query),
    });
  });

  return router;
}
