import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { NotFoundError } from '../../core/errors.js';
import { jsonForScript, originOf, renderPage } from '../../web/render.js';
import { listingJsonLd } from './structured-data.js';
import { viewerOf } from '../../web/viewer.js';
import { districtLabel, GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import type { ListingsService } from './listings.service.js';
import { listingParamSchema } from './listings.schemas.js';
import { cardVM, categoryVM, listingDetailVM, listingPath } from './listings.view-models.js';
import type { ListingGraph } from './listing-graph.js';
import type { DayOverrides } from './opening-hours.js';

/** A section another component adds to a public listing's page (the reviews): its model, printed by its own partial. */
export type ListingSection = (req: Request, res: Response, listing: ListingGraph) => Promise<unknown>;

/**
 * What the facts component adds to a listing's page: day overrides for its open lines (closures, holiday hours),
 * JSON-LD specialOpeningHoursSpecification, and the model its partial prints (notices, "checking", last check).
 */
export type ListingFacts = (
  res: Response,
  listing: ListingGraph,
) => Promise<{ overrides: DayOverrides; specialHours: unknown[]; model: unknown }>;

const safeDecode = (url: string) => { try { return decodeURI(url); } catch { return url; } };

export function createListingsRouter(deps: {
  listings: ListingsService;
  config: Readonly<Config>;
  now: () => Date;
  reviews?: ListingSection;
  facts?: ListingFacts;
}): Router {
  const router = Router();
  const { listings, config } = deps;

  router.get('/', async (req, res) => {
    const { lang, t } = res.locals;
    const data = await listings.homeData();
    const topLevel = data.categories.filter((c) => c.parentId === null);
    const categories = data.categories.filter((c) => c.parentId !== null).map((c) => categoryVM(c, lang, data.counts.get(c.id) ?? 0));
    const model = {
      total: data.total,
      // Categories that have listings up front (most first); the empty ones wait behind "모든 업종".
      categories: categories.filter((c) => c.count > 0).sort((a, b) => b.count - a.count),
      emptyCategories: categories.filter((c) => c.count === 0),
      groups: topLevel.map((c) => categoryVM(c, lang, 0)),
      districts: GWANGJU_DISTRICTS.map((d) => ({ ...districtLabel(d, lang), url: `/districts/${encodeURIComponent(d)}` })),
      newest: data.newest.map((c) => cardVM(c, lang)),
      featured: data.featured.map((c) => cardVM(c, lang)),
    };
    await renderPage(res, 'listings/home', model, {
      title: t('home.title'),
      description: t('site.tagline'),
      canonical: `${originOf(req, config.baseUrl)}/`,
      scripts: ['/js/search.js', '/js/calls.js'],
    });
  });

  router.get('/listings/:idSlug', async (req, res) => {
    const parsed = listingParamSchema.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError();
    const { lang, t } = res.locals;
    const { listing, isPublic } = await listings.getListingForViewer(parsed.data.id, viewerOf(res));
    const canonicalPath = listingPath(listing);
    if (isPublic && decodeURIComponent(req.path) !== decodeURIComponent(canonicalPath)) {
      // The query string goes along: a printed QR code's ?src=qr or ?src=card still counts after a rename.
      const q = req.originalUrl.indexOf('?');
      res.redirect(301, `${canonicalPath}${q === -1 ? '' : req.originalUrl.slice(q)}`);
      return;
    }
    const facts = deps.facts ? await deps.facts(res, listing) : null;
    const vm = listingDetailVM(listing, lang, t, deps.now(), config.freshness.staleAfterDays, facts?.overrides);
    const origin = originOf(req, config.baseUrl);
    const url = `${origin}${canonicalPath}`;
    const image = vm.photos[0]?.large ?? vm.logo?.large ?? null;
    const reviews = isPublic && deps.reviews ? await deps.reviews(req, res, listing) : null;
    await renderPage(
      res,
      'listings/show',
      {
        listing: vm,
        isPublic,
        statusText: t(`status.${listing.status}`),
        shareUrl: url,
        shareText: safeDecode(url),
        reviews,
        facts: facts?.model ?? null,
      },
      {
        title: listing.name,
        description: (listing.tagline || listing.description).replace(/\s+/g, ' ').slice(0, 150),
        canonical: url,
        robots: isPublic ? undefined : 'noindex',
        ogType: 'business.business',
        image: image ? `${origin}${image}` : undefined,
        jsonLdHtml: isPublic
          ? jsonForScript(listingJsonLd(listing, url, image ? `${origin}${image}` : null, facts?.specialHours))
          : undefined,
        scripts: ['/js/listing.js', '/js/calls.js'],
      },
    );
  });

  return router;
}
