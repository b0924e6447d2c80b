import './search.messages.js';
export { createSearchService, CANDIDATE_CAP, type SearchService } from './search.service.js';
export { createPublicApiRouter, createSearchRouter } from './search.routes.js';
export { createPublicApi, type PublicApi } from './search-api.js';
export { createSearchIndexer, reindexAllListings, reindexListings } from './search-indexer.js';
export { parseQuery, textTokens } from './search-tokens.js';
