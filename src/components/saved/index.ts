import './saved.messages.js';
export { createSavedService, type SavedService } from './saved.service.js';
export { createSavedRouter, createSaveButtonLocals } from './saved.routes.js';
