import './stats.messages.js';
export { createStatsService, isBot, normaliseQuery, REPEAT_WINDOW_MS, type StatsService } from './stats.service.js';
export { createStatsRouter } from './stats.routes.js';
export { createInsightsService, PERIODS, QUERY_THRESHOLD, type InsightsService } from './insights.service.js';
export { createInsightsRouter } from './insights.routes.js';
export { sparklineVM } from './insights.view-models.js';
