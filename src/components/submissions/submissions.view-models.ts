/** Form values, errors and rows → exactly what the submission templates print. */
import type { Lang } from '../../core/i18n.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import { PHONE_TYPES } from '../phones/index.js';
import { listingPath, type BranchInput, type Category, type ListingRow } from '../listings/index.js';
import type { StoredMedia } from '../media/index.js';
import type { ParsedAd } from './ad-text-parser.js';
import { BANK_NAMES } from './ad-text-data.js';
import { emptyHours, WEEKDAYS, type BranchValues, type FormValues, type PhoneValues } from './form-values.js';
import { HOURS_MODES, hoursEditorState } from './hours-presets.js';
import { nameNeedsConfirming, summaryFacts, type ReadState } from './form-summary.js';
import { textFields, type TextFields } from './revision-diff.js';

type T = (key: string, params?: Record<string, string | number>) => string;
/** Blank rows printed only when a list is empty (more come from "add" buttons: JavaScript clones, or a POST adds one). */
const BLANK_ROWS = { phones: 1, branches: 1, offers: 1, accounts: 1, branchPhones: 1 };
const blankPhone = (): PhoneValues => ({ number: '', label: '', type: '' });
const blankBranch = (): BranchValues => ({ name: '', address: '', detail: '', lat: '', lng: '', hours: emptyHours(), phones: [] });
const pad = <X>(rows: X[], n: number, make: () => X): X[] => (rows.length ? rows : Array.from({ length: n }, make));
/** A price per period as the offer's note shows it (25만원, 매월). */
const PER_NOTE: Record<string, string> = { month: '매월', hour: '시간당', day: '일당', week: '주당' };

export function emptyFormValues(): FormValues {
  return {
    kind: 'business',
    name: '',
    nameLatin: '',
    legalName: '',
    description: '',
    serviceArea: '',
    deliveryNote: '',
    website: '',
    businessRegNo: '',
    categoryIds: [],
    phones: [],
    branches: [],
    offers: [],
    accounts: [],
    media: [],
    newPhotoAlts: [],
    logoAlt: '',
  };
}

/** The stored listing (or a revision's draft graph) as form values. */
interface PhoneLike { display: string; label?: string | null; type: string; extension?: string | null }
interface GraphLike extends TextFields {
  categoryIds: number[];
  phones: PhoneLike[];
  branches: Array<Omit<BranchInput, 'phones'> & { phones: PhoneLike[] }>;
  offers: Array<{ name: string; priceKrw: number | null; priceNote?: string | null }>;
  paymentAccounts: Array<{ bank: string; holder: string; number: string }>;
}
export function formValuesFromGraph(g: GraphLike, media: StoredMedia[]): FormValues {
  const phone = (p: PhoneLike): PhoneValues => ({
    number: p.extension ? `${p.display} 내선 ${p.extension}` : p.display,
    label: p.label ?? '',
    type: p.type === 'fax' ? 'fax' : '',
  });
  return {
    ...emptyFormValues(),
    ...textFields(g),
    categoryIds: g.categoryIds.map(String),
    phones: g.phones.map(phone),
    branches: g.branches.map((b) => {
      const hours = emptyHours();
      for (const h of b.hours)
        hours[h.weekday] = {
          closed: h.isClosed,
          opens: h.opensAt ?? '',
          closes: h.closesAt ?? '',
          breakStart: h.breakStart ?? '',
          breakEnd: h.breakEnd ?? '',
        };
      const coordinate = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
      return {
        name: b.name ?? '',
        address: formatRoadAddress({ ...b, detail: null }),
        detail: b.detail ?? '',
        lat: coordinate(b.lat),
        lng: coordinate(b.lng),
        hours,
        phones: b.phones.map(phone),
      };
    }),
    offers: g.offers.map((o) => ({ name: o.name, price: o.priceKrw === null ? '' : String(o.priceKrw), note: o.priceNote ?? '' })),
    accounts: g.paymentAccounts.map((a) => ({ bank: a.bank, holder: a.holder, number: a.number })),
    media: media.map((m) => ({ id: String(m.id), alt: m.altText ?? '', role: m.role })),
  };
}

