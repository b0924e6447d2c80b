import './claims.messages.js';
export { createClaimsService, type ClaimsService } from './claims.service.js';
export { createClaimsRouter, createClaimsModerationRouter } from './claims.routes.js';
