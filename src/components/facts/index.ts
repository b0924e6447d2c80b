import './facts.messages.js';
export { createFactsService, type FactsService, type PageFacts } from './facts.service.js';
export { createFactChecksService, type FactChecksService } from './fact-checks.service.js';
export { createHolidayReminders, lunarHolidays, type HolidayReminders } from './holiday-reminders.service.js';
export { createFactsRouter } from './facts.routes.js';
export { createFactChecksRouter } from './fact-checks.routes.js';
export { listingFactsVM } from './facts.view-models.js';
export { dayOverrides, ruleDays, CLOSURE_REASONS, HOLIDAY_RULES, type SpecialDay, type HolidayRule } from './special-days.js';
