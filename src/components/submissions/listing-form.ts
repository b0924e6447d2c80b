/**
 * Validates the listing form (zod) and turns it into a listing graph. Errors are message keys by field path
 * (`phones.0.number`), translated by the view model; every typed value is kept by the caller for the 422 page.
 */
import { z } from 'zod';
import { parseWon } from '../../lib/money.js';
import { parseRoadAddress } from '../../lib/korean-address.js';
import { parsePhone } from '../phones/index.js';
import type { BranchInput, HoursInput, ListingGraphInput, PhoneInput } from '../listings/index.js';
import { BANK_NAMES } from './ad-text-data.js';
import { withoutBlankRows, type FormValues, type PhoneValues } from './form-values.js';
import { plainText } from '../../lib/plain-text.js';
import { inBox, KOREA_BOUNDS, roundCoordinate } from '../../lib/geo.js';

export type ListingDraft = Omit<
  ListingGraphInput,
  'status' | 'ownerId' | 'publishedAt' | 'expiresAt' | 'featuredUntil' | 'lastConfirmedAt'
>;
export type FieldErrorKeys = Record<string, string>;

/** 사업자등록번호 check digit (weights 1,3,7,1,3,7,1,3,5); all zeros passes the arithmetic and is refused. */
export function isValidBusinessRegNo(raw: string): boolean {
  const d = raw.replace(/-/g, '');
  if (!/^\d{10}$/.test(d) || /^0+$/.test(d)) return false;
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = w.reduce((s, wi, i) => s + wi * Number(d[i]), 0);
  sum += Math.floor((Number(d[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10 === Number(d[9]);
}

/** Only absolute http(s) URLs, no credentials; javascript:, data: and friends are refused. */
export function safeWebsite(raw: string): string | null {
  const s = raw.trim();
  if (!/^https?:\/\//i.test(s) || /[\s<>"']/.test(s)) return null;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && u.hostname.includes('.')
      ? u.toString()
      : null;
  } catch {
    return null;
  }
}

const opt = (max: number) => z.string().trim().max(max, 'submission.error.tooLong');
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().refine((s) => s === '' || TIME.test(s), 'submission.error.time');

const baseSchema = z.object({
  kind: z.enum(['business', 'classified'], { message: 'submission.error.kind' }),
  name: z.string().trim().min(1, 'submission.error.required').max(120, 'submission.error.tooLong'),
  nameLatin: opt(120),
  legalName: opt(120),
  description: opt(5000),
  serviceArea: opt(200),
  deliveryNote: opt(500),
  website: opt(500).refine((s) => s === '' || safeWebsite(s) !== null, 'submission.error.website'),
  businessRegNo: z.string().trim().refine((s) => s === '' || isValidBusinessRegNo(s), 'submission.error.businessRegNo'),
  categoryIds: z.array(z.string().regex(/^[1-9]\d{0,8}$/, 'submission.error.category')).max(3, 'submission.error.tooMany'),
  phones: z.array(z.object({ number: opt(40), label: opt(40), type: z.string() })),
  branches: z.array(z.object({
    name: opt(80), address: opt(200), detail: opt(200), lat: opt(30), lng: opt(30),
    hours: z.array(z.object({ closed: z.boolean(), opens: time, closes: time, breakStart: time, breakEnd: time })),
    phones: z.array(z.object({ number: opt(40), label: opt(40), type: z.string() })),
  })),
  offers: z.array(z.object({ name: opt(120), price: opt(40), note: opt(200) })),
  accounts: z.array(z.object({ bank: z.string(), holder: opt(60), number: opt(40) })),
});

const DECIMAL = /^-?\d{1,3}(?:\.\d{1,15})?$/;

/** A branch's typed or pinned coordinates: both empty (none), or both numbers inside Korea; anything else is an error. */
export function coordinatesOf(lat: string, lng: string): { lat: number | null; lng: number | null } | null {
  const a = lat.trim();
  const b = lng.trim();
  if (a === '' && b === '') return { lat: null, lng: null };
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) return null;
  const p = { lat: roundCoordinate(Number(a)), lng: roundCoordinate(Number(b)) };
  return inBox(p, KOREA_BOUNDS) ? p : null;
}

function phoneInput(p: PhoneValues, path: string, errors: FieldErrorKeys): PhoneInput | null {
  const fax = p.type === 'fax';
  const parsed = parsePhone(p.number, { fax });
  if (!parsed) {
    errors[`${path}.number`] = 'submission.error.phone';
    return null;
  }
  // The type comes from the number itself (mobile, landline, 15xx …); only "fax" is the advertiser's choice.
  return { ...parsed, label: p.label.trim() || null, extension: parsed.extension ?? null };
}

/**
 * Validates the form. `submit` adds what a listing needs before moderation (a category, a way to call);
 * a draft only needs a name. `knownCategoryIds` are the categories that exist.
 */
export function validateListingForm(
  values: FormValues,
  opts: { submit: boolean; knownCategoryIds: Set<number> },
): { draft: ListingDraft | null; errors: FieldErrorKeys } {
  const errors: FieldErrorKeys = {};
  const v = withoutBlankRows(values);
  const parsed = baseSchema.safeParse(v);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors[issue.path.join('.')] ??= issue.message.startsWith('submission.error.') ? issue.message : 'submission.error.invalid';
  }
  const categoryIds = v.categoryIds.map(Number).filter((id) => opts.knownCategoryIds.has(id));
  if (categoryIds.length !== v.categoryIds.length) errors.categoryIds ??= 'submission.error.category';
  const phones = v.phones.map((p, i) => phoneInput(p, `phones.${i}`, errors)).filter((p): p is PhoneInput => p !== null);
  const branches: BranchInput[] = v.branches.map((b, i) => {
    const address = b.address.trim() ? parseRoadAddress(b.address) : null;
    if (b.address.trim() && !address) errors[`branches.${i}.address`] = 'submission.error.address';
    if (!b.address.trim()) errors[`branches.${i}.address`] ??= 'submission.error.required';
    const coordinates = coordinatesOf(b.lat, b.lng);
    if (!coordinates) errors[`branches.${i}.lat`] = 'submission.error.coordinates';
    b.hours.forEach((h, d) => {
      if (!h.closed && (h.opens === '') !== (h.closes === '')) errors[`branches.${i}.hours.${d}.opens`] ??= 'submission.error.hoursPair';
      if ((h.breakStart === '') !== (h.breakEnd === '')) errors[`branches.${i}.hours.${d}.breakStart`] ??= 'submission.error.hoursPair';
    });
    return {
      name: b.name.trim() || null,
      sido: address?.sido ?? null,
      sigungu: address?.sigungu ?? null,
      roadName: address?.roadName ?? null,
      buildingNo: address?.buildingNo ?? null,
      detail: [address?.detail, b.detail.trim()].filter(Boolean).join(' ') || null,
      lat: coordinates?.lat ?? null,
      lng: coordinates?.lng ?? null,
      hours: b.hours.flatMap((h, weekday): HoursInput[] =>
        h.closed
          ? [{ weekday, isClosed: true }]
          : h.opens && h.closes
            ? [
                {
                  weekday,
                  isClosed: false,
                  opensAt: h.opens,
                  closesAt: h.closes,
                  breakStart: h.breakStart || null,
                  breakEnd: h.breakEnd || null,
                },
              ]
            : [],
      ),
      phones: b.phones.map((p, j) => phoneInput(p, `branches.${i}.phones.${j}`, errors)).filter((p): p is PhoneInput => p !== null),
    };
  });
  const offers = v.offers.map((o, i) => {
    if (!o.name.trim()) errors[`offers.${i}.name`] ??= 'submission.error.required';
    const blank = o.price.trim() === '' || /협의|문의/.test(o.price);
    const price = blank ? null : parseWon(o.price);
    if (!blank && (price === null || price > 10_000_000_000)) errors[`offers.${i}.price`] = 'submission.error.price';
    return {
      name: o.name.trim(),
      priceKrw: price,
      priceStyle: /만/.test(o.price) ? ('man' as const) : ('full' as const),
      priceNote: o.note.trim() || null,
    };
  });
  const paymentAccounts = v.accounts.map((a, i) => {
    if (!BANK_NAMES.includes(a.bank)) errors[`accounts.${i}.bank`] = 'submission.error.bank';
    if (!a.holder.trim()) errors[`accounts.${i}.holder`] ??= 'submission.error.required';
    if (!/^\d[\d-]{5,38}\d$/.test(a.number.trim())) errors[`accounts.${i}.number`] ??= 'submission.error.accountNumber';
    return { bank: a.bank, holder: a.holder.trim(), number: a.number.trim() };
  });
  if (opts.submit) {
    if (categoryIds.length === 0) errors.categoryIds ??= 'submission.error.categoryRequired';
    if (phones.length === 0 && !branches.some((b) => b.phones.length)) errors['phones.0.number'] ??= 'submission.error.phoneRequired';
  }
  if (Object.keys(errors).length || !parsed.success) return { draft: null, errors };
  const d = parsed.data;
  const website = d.website ? safeWebsite(d.website) : null;
  return {
    errors,
    draft: {
      kind: d.kind,
      name: d.name,
      nameLatin: d.nameLatin || null,
      legalName: d.legalName || null,
      description: plainText(d.description),
      serviceArea: d.serviceArea || null,
      deliveryNote: d.deliveryNote || null,
      website,
      businessRegNo: d.businessRegNo.replace(/-/g, '') || null,
      categoryIds,
      phones,
      branches,
      offers,
      paymentAccounts,
    },
  };
}
