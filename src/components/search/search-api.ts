/** The read-only public JSON API: shapes documented in search.openapi.ts and checked against it in tests. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import { findListingGraph, isPubliclyVisible, listCategories, listingPath, type Category } from '../listings/index.js';
import { telHref } from '../phones/index.js';
import type { SearchParams, SearchService } from './search.service.js';
import { resultsApiVM } from './search.view-models.js';
import { rankingFacts } from './search-explain.js';

export function createPublicApi(deps: { db: Knex; clock: Clock; search: SearchService; pageSize: number }) {
  const { db, clock, search } = deps;
  // The search service's short-lived category cache: a search costs no extra query for the names on its cards.
  const categoryMap = async () => new Map((await search.categories()).map((c) => [c.id, c] as [number, Category]));

  return {
    categoryMap,

    /** `explain`: each result carries its ranking facts (search-explain.ts); the caller decides who may ask. */
    async searchJson(q: SearchParams, lang: 'ko' | 'en', explain = false) {
      const out = await search.search(q);
      if (!out) return { query: q.q, total: 0, page: q.page, results: [] };
      const categories = await categoryMap();
      return {
        query: out.typed,
        ...(out.searched ? { searched: out.searched } : {}),
        total: out.total,
        page: out.page,
        ...(out.suggestion ? { suggestion: out.suggestion } : {}),
        results: resultsApiVM(out, categories, lang).map(({ distanceKm, ...r }, i) => ({
          ...r,
          ...(out.distances ? { distanceKm } : {}),
          ...(explain ? { ranking: rankingFacts(out.results[i].ranked, out.parsed) } : {}),
        })),
      };
    },

    async suggestJson(q: string) {
      const s = await search.suggest(q);
      return {
        query: q,
        suggestions: [
          ...s.categories.map((c) => ({ type: 'category' as const, label: c.nameKo, url: `/categories/${c.slug}` })),
          ...s.listings.map((l) => ({ type: 'listing' as const, label: l.name, url: listingPath(l) })),
        ].slice(0, 8),
      };
    },

    async categoriesJson() {
      return (await listCategories(db)).map((c) => ({ id: c.id, parentId: c.parentId, slug: c.slug, nameKo: c.nameKo, nameEn: c.nameEn }));
    },

    async listingJson(id: number) {
      const l = await findListingGraph(db, id);
      if (!l || !isPubliclyVisible(l, clock.now())) return null;
      const phone = (p: (typeof l.phones)[number]) => ({ label: p.label, type: p.type, display: p.display, e164: p.e164, tel: telHref(p) });
      return {
        id: l.id,
        name: l.name,
        nameLatin: l.nameLatin,
        legalName: l.legalName,
        kind: l.kind,
        url: listingPath(l),
        description: l.description,
        categories: l.categories.map((c) => ({ slug: c.slug, nameKo: c.nameKo, nameEn: c.nameEn })),
        phones: l.phones.map(phone),
        branches: l.branches.map((b) => ({
          name: b.name,
          address: formatRoadAddress(b),
          sido: b.sido,
          sigungu: b.sigungu,
          phones: b.phones.map(phone),
        })),
        offers: l.offers.map((o) => ({ name: o.name, priceKrw: o.priceKrw, priceNote: o.priceNote })),
      };
    },
  };
}

export type PublicApi = ReturnType<typeof createPublicApi>;
