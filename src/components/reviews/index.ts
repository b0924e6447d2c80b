import './reviews.messages.js';
export { createReviewsService, REVIEW_RULES, type ReviewsService } from './reviews.service.js';
export { createReviewModerationService, type ReviewModerationService } from './review-moderation.service.js';
export { createReviewsRouter, createReviewSection } from './reviews.routes.js';
export { createReviewModerationRouter } from './review-moderation.routes.js';
