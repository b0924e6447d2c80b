import './moderation.messages.js';
export {
  createModerationService,
  createTrustPolicy,
  REJECT_REASONS,
  type ModerationService,
  type TrustPolicy,
} from './moderation.service.js';
export { createReportsService, OWNER_GRACE_DAYS, type ReportsService } from './reports.service.js';
export { createAdminService, type AdminService } from './admin.service.js';
export { createSpamCheckHook, runSpamChecks, findBannedWords, countLinks, type CheckedContent } from './spam-checks.js';
export { createModerationRouter } from './moderation.routes.js';
export { createAdminRouter } from './admin.routes.js';
export { createReportsRouter } from './reports.routes.js';
export { createSecondFactorRouter, requireSecondFactor } from './second-factor.routes.js';
export { appendAudit, type AuditEntry } from './moderation.repository.js';
