export { createStatsService, isBot, type StatsService } from './stats.service.js';
export { createStatsRouter } from './stats.routes.js';
