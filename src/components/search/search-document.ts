/** A listing → the token text of its search document (fields weighted name ≫ keywords > body). */
import type { ListingGraph } from '../listings/index.js';
import { nameReadings } from './search-readings.js';
import {
  categoryToken,
  kindToken,
  choseongTokens,
  choseongWords,
  districtToken,
  joinTokens,
  normaliseText,
  phoneTokens,
  textTokens,
} from './search-tokens.js';

export interface CategoryText { id: number; parentId: number | null; nameKo: string; nameEn: string; synonyms: string[] }

export interface SearchDocument {
  listingId: number;
  nameT: string;
  keywordsT: string;
  bodyT: string;
  choseongT: string;
  phonesT: string;
  facetsT: string;
  /**
   * Lower-cased text without spaces, for "true substring" ranking, in sections: names (with their other spellings) |
   * own words (brands, tags, tagline) | offers | branch places | description | own categories | parent categories.
   */
  haystack: string;
  /** 1-based character positions where the sections of `haystack` after the names start, in that order. */
  tradeAt: number;
  kwAt: number;
  placeAt: number;
  bodyAt: number;
  categoryAt: number;
  moreAt: number;
  /** 초성 of each word of the names and own categories, space-wrapped (see choseongWords). */
  choseongWords: string;
  /** Completeness (a point each: phone, where, hours, photo, priced offer) + ORIGIN_POINTS for a print-ad or verified origin. */
  quality: number;
  /** A business listing's last confirmation (its creation when never confirmed), for the stale penalty; null for classifieds. */
  confirmedAt: Date | null;
  nameNorm: string;
  districts: string;
  categoryId: number | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  featuredUntil: Date | null;
}

/** Points for a listing from the paper's print edition or checked by a moderator (see the README's ranking formula). */
export const ORIGIN_POINTS = 2;

/**
 * Static part of a listing's quality: what it tells a customer — a phone; where (a road address, or the area a
 * delivery-only shop serves); opening hours; a photo; an offer with a price — and whether its origin is vouched for.
 */
export function staticQuality(l: ListingGraph): number {
  const branchPhones = l.branches.some((b) => b.phones.length > 0);
  const facts = [
    l.phones.length > 0 || branchPhones,
    l.branches.some((b) => Boolean(b.roadName)) || Boolean(l.serviceArea),
    l.branches.some((b) => b.hours.length > 0),
    l.media.length > 0,
    l.offers.some((o) => o.priceKrw !== null),
  ];
  return facts.filter(Boolean).length + (l.origin === 'print_ad' || l.origin === 'verified' ? ORIGIN_POINTS : 0);
}

const squeeze = (text: string) => normaliseText(text).replace(/\s+/g, '');
/** Separates the haystack's sections: never part of a needle (needles are letters and digits). */
const SECTION = '|';

export function buildSearchDocument(l: ListingGraph, categories: Map<number, CategoryText>): SearchDocument {
  const ownCats = l.categories.map((c) => categories.get(c.id)).filter((x): x is CategoryText => Boolean(x));
  const parents = ownCats
    .map((c) => (c.parentId ? categories.get(c.parentId) : undefined))
    .filter((x): x is CategoryText => Boolean(x) && !ownCats.includes(x!));
  const cats = [...ownCats, ...parents];
  const textOf = (list: CategoryText[]) => list.map((c) => `${c.nameKo} ${c.nameEn} ${c.synonyms.join(' ')}`).join(' ');
  const categoryText = textOf(cats);
  const offersText = l.offers.map((o) => `${o.name} ${o.priceNote ?? ''} ${o.priceKrw ?? ''}`).join(' ');
  const names = [l.name, l.nameLatin, l.legalName].filter(Boolean).join(' ');
  const branchText = l.branches
    .map((b) => [b.name, b.sido, b.sigungu, b.roadName, b.buildingNo, b.detail].filter(Boolean).join(' '))
    .join(' ');
  const phones = [...l.phones, ...l.branches.flatMap((b) => b.phones)];
  const districts = [
    ...new Set(
      l.branches
        .filter((b) => !b.sido || b.sido === '광주광역시')
        .map((b) => b.sigungu)
        .filter((s): s is string => Boolean(s)),
    ),
  ];

  const own = `${l.brands.join(' ')} ${l.tags.join(' ')} ${l.tagline ?? ''}`;
  const keywords = `${offersText} ${categoryText} ${own} ${branchText}`;
  const body = `${l.description} ${l.serviceArea ?? ''} ${l.deliveryNote ?? ''}`;
  // Other spellings of the names (LG전자 → 엘지전자, 씨유 → cu): part of the names for matching and ranking alike.
  const spelled = [names, ...[l.name, l.nameLatin, l.legalName].flatMap((n) => (n ? nameReadings(n) : []))].join(' ');
  // Sections, best field first: a word's first occurrence tells where it matched (dialects/ranking-facts.ts). A
  // parent category (음식·카페 for a restaurant) only describes the listing: the last section.
  const sections = [spelled, own, offersText, branchText, body, textOf(ownCats), textOf(parents)].map(squeeze);
  const starts: number[] = [];
  let at = 1;
  for (const part of sections) {
    starts.push(at);
    at += [...part].length + 1;
  }
  return {
    listingId: l.id,
    nameT: joinTokens(textTokens(spelled)),
    keywordsT: joinTokens(textTokens(keywords)),
    bodyT: joinTokens(textTokens(body)),
    choseongT: joinTokens(
      choseongTokens(`${names} ${l.offers.map((o) => o.name).join(' ')} ${cats.map((c) => c.nameKo).join(' ')} ${branchText}`),
    ),
    phonesT: joinTokens(phones.flatMap((p) => phoneTokens(p.nationalDigits))),
    facetsT: joinTokens([...districts.map(districtToken), ...cats.map((c) => categoryToken(c.id)), kindToken(l.kind)]),
    haystack: sections.join(SECTION),
    tradeAt: starts[1],
    kwAt: starts[2],
    placeAt: starts[3],
    bodyAt: starts[4],
    categoryAt: starts[5],
    moreAt: starts[6],
    choseongWords: choseongWords(`${names} ${ownCats.map((c) => c.nameKo).join(' ')}`),
    quality: staticQuality(l),
    // A trigger on listings keeps this in step when only last_confirmed_at changes (migration 20261207150000).
    confirmedAt: l.kind === 'business' ? (l.lastConfirmedAt ?? l.createdAt) : null,
    nameNorm: squeeze(names),
    districts: districts.join(' '),
    categoryId: l.categories[0]?.id ?? null,
    publishedAt: l.publishedAt,
    expiresAt: l.expiresAt,
    featuredUntil: l.featuredUntil,
  };
}
