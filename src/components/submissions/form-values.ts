/**
 * The listing form exactly as typed: every value a string, every list a plain array. Built from a request body
 * (multer nests `phones[0][number]` into objects with no prototype) and from a stored graph or a parsed print ad.
 * Lists are capped here so a body with 2,000 phones never reaches validation whole.
 */
import { applyHoursMode, type HoursValues, type TimeSet } from './hours-presets.js';

export interface PhoneValues { number: string; label: string; type: string }
export type { HoursValues } from './hours-presets.js';
/** `lat`/`lng`: the map pin (or typed numbers); empty when the advertiser gave none. */
export interface BranchValues {
  name: string;
  address: string;
  detail: string;
  lat: string;
  lng: string;
  hours: HoursValues[];
  phones: PhoneValues[];
}
export interface OfferValues { name: string; price: string; note: string }
export interface AccountValues { bank: string; holder: string; number: string }
export interface MediaValues { id: string; alt: string; role: string }

export interface FormValues {
  kind: string;
  name: string;
  nameLatin: string;
  legalName: string;
  description: string;
  serviceArea: string;
  deliveryNote: string;
  website: string;
  businessRegNo: string;
  categoryIds: string[];
  phones: PhoneValues[];
  branches: BranchValues[];
  offers: OfferValues[];
  accounts: AccountValues[];
  media: MediaValues[];
  newPhotoAlts: string[];
  logoAlt: string;
}

export const LIST_CAPS = { phones: 20, branches: 20, branchPhones: 10, offers: 50, accounts: 5, categories: 3 } as const;
/** Photos a listing may have when nobody says otherwise (the app passes UPLOAD_MAX_FILES). */
export const DEFAULT_MAX_PHOTOS = 10;
/** Lists longer than their cap are reported as too long (422) instead of being silently cut. */
export class TooManyRowsError extends Error {
  constructor(readonly field: string) {
    super(`too many ${field}`);
  }
}

type Raw = unknown;
const MAX_FIELD = 10_000;
export function text(v: Raw): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.slice(0, MAX_FIELD + 1) : '';
}
function list(v: Raw, field: string, cap: number): Raw[] {
  if (v === undefined || v === null || v === '') return [];
  const items = Array.isArray(v) ? v.filter((x) => x !== undefined) : typeof v === 'object' ? Object.values(v as object) : [v];
  if (items.length > cap) throw new TooManyRowsError(field);
  return items;
}
function obj(v: Raw): Record<string, Raw> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Raw>) : {};
}
const timeSet = (v: Raw): TimeSet => ({
  opens: text(obj(v).opens),
  closes: text(obj(v).closes),
  breakStart: text(obj(v).breakStart),
  breakEnd: text(obj(v).breakEnd),
});
const phone = (v: Raw): PhoneValues => ({ number: text(obj(v).number), label: text(obj(v).label), type: text(obj(v).type) });

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
export function emptyHours(): HoursValues[] {
  return [0, 1, 2, 3, 4, 5, 6].map(() => ({ closed: false, opens: '', closes: '', breakStart: '', breakEnd: '' }));
}

/**
 * Reads the form fields out of a parsed body; unknown fields (status, owner_id, featured_until, role, …) are never read.
 * `maxPhotos`: a listing's photo limit (the logo comes on top).
 */
export function formValuesFromBody(body: Raw, maxPhotos: number = DEFAULT_MAX_PHOTOS): FormValues {
  const b = obj(body);
  return {
    kind: text(b.kind) || 'business',
    name: text(b.name),
    nameLatin: text(b.nameLatin),
    legalName: text(b.legalName),
    description: text(b.description),
    serviceArea: text(b.serviceArea),
    deliveryNote: text(b.deliveryNote),
    website: text(b.website),
    businessRegNo: text(b.businessRegNo),
    // The picker's selects left on "choose" send an empty value: not a category.
    categoryIds: [...new Set(list(b.categoryIds, 'categoryIds', LIST_CAPS.categories).map(text).filter(Boolean))],
    phones: list(b.phones, 'phones', LIST_CAPS.phones).map(phone),
    branches: list(b.branches, 'branches', LIST_CAPS.branches).map((raw) => {
      const br = obj(raw);
      const hours = obj(br.hours);
      return {
        name: text(br.name),
        address: text(br.address),
        detail: text(br.detail),
        lat: text(br.lat),
        lng: text(br.lng),
        hours: applyHoursMode(
          text(hours.mode),
          [0, 1, 2, 3, 4, 5, 6].map((d) => {
            const h = obj(hours[String(d)]);
            return {
              closed: text(h.closed) === '1',
              opens: text(h.opens),
              closes: text(h.closes),
              breakStart: text(h.breakStart),
              breakEnd: text(h.breakEnd),
            };
          }),
          { same: timeSet(hours.same), weekday: timeSet(hours.weekday), weekend: timeSet(hours.weekend) },
        ),
        phones: list(br.phones, 'branchPhones', LIST_CAPS.branchPhones).map(phone),
      };
    }),
    offers: list(b.offers, 'offers', LIST_CAPS.offers).map((o) => ({
      name: text(obj(o).name),
      price: text(obj(o).price),
      note: text(obj(o).note),
    })),
    accounts: list(b.accounts, 'accounts', LIST_CAPS.accounts).map((a) => ({
      bank: text(obj(a).bank),
      holder: text(obj(a).holder),
      number: text(obj(a).number),
    })),
    media: list(b.media, 'media', maxPhotos + 1).map((m) => ({ id: text(obj(m).id), alt: text(obj(m).alt), role: text(obj(m).role) })),
    newPhotoAlts: list(b.newPhotoAlts, 'newPhotoAlts', maxPhotos + 1).map(text),
    logoAlt: text(b.logoAlt),
  };
}

/** Blank rows the advertiser left empty are dropped before validation. */
export function withoutBlankRows(v: FormValues): FormValues {
  const filled = (o: object) => Object.values(o).some((x) => typeof x === 'string' && x.trim() !== '');
  return {
    ...v,
    phones: v.phones.filter(filled),
    branches: v.branches
      .filter((b) => b.name.trim() || b.address.trim() || b.detail.trim() || b.lat.trim() || b.lng.trim() || b.phones.some(filled))
      .map((b) => ({ ...b, phones: b.phones.filter(filled) })),
    offers: v.offers.filter(filled),
    accounts: v.accounts.filter((a) => a.holder.trim() || a.number.trim()),
  };
}