/** Fills the form from a parsed print ad; what the advertiser already typed in a field wins. */
export function mergeParsedAd(v: FormValues, ad: ParsedAd): FormValues {
  const keep = (typed: string, parsed: string | null) => typed.trim() || parsed || '';
  const phone = (p: { display: string; type: string; extension?: string }): PhoneValues => ({
    number: p.extension ? `${p.display} 내선 ${p.extension}` : p.display,
    label: '',
    type: p.type === 'fax' ? 'fax' : '',
  });
  return {
    ...v,
    // The form starts as a business; a pasted classified ad (팝니다, 구합니다, 월세 …) makes it one.
    kind: ad.kind === 'classified' ? 'classified' : v.kind,
    name: keep(v.name, ad.name),
    nameLatin: keep(v.nameLatin, ad.nameLatin),
    legalName: keep(v.legalName, ad.legalName),
    description: keep(v.description, ad.description),
    serviceArea: keep(v.serviceArea, ad.serviceArea),
    deliveryNote: keep(v.deliveryNote, ad.deliveryNote),
    categoryIds: v.categoryIds.length ? v.categoryIds : ad.categories.map((c) => String(c.id)),
    phones: v.phones.some((p) => p.number.trim()) ? v.phones : ad.phones.map(phone),
    branches: v.branches.some((b) => b.address.trim())
      ? v.branches
      : ad.branches.map((b) => ({
          ...blankBranch(),
          name: b.name ?? '',
          address: b.addressPrinted,
          detail: b.address.detail,
          phones: b.phones.map(phone),
        })),
    offers: v.offers.some((o) => o.name.trim())
      ? v.offers
      : ad.offers.map((o) => ({
          name: o.name,
          price: o.priceKrw === null ? '' : String(o.priceKrw),
          note: [o.pricePer ? PER_NOTE[o.pricePer] : '', o.priceNote ?? ''].filter(Boolean).join(', '),
        })),
    accounts: v.accounts.some((a) => a.number.trim()) ? v.accounts : ad.paymentAccounts,
  };
}

export interface FormPageInput {
  values: FormValues;
  errors: Record<string, string>;
  categories: Array<{ id: number; name: string; group: string }>;
  keptMedia: StoredMedia[];
  action: string;
  csrfToken: string;
  limits: { mb: number; files: number };
  listingId: number | null;
  isPublished: boolean;
  notice: string | null;
  adText: string;
  read?: ReadState | null;
  open?: string | null;
  /** A geocoder is configured: a branch's position comes from its address. */
  geocoderOn?: boolean;
}

/** The form's parts that fold away once a paste filled them (the summary above shows their facts). */
const PARTS = ['basics', 'phones', 'branches', 'offers', 'accounts', 'more'] as const;
const MORE_FIELDS = ['nameLatin', 'legalName', 'serviceArea', 'deliveryNote', 'website', 'businessRegNo'] as const;
function partOf(path: string): string {
  const head = path.split('.')[0];
  if ((MORE_FIELDS as readonly string[]).includes(head)) return 'more';
  return ['phones', 'branches', 'offers', 'accounts'].includes(head) ? head : 'basics';
}

/** The category picker's options: the subcategories, each under its group's name, in the page's language. */
export function categoryOptions(all: Category[], lang: Lang): FormPageInput['categories'] {
  const groups = new Map(all.filter((c) => c.parentId === null).map((c) => [c.id, lang === 'en' ? c.nameEn : c.nameKo]));
  return all.filter((c) => c.parentId !== null)
    .map((c) => ({ id: c.id, name: lang === 'en' ? c.nameEn : c.nameKo, group: groups.get(c.parentId!) ?? '' }));
}

