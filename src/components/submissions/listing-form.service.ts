/**
 * The listing form, "new" and "edit" alike, as one service call: keep every photo already received, read the fields,
 * fill from a pasted print ad or add a blank row, validate (fields, photo limit, the parser's unsure name), the proof of
 * work, geocoding and the save. It returns what the route shows: the form again (with its status and everything typed)
 * or where to go after a save. HTTP (the multipart parsing, rendering, redirects) stays in the route.
 */
import type { Logger } from 'pino';
import type { Viewer } from '../../core/viewer.js';
import { AppError } from '../../core/errors.js';
import type { HumanVerdict as HumanCheck } from '../../core/human-check.js';
import type { Category, ListingsService } from '../listings/index.js';
import { ImageRejectedError, StorageUnavailableError, type MediaService, type StoredMedia, type UploadedFile } from '../media/index.js';
import type { AdTextService } from './ad-text.service.js';
import { nameNeedsConfirming, readStateFromAd, readStateFromBody, type ReadState } from './form-summary.js';
import { emptyHours, formValuesFromBody, text, TooManyRowsError, type FormValues } from './form-values.js';
import { fillCoordinates, type Geocoder } from './geocoder.js';
import { validateListingForm } from './listing-form.js';
import type { MediaChoice, SubmissionsService } from './submissions.service.js';
import { emptyFormValues, formValuesFromGraph, mergeParsedAd } from './submissions.view-models.js';

/** The form as the route renders it: what was typed, what is wrong, the photos kept, and the categories to pick from. */
export interface ListingFormState {
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
  categories: Category[];
}

export type ListingFormResult =
  | { kind: 'form'; form: ListingFormState }
  | { kind: 'saved'; outcome: 'pending' | 'draft' | 'revision' | 'live' };

/** The multipart body as the upload parser left it: the fields, the non-empty files, or why the upload was refused. */
export interface ReceivedUpload { files: UploadedFile[]; error: AppError | null }

/** "Add a row" without JavaScript: a POST that renders the form again with one more blank row in that list. */
const ADD_ROW: Record<string, (v: FormValues) => void> = {
  'add-phones': (v) => v.phones.push({ number: '', label: '', type: '' }),
  'add-branches': (v) => v.branches.push({ name: '', address: '', detail: '', lat: '', lng: '', hours: emptyHours(), phones: [] }),
  'add-offers': (v) => v.offers.push({ name: '', price: '', note: '' }),
  'add-accounts': (v) => v.accounts.push({ bank: '', holder: '', number: '' }),
};

/** Shown when the photos sent or kept are more than the limit (UPLOAD_MAX_FILES): it names the number. */
export const TOO_MANY_PHOTOS = 'submission.error.tooManyPhotos';

/**
 * `maxPhotos`: how many photos a listing may have (UPLOAD_MAX_FILES, also the upload parser's per-request limit).
 * `geocode` (KAKAO_REST_API_KEY): branches with an address and no pin get coordinates; a failure is only logged.
 */
