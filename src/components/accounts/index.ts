import './accounts.messages.js';
export { createAccountsService, normaliseEmail, type AccountsService } from './accounts.service.js';
export { createAccountsRouter } from './accounts.routes.js';
export { passwordProblem } from './passwords.js';
export { createSecondFactor, type SecondFactor } from './second-factor.js';
export { openTotpSecret, resealTotpSecrets, sealTotpSecret, type ResealResult } from './totp-secrets.js';
// For admin actions that must run inside their own transaction (role change, disable).
export { findUserById, updateUser, deleteSessionsOfUser } from './accounts.repository.js';
