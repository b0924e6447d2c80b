/**
 * The listing form's POST, shared by "new" and "edit": parse the multipart body, keep every uploaded photo,
 * fill from a pasted print ad, validate, save. Returns what the route renders or where it redirects.
 */
import type { Request, Response } from 'express';
import type { Viewer } from '../../core/viewer.js';
import { ImageRejectedError, StorageUnavailableError, type MediaService, type StoredMedia, type UploadParser } from '../media/index.js';
import { AppError } from '../../core/errors.js';
import type { ListingsService } from '../listings/index.js';
import type { AdTextService } from './ad-text.service.js';
import { emptyHours, formValuesFromBody, text, TooManyRowsError, type FormValues } from './form-values.js';
import { validateListingForm } from './listing-form.js';
import type { MediaChoice, SubmissionsService } from './submissions.service.js';
import { mergeParsedAd } from './submissions.view-models.js';
import type { HumanCheck } from '../../web/human-check.js';
import { fillCoordinates, type Geocoder } from './geocoder.js';
import { nameNeedsConfirming, readStateFromAd, readStateFromBody, type ReadState } from './form-summary.js';

export interface FormOutcome {
  status: number;
  values: FormValues;
  errors: Record<string, string>;
  keptMedia: StoredMedia[];
  notice: string | null;
  adText: string;
  /** What the parser read from a pasted ad (the summary and the unsure facts), or null. */
  read?: ReadState | null;
  /** The part of the form to show open (the list a row was just added to). */
  open?: string | null;
  redirect?: string;
}

/** "Add a row" without JavaScript: a POST that renders the form again with one more blank row in that list. */
const ADD_ROW: Record<string, (v: FormValues) => void> = {
  'add-phones': (v) => v.phones.push({ number: '', label: '', type: '' }),
  'add-branches': (v) => v.branches.push({ name: '', address: '', detail: '', lat: '', lng: '', hours: emptyHours(), phones: [] }),
  'add-offers': (v) => v.offers.push({ name: '', price: '', note: '' }),
  'add-accounts': (v) => v.accounts.push({ bank: '', holder: '', number: '' }),
};

/**
 * A write that failed for a reason the advertiser did not cause (storage refused the files, the database failed
 * mid-transaction): logged, and turned into a field error for a 503 form that keeps everything typed. Rolled-back
 * transactions and the storage's clean-up leave nothing half-saved. The advertiser's own errors (AppError) go on.
 */
function failedWrite(req: Request, err: unknown): { field: string; messageKey: string } {
  if (err instanceof StorageUnavailableError) {
    req.log?.warn({ code: err.code }, 'upload storage refused a write');
    return { field: 'photos', messageKey: err.messageKey };
  }
  if (err instanceof AppError) throw err;
  req.log?.error({ err }, 'listing form could not be saved');
  return { field: 'save', messageKey: 'submission.error.saveFailed' };
}