export function createListingFormService(deps: {
  submissions: SubmissionsService; media: MediaService; adText: AdTextService; listings: ListingsService; humanCheck: HumanCheck;
  logger: Logger; maxPhotos: number; geocode?: Geocoder;
}) {
  const { submissions, media, listings } = deps;

  function readValues(body: unknown, errors: Record<string, string>): FormValues {
    try {
      return formValuesFromBody(body, deps.maxPhotos);
    } catch (err) {
      if (!(err instanceof TooManyRowsError)) throw err;
      const photos = err.field === 'media' || err.field === 'newPhotoAlts';
      errors[photos ? 'photos' : err.field] = photos ? TOO_MANY_PHOTOS : 'submission.error.tooMany';
      const copy: Record<string, unknown> = { ...(body as object) };
      copy[err.field === 'branchPhones' ? 'branches' : err.field] = [];
      return readValues(copy, errors);
    }
  }

  /**
   * A write that failed for a reason the advertiser did not cause (storage refused the files, the database failed
   * mid-transaction): logged, and turned into a field error for a 503 form that keeps everything typed. Rolled-back
   * transactions and the storage's clean-up leave nothing half-saved. The advertiser's own errors (AppError) go on.
   */
  function failedWrite(err: unknown): { field: string; messageKey: string } {
    if (err instanceof StorageUnavailableError) {
      deps.logger.warn({ code: err.code }, 'upload storage refused a write');
      return { field: 'photos', messageKey: err.messageKey };
    }
    if (err instanceof AppError) throw err;
    deps.logger.error({ err }, 'listing form could not be saved');
    return { field: 'save', messageKey: 'submission.error.saveFailed' };
  }

  const ownedMedia = (values: FormValues, userId: number) =>
    media.findOwnedMedia(values.media.map((m) => Number(m.id)).filter((n) => Number.isSafeInteger(n) && n > 0), userId);

  /** Stores each received photo (a refused image is a field error, a storage failure stops the loop). */
  async function storeFiles(files: UploadedFile[], values: FormValues, errors: Record<string, string>, ownerId: number) {
    for (const f of files) {
      const alt = (f.field === 'logo' ? values.logoAlt : values.newPhotoAlts[f.index] ?? '').trim().slice(0, 200);
      try {
        const stored = await media.storeUpload(f.bytes, { ownerId, role: f.field === 'logo' ? 'logo' : 'photo', altText: alt || null });
        values.media.push({ id: String(stored.id), alt, role: stored.role });
      } catch (err) {
        if (!(err instanceof ImageRejectedError)) return failedWrite(err);
        errors[f.field === 'logo' ? 'logo' : 'photos'] = `media.rejected.${err.reason}`;
      }
    }
    values.newPhotoAlts = [];
    return null;
  }

  async function save(body: Record<string, unknown>, upload: ReceivedUpload, viewer: Viewer & { userId: number }, listingId: number | null):
    Promise<ListingFormResult> {
    const categories = await listings.listCategories();
    const errors: Record<string, string> = {};
    const values = readValues(body, errors);
    const adText = text(body.adText).slice(0, 5000);
    const form = (status: number, extra: Partial<ListingFormState> = {}, keptMedia: StoredMedia[] = []): ListingFormResult =>
      ({ kind: 'form', form: { status, values, errors, keptMedia, notice: null, adText, categories, ...extra } });
    if (upload.error) {
      errors.photos = upload.error.messageKey === 'media.tooMany' ? TOO_MANY_PHOTOS : upload.error.messageKey;
      return form(upload.error.status, {}, await ownedMedia(values, viewer.userId));
    }
    const failed = await storeFiles(upload.files, values, errors, viewer.userId);
    const keptMedia = await ownedMedia(values, viewer.userId);
    if (failed) return form(503, { errors: { ...errors, [failed.field]: failed.messageKey } }, keptMedia);
    const keptIds = new Set(keptMedia.map((m) => String(m.id)));
    values.media = values.media.filter((m) => keptIds.has(m.id) && text(body[`removeMedia${m.id}`]) !== '1');
    if (values.media.filter((m) => m.role !== 'logo').length > deps.maxPhotos) errors.photos ??= TOO_MANY_PHOTOS;
    values.media.forEach((m, i) => { if (m.alt.length > 200) errors[`media.${i}.alt`] = 'submission.error.tooLong'; });
    const action = text(body.action);
    let read = readStateFromBody(body);
    if (action === 'parse') {
      if (!adText.trim()) return form(200, { read }, keptMedia);
      const ad = await deps.adText.parse(adText);
      read = readStateFromAd(ad);
      return form(200, { values: mergeParsedAd(values, ad), notice: 'submission.parsed', read }, keptMedia);
    }
    if (Object.hasOwn(ADD_ROW, action)) {
      ADD_ROW[action](values);
      return form(200, { read, open: action.slice(4) }, keptMedia);
    }
    // Every field first, then the proof of work, so all errors come back in one round. Photos above are kept
    // even when this refuses: the form comes back with them.
    const submit = action === 'submit';
    const { draft, errors: formErrors } = validateListingForm(values, { submit, knownCategoryIds: new Set(categories.map((c) => c.id)) });
    Object.assign(errors, formErrors);
    // A name the parser was unsure of is saved only once the advertiser confirmed it (or wrote another).
    if (nameNeedsConfirming(read, values)) errors.nameConfirmed = 'intake.error.confirmName';
    const fieldsOk = Boolean(draft) && Object.keys(errors).length === 0;
    const bot = fieldsOk ? await deps.humanCheck.check(body) : await deps.humanCheck.peek(body);
    if (bot) errors.human = bot;
    if (!draft || Object.keys(errors).length) return form(422, { read }, keptMedia);
    const choices: MediaChoice[] = values.media.map((m) => ({
      id: Number(m.id), role: m.role === 'logo' ? 'logo' : 'photo', altText: m.alt.trim() || null,
    }));
    if (deps.geocode) await fillCoordinates(draft.branches, deps.geocode, (err) => deps.logger.warn({ err }, 'geocoder failed'));
    try {
      if (listingId === null) {
        await submissions.createListing(viewer.userId, draft, choices, submit);
        return { kind: 'saved', outcome: submit ? 'pending' : 'draft' };
      }
      return { kind: 'saved', outcome: await submissions.updateListing(listingId, viewer, draft, choices, submit) };
    } catch (err) {
      const { field, messageKey } = failedWrite(err);
      return form(503, { errors: { [field]: messageKey } }, keptMedia);
    }
  }

  return {
    /** Saves the listing form's POST (`listingId` null: a new listing); the files are those the upload parser received. */
    saveListingForm: save,

    /** The form before any POST: blank, or the listing (its pending revision's proposal, if any) for its editor. */
    async formFor(listingId: number | null, viewer: Viewer): Promise<{ form: ListingFormState; isPublished: boolean }> {
      const categories = await listings.listCategories();
      const blank = { status: 200, errors: {}, notice: null, adText: '', categories };
      if (listingId === null) return { form: { ...blank, values: emptyFormValues(), keptMedia: [] }, isPublished: false };
      const { listing, media: photos, revision } = await submissions.editData(listingId, viewer);
      const values = revision
        ? formValuesFromGraph(revision.draft, photos.filter((m) => revision.media.some((c) => c.id === m.id)))
        : formValuesFromGraph({ ...listing, categoryIds: listing.categories.map((c) => c.id) }, photos);
      const notice = revision ? 'submission.revisionPending' : null;
      return { form: { ...blank, values, keptMedia: photos, notice }, isPublished: listing.status === 'published' };
    },
  };
}
export type ListingFormService = ReturnType<typeof createListingFormService>;
