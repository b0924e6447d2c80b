import './freshness.messages.js';
export { createFreshnessService, staleCutoff, type FreshnessService } from './freshness.service.js';
export { createFreshnessRouter, renderLinkMessage, renderLinkState } from './freshness.routes.js';
export { createReminderLinks, type ReminderLinks } from './reminder-links.js';
