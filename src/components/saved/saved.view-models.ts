/** Saved rows and listings → exactly what the 저장 button and the /saved page print. */
import type { Lang } from '../../core/i18n.js';
import { districtLabel } from '../../lib/korean-address.js';
import { cardCallVM, listingPath, openLine } from '../listings/index.js';
import type { SavedEntry } from './saved.service.js';

type T = (k: string, p?: Record<string, string | number>) => string;

/**
 * The 저장 button of a card or of the listing page's action bar. A visitor gets a link (to sign-in, then the save
 * page; saved.js turns it into a toggle kept in localStorage); a signed-in user a form that adds or removes.
 */
export interface SaveButtonVM {
  id: number;
  name: string;
  signedIn: boolean;
  saved: boolean;
  href: string;
  action: string;
  next: string;
  label: string;
  labelSaved: string;
  /** Said (role=status) when a visitor's list is full. */
  labelFull: string;
  /** SAVED_MAX_LISTINGS: the longest list saved.js keeps in a browser. */
  max: number;
}

export function saveButtonVM(
  listing: { id: number; name: string },
  o: { signedIn: boolean; saved: boolean; next: string; max: number },
  t: T,
): SaveButtonVM {
  return {
    id: listing.id,
    name: listing.name,
    signedIn: o.signedIn,
    saved: o.saved,
    next: o.next,
    max: o.max,
    href: `/listings/${listing.id}/save`,
    action: o.saved ? `/saved/${listing.id}/delete` : '/saved',
    label: t('saved.button.save'),
    labelSaved: t('saved.button.saved'),
    labelFull: t('saved.error.full', { max: o.max }),
  };
}

/** One shop of the /saved list. `gone`: removed, closed or expired (its name only when the account kept it). */
export function savedItemVM(e: SavedEntry, now: Date, lang: Lang, t: T) {
  const l = e.isPublic ? e.listing : null;
  const phone = l ? [...l.phones, ...l.branches.flatMap((b) => b.phones)].find((p) => p.type !== 'fax') ?? null : null;
  const branch = l ? l.branches.find((b) => b.hours.length > 0) ?? null : null;
  const category = l?.categories[0];
  const sigungu = l?.branches.find((b) => b.sigungu)?.sigungu ?? null;
  return {
    id: e.listingId,
    name: l?.name ?? e.savedName,
    url: l ? listingPath(l) : null,
    gone: !l,
    meta: l
      ? [category ? (lang === 'en' ? category.nameEn : category.nameKo) : null, sigungu ? districtLabel(sigungu, lang).name : null]
          .filter(Boolean)
          .join(' · ')
      : '',
    call: phone ? cardCallVM(phone, e.listingId) : null,
    open: branch ? openLine(branch, now, t) : null,
    note: e.note ?? '',
    noteAction: `/saved/${e.listingId}/note`,
    removeAction: `/saved/${e.listingId}/delete`,
  };
}

export type SavedItemVM = ReturnType<typeof savedItemVM>;
