/** What the sitemap and the Atom feeds read: published, unexpired listings and the category tree, as of now. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { listCategories } from './categories.repository.js';
import * as feedsRepo from './feeds.repository.js';

export function createFeedsService(deps: { db: Knex; clock: Clock }) {
  const { db, clock } = deps;
  return {
    now: () => clock.now(),
    countVisible: () => feedsRepo.countVisible(db, clock.now()),
    sitemapPage: (offset: number, limit: number) => feedsRepo.sitemapPage(db, clock.now(), offset, limit),
    newest: (limit: number, categoryIds?: number[]) => feedsRepo.newestForFeed(db, clock.now(), limit, categoryIds),
    listCategories: () => listCategories(db),
  };
}
export type FeedsService = ReturnType<typeof createFeedsService>;
