import './submissions.messages.js';
import './intake.messages.js';
export { parseAdText, type CategoryHint, type ParsedAd, type AdBranch, type AdOffer, type AdAccount } from './ad-text-parser.js';
export { extractPhones, type AdPhone } from './ad-text-phones.js';
export { BANK_NAMES, KOREAN_BANKS } from './ad-text-data.js';
export { createAdTextService, type AdTextService } from './ad-text.service.js';
export { createAdTextRouter } from './ad-text.routes.js';
export { createSubmissionsService, RESTORE_WINDOW_DAYS, type SubmissionsService, type MediaChoice } from './submissions.service.js';
export { validateListingForm, isValidBusinessRegNo, safeWebsite, type ListingDraft } from './listing-form.js';
export { formValuesFromBody, type FormValues } from './form-values.js';
export {
  createListingFormService, type ListingFormService, type ListingFormResult, type ListingFormState,
} from './listing-form.service.js';
export { createSubmissionsRouter } from './submissions.routes.js';
export { diffRevision, type FieldChange } from './revision-diff.js';
export { createKakaoGeocoder, fillCoordinates, type Geocoder } from './geocoder.js';
