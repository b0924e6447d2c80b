/** Rows → exactly what the listing templates print. Prices, phones, addresses are formatted here, never in views. */
import { changesAt } from '../../lib/changes-at.js';
import type { Lang } from '../../core/i18n.js';
import { formatWon, formatWonKorean } from '../../lib/money.js';
import { districtLabel, formatRoadAddress } from '../../lib/korean-address.js';
import { plainText } from '../../lib/plain-text.js';
import { telHref } from '../phones/index.js';
import type { BranchRow, ListingGraph, PhoneRow } from './listing-graph.js';
import { openState, type DayOverrides } from './opening-hours.js';
import type { CardPhone, ListingCard } from './cards.repository.js';
import type { Category } from './categories.repository.js';

export function listingPath(l: { id: number; slug: string }): string {
  return `/listings/${l.id}-${encodeURIComponent(l.slug)}`;
}

export interface PhoneVM { id: number; href: string | null; display: string; label: string; type: string }

export function phoneVM(p: PhoneRow, lang: Lang, t: (k: string, p?: Record<string, string>) => string): PhoneVM {
  const defaultLabel = t(`phone.type.${p.type}`);
  return {
    id: p.id,
    href: telHref(p),
    display: p.extension ? `${p.display} (${t('phone.extension')} ${p.extension})` : p.display,
    label: p.label || defaultLabel,
    type: p.type,
  };
}

/** tel: for a card's number; representative numbers (15xx/16xx/18xx) cannot be dialled as +82, so they keep their digits. */
function cardTelHref(p: CardPhone): string {
  const representative = p.type ? p.type === 'representative' : /^\+821[5-8]\d{6}$/.test(p.e164);
  return representative ? `tel:${p.display}` : `tel:${p.e164}`;
}

/** The call button of a card: the main number as a tap target (null when the listing has none to dial). */
export function cardCallVM(p: CardPhone | null | undefined, listingId: number) {
  if (!p || p.type === 'fax') return null;
  return { href: cardTelHref(p), display: p.display, phoneId: p.id, listingId };
}

export function cardVM(c: ListingCard, lang: Lang) {
  const excerpt = plainText(c.tagline || c.description).replace(/\s+/g, ' ');
  return {
    id: c.id,
    name: c.name,
    url: listingPath(c),
    category: lang === 'en' ? c.categoryNameEn : c.categoryNameKo,
    district: c.sigungu ? districtLabel(c.sigungu, lang).name : null,
    call: cardCallVM(c.phone, c.id),
    // Cut the plain text first; the template escapes it.
    excerpt: excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt,
  };
}

export function categoryVM(c: Category, lang: Lang, count: number) {
  return { slug: c.slug, name: lang === 'en' ? c.nameEn : c.nameKo, url: `/categories/${c.slug}`, count };
}

export function priceText(
  o: { priceKrw: number | null; priceStyle: 'full' | 'man' },
  lang: Lang,
  t: (k: string, p?: Record<string, string>) => string,
): string {
  if (o.priceKrw === null) return t('offer.priceOnRequest');
  return lang === 'ko' && o.priceStyle === 'man' ? formatWonKorean(o.priceKrw) : formatWon(o.priceKrw, lang);
}

export function mapLinks(address: string) {
  const q = encodeURIComponent(address);
  return { kakao: `https://map.kakao.com/link/search/${q}`, naver: `https://map.naver.com/p/search/${q}` };
}

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** "Open now · closes at 20:00", "Closed today", … for a branch at an instant (Asia/Seoul). */
export function openLine(
  b: BranchRow,
  now: Date,
  t: (k: string, p?: Record<string, string>) => string,
  overrides?: DayOverrides,
): { text: string; open: boolean } | null {
  const state = openState(
    b.hours,
    now,
    b.closures.map((c) => c.day),
    overrides,
  );
  switch (state.kind) {
    case 'open':
      return { text: t('hours.openUntil', { time: state.closesAt }), open: true };
    case 'break':
      return { text: t('hours.onBreak', { time: state.reopensAt }), open: false };
    case 'opens-later':
      return { text: t('hours.opensAt', { time: state.opensAt }), open: false };
    case 'closed-today':
      return { text: t('hours.closedToday'), open: false };
    case 'closed-now':
      return { text: t('hours.closedNow'), open: false };
    default:
      return null;
  }
}

function hoursRows(b: BranchRow, t: (k: string, p?: Record<string, string>) => string) {
  return WEEK_ORDER.map((weekday) => {
    const h = b.hours.find((x) => x.weekday === weekday);
    const text = !h ? '—' : h.isClosed || !h.opensAt || !h.closesAt ? t('hours.dayOff')
      : `${h.opensAt}–${h.closesAt}${h.breakStart && h.breakEnd ? ` (${t('hours.break')} ${h.breakStart}–${h.breakEnd})` : ''}`;
    return { day: t(`hours.day.${weekday}`), text };
  });
}

