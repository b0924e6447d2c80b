import './submissions.messages.js';
export { parseAdText, type ParsedAd, type AdBranch, type AdOffer, type AdAccount } from './ad-text-parser.js';
export { extractPhones, type AdPhone } from './ad-text-phones.js';
export { BANK_NAMES, KOREAN_BANKS } from './ad-text-data.js';
export { createAdTextService, type AdTextService } from './ad-text.service.js';
export { createAdTextRouter } from './ad-text.routes.js';
