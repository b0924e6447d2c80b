import './accounts.messages.js';
export { createAccountsService, normaliseEmail, type AccountsService } from './accounts.service.js';
export { createAccountsRouter } from './accounts.routes.js';
export { passwordProblem } from './passwords.js';