export function mediaUrl(file: string): string {
  return `/uploads/${encodeURIComponent(file)}`;
}

/** A business listing unconfirmed for longer than STALE_AFTER_DAYS (its page says so; search ranks it lower). */
export function isStale(l: { kind: string; lastConfirmedAt: Date | null; createdAt: Date }, now: Date, staleAfterDays: number): boolean {
  if (l.kind !== 'business') return false;
  const turnsStaleAt = (l.lastConfirmedAt ?? l.createdAt).getTime() + staleAfterDays * 86_400_000;
  if (now.getTime() <= turnsStaleAt) changesAt(turnsStaleAt + 1);
  return now.getTime() > turnsStaleAt;
}

/**
 * `overrides`: days with other hours than the weekly ones (closures, holiday hours: components/facts). A shop
 * confirmed closed for good (폐업) shows no numbers to call.
 */
export function listingDetailVM(
  l: ListingGraph,
  lang: Lang,
  t: (k: string, p?: Record<string, string>) => string,
  now: Date = new Date(),
  staleAfterDays = 365,
  overrides?: DayOverrides,
) {
  const callable = !l.outOfBusinessAt;
  return {
    id: l.id,
    name: l.name,
    nameLatin: l.nameLatin,
    legalName: l.legalName,
    tagline: l.tagline,
    description: plainText(l.description),
    status: l.status,
    origin: l.origin === 'print_ad' ? t('listing.origin.print_ad') : null,
    serviceArea: l.serviceArea,
    deliveryNote: l.deliveryNote,
    categories: l.categories.map((c) => ({ name: lang === 'en' ? c.nameEn : c.nameKo, url: `/categories/${c.slug}` })),
    brands: l.brands,
    phones: callable ? l.phones.map((p) => phoneVM(p, lang, t)) : [],
    offers: l.offers.map((o) => ({ name: o.name, price: priceText(o, lang, t), note: o.priceNote })),
    branches: l.branches.map((b) => {
      const address = formatRoadAddress(b);
      return {
        id: b.id,
        name: b.name,
        address,
        maps: address ? mapLinks(address) : null,
        phones: callable ? b.phones.map((p) => phoneVM(p, lang, t)) : [],
        openNow: callable ? openLine(b, now, t, overrides) : null,
        hours: b.hours.length ? hoursRows(b, t) : [],
        hoursNote: b.hoursNote,
      };
    }),
    accounts: l.paymentAccounts.map((a) => ({ bank: a.bank, holder: a.holder, number: a.number })),
    website: l.website && /^https?:\/\//i.test(l.website) ? l.website : null,
    logo: l.media.filter((m) => m.role === 'logo').map((m) => imageVM(m, l.name))[0] ?? null,
    photos: l.media.filter((m) => m.role === 'photo').map((m) => imageVM(m, l.name)),
    links: {
      qr: `/listings/${l.id}/qr.svg`,
      vcard: `/listings/${l.id}/contact.vcf`,
      report: `/listings/${l.id}/report`,
      save: `/listings/${l.id}/save`,
      claim: `/listings/${l.id}/claim`,
    },
    actions: actionBarVM(l),
    lastConfirmed: l.kind === 'business' && l.lastConfirmedAt ? l.lastConfirmedAt.toISOString().slice(0, 10) : null,
    isStale: isStale(l, now, staleAfterDays),
  };
}

/**
 * The action bar at the top of a listing (전화 · 길찾기 · 저장 · 공유): the main number (a listing-level one, else the first
 * branch's), directions (the map for one address, the branch list for several), save and share (plain links first).
 */
function actionBarVM(l: ListingGraph) {
  const dialable = (p: PhoneRow) => telHref(p) !== null;
  const main = l.phones.find(dialable) ?? l.branches.flatMap((b) => b.phones).find(dialable) ?? null;
  const addresses = l.branches.map((b) => formatRoadAddress(b)).filter((a): a is string => Boolean(a));
  return {
    call: main && !l.outOfBusinessAt ? { href: telHref(main)!, phoneId: main.id, display: main.display } : null,
    directions:
      addresses.length === 1
        ? { href: mapLinks(addresses[0]).kakao, external: true }
        : addresses.length > 1
          ? { href: '#branches', external: false }
          : null,
  };
}

function imageVM(m: ListingGraph['media'][number], name: string) {
  const big = m.variants.find((v) => v.name === '1600') ?? m.variants[0];
  const small = m.variants.find((v) => v.name === '480') ?? big;
  return {
    src: mediaUrl(small.file), srcset: m.variants.map((v) => `${mediaUrl(v.file)} ${v.width}w`).join(', '),
    width: small.width, height: small.height, alt: m.altText || name, large: mediaUrl(big.file),
  };
}
