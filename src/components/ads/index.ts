import './ads.messages.js';
import './ads-desk.messages.js';
export { createAdsService, type AdsService } from './ads.service.js';
export { createPaymentsService, type PaymentsService } from './payments.service.js';
export { createAdDocuments } from './ad-documents.service.js';
export { createDeskReports } from './desk-reports.js';
export { createAdsRouter } from './ads.routes.js';
export { createAdsDeskRouter } from './desk.routes.js';
export { createRateCardRouter } from './ratecard.routes.js';
