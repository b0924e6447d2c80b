/** Rows → exactly what the listing templates print. Prices, phones, addresses are formatted here, never in views. */
import type { Lang } from '../../web/i18n.js';
import { formatWon, formatWonKorean } from '../../lib/money.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import { telHref } from '../phones/index.js';
import type { ListingGraph, PhoneRow } from './listing-graph.js';
import type { ListingCard } from './listings.repository.js';
import type { Category } from './categories.repository.js';

export function listingPath(l: { id: number; slug: string }): string {
  return `/listings/${l.id}-${encodeURIComponent(l.slug)}`;
}

export interface PhoneVM { id: number; href: string | null; display: string; label: string; type: string }

export function phoneVM(p: PhoneRow, lang: Lang, t: (k: string) => string): PhoneVM {
  const defaultLabel = t(`phone.type.${p.type}`);
  return { id: p.id, href: telHref(p), display: p.extension ? `${p.display} (${t('phone.extension')} ${p.extension})` : p.display, label: p.label || defaultLabel, type: p.type };
}

export function cardVM(c: ListingCard, lang: Lang) {
  const excerpt = (c.tagline || c.description).replace(/\s+/g, ' ').trim();
  return {
    id: c.id,
    name: c.name,
    url: listingPath(c),
    category: lang === 'en' ? c.categoryNameEn : c.categoryNameKo,
    district: c.sigungu,
    // Cut the plain text first; the template escapes it.
    excerpt: excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt,
  };
}

export function categoryVM(c: Category, lang: Lang, count: number) {
  return { slug: c.slug, name: lang === 'en' ? c.nameEn : c.nameKo, url: `/categories/${c.slug}`, count };
}

export function priceText(o: { priceKrw: number | null; priceStyle: 'full' | 'man' }, lang: Lang, t: (k: string) => string): string {
  if (o.priceKrw === null) return t('offer.priceOnRequest');
  return lang === 'ko' && o.priceStyle === 'man' ? formatWonKorean(o.priceKrw) : formatWon(o.priceKrw, lang);
}

export function mapLinks(address: string) {
  const q = encodeURIComponent(address);
  return { kakao: `https://map.kakao.com/link/search/${q}`, naver: `https://map.naver.com/p/search/${q}` };
}

export function listingDetailVM(l: ListingGraph, lang: Lang, t: (k: string) => string) {
  return {
    id: l.id,
    name: l.name,
    nameLatin: l.nameLatin,
    legalName: l.legalName,
    tagline: l.tagline,
    description: l.description,
    status: l.status,
    serviceArea: l.serviceArea,
    deliveryNote: l.deliveryNote,
    categories: l.categories.map((c) => ({ name: lang === 'en' ? c.nameEn : c.nameKo, url: `/categories/${c.slug}` })),
    brands: l.brands,
    phones: l.phones.map((p) => phoneVM(p, lang, t)),
    offers: l.offers.map((o) => ({ name: o.name, price: priceText(o, lang, t), note: o.priceNote })),
    branches: l.branches.map((b) => {
      const address = formatRoadAddress(b);
      return { id: b.id, name: b.name, address, maps: address ? mapLinks(address) : null, phones: b.phones.map((p) => phoneVM(p, lang, t)) };
    }),
    accounts: l.paymentAccounts.map((a) => ({ bank: a.bank, holder: a.holder, number: a.number })),
    website: l.website && /^https?:\/\//i.test(l.website) ? l.website : null,
  };
}