export function createFormHandler(deps: { submissions: SubmissionsService; media: MediaService; adText: AdTextService; listings: ListingsService; parseUpload: UploadParser; humanCheck: HumanCheck; geocode?: Geocoder }) {
  const { submissions, media } = deps;

  async function readValues(body: unknown, errors: Record<string, string>): Promise<FormValues> {
    try {
      return formValuesFromBody(body);
    } catch (err) {
      if (!(err instanceof TooManyRowsError)) throw err;
      errors[err.field] = 'submission.error.tooMany';
      const copy: Record<string, unknown> = { ...(body as object) };
      copy[err.field === 'branchPhones' ? 'branches' : err.field] = [];
      return readValues(copy, errors);
    }
  }

  return async function handleListingForm(req: Request, res: Response, viewer: Viewer & { userId: number }, listingId: number | null): Promise<FormOutcome> {
    const { files, error } = await deps.parseUpload(req, res);
    const errors: Record<string, string> = {};
    const values = await readValues(req.body, errors);
    const adText = text(req.body?.adText).slice(0, 5000);
    if (error) return { status: error.status, values, errors: { ...errors, photos: error.messageKey }, keptMedia: await media.findOwnedMedia(values.media.map((m) => Number(m.id)).filter((n) => Number.isSafeInteger(n) && n > 0), viewer.userId), notice: null, adText };
    let failed: { field: string; messageKey: string } | null = null;
    for (const f of files) {
      const alt = (f.field === 'logo' ? values.logoAlt : values.newPhotoAlts[f.index] ?? '').trim().slice(0, 200);
      try {
        const stored = await media.storeUpload(f.bytes, { ownerId: viewer.userId, role: f.field === 'logo' ? 'logo' : 'photo', altText: alt || null });
        values.media.push({ id: String(stored.id), alt, role: stored.role });
      } catch (err) {
        if (!(err instanceof ImageRejectedError)) {
          failed = failedWrite(req, err);
          break;
        }
        errors[f.field === 'logo' ? 'logo' : 'photos'] = `media.rejected.${err.reason}`;
      }
    }
    values.newPhotoAlts = [];
    const keptMedia = await media.findOwnedMedia(values.media.map((m) => Number(m.id)).filter((n) => Number.isSafeInteger(n) && n > 0), viewer.userId);
    if (failed) return { status: 503, values, errors: { ...errors, [failed.field]: failed.messageKey }, keptMedia, notice: null, adText };
    const keptIds = new Set(keptMedia.map((m) => String(m.id)));
    values.media = values.media.filter((m) => keptIds.has(m.id) && text(req.body?.[`removeMedia${m.id}`]) !== '1');
    if (values.media.filter((m) => m.role !== 'logo').length > 10) errors.photos ??= 'media.tooMany';
    values.media.forEach((m, i) => { if (m.alt.length > 200) errors[`media.${i}.alt`] = 'submission.error.tooLong'; });
    const action = text(req.body?.action);
    let read = readStateFromBody(req.body);
    if (action === 'parse') {
      if (!adText.trim()) return { status: 200, values, errors, keptMedia, notice: null, adText, read };
      const ad = await deps.adText.parse(adText);
      read = readStateFromAd(ad);
      return { status: 200, values: mergeParsedAd(values, ad), errors, keptMedia, notice: 'submission.parsed', adText, read };
    }
    if (Object.hasOwn(ADD_ROW, action)) {
      ADD_ROW[action](values);
      return { status: 200, values, errors, keptMedia, notice: null, adText, read, open: action.slice(4) };
    }
    // Every field first, then the proof of work, so all errors come back in one round. Photos above are kept
    // even when this refuses: the form comes back with them.
    const categories = await deps.listings.listCategories();
    const { draft, errors: formErrors } = validateListingForm(values, { submit: action === 'submit', knownCategoryIds: new Set(categories.map((c) => c.id)) });
    Object.assign(errors, formErrors);
    // A name the parser was unsure of is saved only once the advertiser confirmed it (or wrote another).
    if (nameNeedsConfirming(read, values)) errors.nameConfirmed = 'intake.error.confirmName';
    const fieldsOk = Boolean(draft) && Object.keys(errors).length === 0;
    const bot = fieldsOk ? await deps.humanCheck.check(req.body) : await deps.humanCheck.peek(req.body);
    if (bot) errors.human = bot;
    if (!draft || Object.keys(errors).length) return { status: 422, values, errors, keptMedia, notice: null, adText, read };
    const choices: MediaChoice[] = values.media.map((m) => ({ id: Number(m.id), role: m.role === 'logo' ? 'logo' : 'photo', altText: m.alt.trim() || null }));
    const submit = action === 'submit';
    // The optional geocoder (KAKAO_REST_API_KEY): branches with an address and no pin get coordinates; a failure is only logged.
    if (deps.geocode) await fillCoordinates(draft.branches, deps.geocode, (err) => req.log?.warn({ err }, 'geocoder failed'));
    let outcome: string;
    try {
      outcome = listingId === null
        ? ((await submissions.createListing(viewer.userId, draft, choices, submit)), submit ? 'pending' : 'draft')
        : await submissions.updateListing(listingId, viewer, draft, choices, submit);
    } catch (err) {
      const { field, messageKey } = failedWrite(req, err);
      return { status: 503, values, errors: { [field]: messageKey }, keptMedia, notice: null, adText };
    }
    return { status: 303, values, errors, keptMedia, notice: null, adText, redirect: `/my/listings?done=${outcome}` };
  };
}
export type FormHandler = ReturnType<typeof createFormHandler>;