export function formPageVM(p: FormPageInput, lang: Lang, t: T) {
  const err = (path: string) => (p.errors[path] ? t(p.errors[path], p.limits) : null);
  const v = p.values;
  const mediaById = new Map(p.keptMedia.map((m) => [String(m.id), m]));
  const read = p.read ?? null;
  const summary = read && p.adText.trim() ? summaryFacts(v, read, p.categories, t) : null;
  const errorParts = new Set(Object.keys(p.errors).map(partOf));
  const unsureBasics = !!summary && summary.some((f) => f.unsure && (f.key === 'name' || f.key === 'category'));
  // Folded after a paste (the summary shows every fact); open where an error, an unsure fact or a new row is.
  const open = Object.fromEntries(PARTS.map((part) => [part, part === 'more'
    ? errorParts.has('more') || (!summary && MORE_FIELDS.some((f) => v[f].trim()))
    : !summary || errorParts.has(part) || p.open === part || (part === 'basics' && unsureBasics)]));
  const chosen = v.categoryIds.slice(0, 3);
  return {
    summary,
    open,
    read,
    needsNameConfirm: nameNeedsConfirming(read, v),
    categorySelects: [0, 1, 2].map((i) => ({ index: i, id: i === 0 ? 'f-categoryIds' : `f-categoryIds-${i}`, value: chosen[i] ?? '' })),
    categoryGroups: [...new Set(p.categories.map((c) => c.group))].map((group) => ({
      group,
      options: p.categories.filter((c) => c.group === group),
    })),
    lowSuggestion:
      read?.categoryConfidence === 'low' && read.categoryId !== null && !chosen.length
        ? (p.categories.find((c) => c.id === read.categoryId)?.name ?? null)
        : null,
    geocoderOn: Boolean(p.geocoderOn),
    // The token is the form's first field, never in the URL (the upload parser checks it before reading any file).
    action: p.action,
    csrfToken: p.csrfToken,
    listingId: p.listingId,
    isPublished: p.isPublished,
    notice: p.notice,
    adText: p.adText,
    limitsText: t('media.limits', p.limits),
    errorList: Object.entries(p.errors).map(([path, key]) => ({
      href: `#f-${path.replace(/\./g, '-')}`,
      text: `${t(`field.${path.split('.')[0]}`)}: ${t(key, p.limits)}`,
    })),
    err,
    values: v,
    kinds: ['business', 'classified'].map((k) => ({ value: k, label: t(`submission.kind.${k}`), checked: v.kind === k })),
    categories: p.categories.map((c) => ({ ...c, checked: v.categoryIds.includes(String(c.id)) })),
    phoneTypes: [
      { value: '', label: t('submission.phoneType.auto') },
      ...PHONE_TYPES.filter((x) => x === 'fax').map((x) => ({ value: x, label: t(`phone.type.${x}`) })),
    ],
    banks: BANK_NAMES,
    phones: pad(v.phones, BLANK_ROWS.phones, blankPhone),
    branches: pad(v.branches, BLANK_ROWS.branches, blankBranch).map((b) => ({
      ...b,
      hoursEditor: hoursEditorState(b.hours),
      phones: pad(b.phones, BLANK_ROWS.branchPhones, blankPhone),
    })),
    hoursModes: HOURS_MODES.map((mode) => ({ value: mode, label: t(`hours.mode.${mode}`) })),
    weekdays: WEEKDAYS.map((d) => ({ index: d, label: t(`weekday.${d}`) })),
    offers: pad(v.offers, BLANK_ROWS.offers, () => ({ name: '', price: '', note: '' })),
    accounts: pad(v.accounts, BLANK_ROWS.accounts, () => ({ bank: '', holder: '', number: '' })),
    media: v.media
      .filter((m) => mediaById.has(m.id))
      .map((m) => {
        const stored = mediaById.get(m.id)!;
        const small = stored.variants.find((x) => x.name === '480') ?? stored.variants[0];
        return {
          id: m.id,
          alt: m.alt,
          role: m.role === 'logo' ? 'logo' : 'photo',
          src: `/uploads/${small.file}`,
          width: small.width,
          height: small.height,
        };
      }),
    lang,
  };
}

export function myListingsVM(
  rows: ListingRow[],
  needsReconfirm: (r: ListingRow) => boolean,
  now: Date,
  lang: Lang,
  t: T,
  csrfToken: string,
) {
  // A Seoul calendar day in words ("12월 7일", "Dec 7"), with the year only when it is not this year.
  const day = (d: Date | null) => {
    if (!d) return null;
    const sameYear = d.getFullYear() === now.getFullYear();
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ko-KR', {
      timeZone: 'Asia/Seoul',
      month: lang === 'en' ? 'short' : 'long',
      day: 'numeric',
      ...(sameYear ? {} : { year: 'numeric' }),
    }).format(d);
  };
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    url: listingPath(r),
    editUrl: `/submissions/${r.id}/edit`,
    cardUrl: r.status === 'published' ? `/listings/${r.id}/card` : null,
    status: t(`status.${r.status}`),
    statusKey: r.status,
    kind: t(`submission.kind.${r.kind}`),
    lastConfirmed: day(r.lastConfirmedAt),
    expires: day(r.expiresAt),
    isExpired: !!r.expiresAt && r.expiresAt <= now,
    canRenew: r.kind === 'classified' && ['published', 'expired'].includes(r.status),
    moderationNote: ['rejected', 'draft'].includes(r.status) ? r.moderationNote : null,
    askReconfirm: needsReconfirm(r),
    canReconfirm: r.kind === 'business',
    canClose: r.status !== 'closed',
    closeLabel: t(r.kind === 'classified' ? 'submission.markSold' : 'submission.close'),
    actionUrl: (what: string) => `/submissions/${r.id}/${what}`,
    csrfToken,
    lang,
  }));
}
