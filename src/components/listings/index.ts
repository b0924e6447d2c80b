import './listings.messages.js';
export { createListingsService, isPubliclyVisible, type ListingsService, type ListingChangeHook } from './listings.service.js';
export { createListingsRouter } from './listings.routes.js';
export { listingPath, phoneVM, priceText, mapLinks, cardVM } from './listings.view-models.js';
export * from './listing-graph.js';
export { findListingGraph, findListingGraphs, insertListingChildren, deleteListingChildren, mapListingRow } from './listings.repository.js';
export { listCategories, findCategoryBySlug, type Category } from './categories.repository.js';
export { openState, isOpen, type DayHours, type OpenState } from './opening-hours.js';
