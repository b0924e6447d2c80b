import './listings.messages.js';
import './near.messages.js';
export { createListingsService, isPubliclyVisible, VISITOR, type ListingsService, type ListingChangeHook } from './listings.service.js';
export { canManage, canMove, contentOnly, LIFECYCLE_COLUMNS } from './lifecycle-rules.js';
export type { ListingLifecycle, Move } from './lifecycle.js';
export { appendAudit, type AuditEntry } from './audit.repository.js';
export { createListingsRouter, type ListingSection, type ListingFacts } from './listings.routes.js';
export {
  listingPath,
  phoneVM,
  priceText,
  mapLinks,
  cardVM,
  cardCallVM,
  isStale,
  openLine,
  listingDetailVM,
} from './listings.view-models.js';
export * from './listing-graph.js';
export { findListingGraph, findListingGraphs, insertListingChildren, deleteListingChildren, mapListingRow } from './listings.repository.js';
export { saveListingChildren } from './listing-save.repository.js';
export { listCategories, findCategoryBySlug, type Category } from './categories.repository.js';
export { openState, isOpen, type DayHours, type DayOverrides, type OpenState } from './opening-hours.js';
export { createBrowseService, type BrowseService } from './browse.service.js';
export { createBrowseRouter, type FeaturedSlots } from './browse.routes.js';
export { createListingExtrasRouter } from './listing-extras.routes.js';
export { createFeedsRouter, SITEMAP_PAGE_SIZE } from './feeds.routes.js';
export { createFeedsService, type FeedsService } from './feeds.service.js';
export { parseNear, nearParams, nearFormVM, distanceText, NEAR_CAP, type NearChoice } from './near.js';
export { distancesTo } from './near.repository.js';
