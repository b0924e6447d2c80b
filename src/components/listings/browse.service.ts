/** Category and district pages: which listings, in what order, which page. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import { GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import { NotFoundError } from '../../core/errors.js';
import * as browseRepo from './browse.repository.js';
import * as categoriesRepo from './categories.repository.js';
import * as directoryRepo from './directory.repository.js';
import { browseNear } from './near-browse.js';
import type { NearChoice } from './near.js';

export interface BrowseQuery { category?: string; district?: string; sort: browseRepo.BrowseSort | 'near'; page: number; near?: NearChoice }

export function createBrowseService(deps: { db: Knex; clock: Clock; pageSize: number }) {
  const { db, clock, pageSize } = deps;
  return {
    async browse(q: BrowseQuery) {
      const categories = await categoriesRepo.listCategories(db);
      const category = q.category ? categories.find((c) => c.slug === q.category) : undefined;
      if (q.category && !category) throw new NotFoundError();
      if (q.district && !(GWANGJU_DISTRICTS as readonly string[]).includes(q.district)) throw new NotFoundError();
      const now = clock.now();
      const filter = { now, categoryId: category?.id, district: q.district };
      const children = category ? categories.filter((c) => c.parentId === category.id) : [];
      // The chips' counts: public listings of each category in this district, or of this category in each district.
      const counts = await directoryRepo.allCounts(db);
      const countOf = (f: { categoryId?: number; district?: string }) => counts.get(directoryRepo.facetKey(f)) ?? 0;
      const categoryCounts = new Map(q.district ? categories.map((c) => [c.id, countOf({ categoryId: c.id, district: q.district })]) : []);
      const districtCounts = new Map(GWANGJU_DISTRICTS.map((d) => [d, countOf({ categoryId: category?.id, district: d })]));
      // An empty category page points to the nearest categories that have listings: its siblings first, then the largest.
      const withListings = (list: typeof categories) =>
        list
          .filter((c) => c.id !== category?.id && c.parentId !== null && countOf({ categoryId: c.id }) > 0)
          .sort((a, b) => countOf({ categoryId: b.id }) - countOf({ categoryId: a.id }) || a.id - b.id);
      const categoryEmpty = Boolean(category && countOf({ categoryId: category.id }) === 0);
      const related = categoryEmpty
        ? [...withListings(categories.filter((c) => c.parentId === category?.parentId)), ...withListings(categories)]
          .filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i).slice(0, 4)
        : [];
      const base = {
        category: category ?? null,
        children,
        categories,
        categoryCounts,
        districtCounts,
        categoryEmpty,
        related,
        district: q.district ?? null,
        requestedPage: q.page,
      };
      if (q.sort === 'near' && q.near?.point) {
        const near = await browseNear(db, {
          facet: directoryRepo.facetKey(filter),
          point: q.near.point,
          radiusKm: q.near.radiusKm,
          page: q.page,
          pageSize,
          now,
        });
        return { ...base, ...near };
      }
      const sort = q.sort === 'near' ? 'newest' : q.sort;
      const total = await browseRepo.countBrowse(db, filter);
      const pages = Math.max(1, Math.ceil(total / pageSize));
      const page = Math.min(q.page, pages);
      const callsSinceDay = seoulParts(new Date(now.getTime() - 30 * 86400_000)).day;
      const cards = await browseRepo.browseCards(db, { ...filter, sort, limit: pageSize, offset: (page - 1) * pageSize, callsSinceDay });
      return { ...base, total, capped: false, page, pages, cards, distances: null as Map<number, number> | null };
    },
  };
}

export type BrowseService = ReturnType<typeof createBrowseService>;
