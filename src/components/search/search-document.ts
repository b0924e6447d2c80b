/** A listing → the token text of its search document (fields weighted name ≫ keywords > body). */
import type { ListingGraph } from '../listings/index.js';
import { categoryToken, kindToken, choseongTokens, districtToken, joinTokens, normaliseText, phoneTokens, textTokens } from './search-tokens.js';

export interface CategoryText { id: number; parentId: number | null; nameKo: string; nameEn: string; synonyms: string[] }

export interface SearchDocument {
  listingId: number;
  nameT: string;
  keywordsT: string;
  bodyT: string;
  choseongT: string;
  phonesT: string;
  facetsT: string;
  /** Lower-cased text without spaces, for "true substring" ranking. */
  haystack: string;
  nameNorm: string;
  districts: string;
  categoryId: number | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  featuredUntil: Date | null;
}

export function buildSearchDocument(l: ListingGraph, categories: Map<number, CategoryText>): SearchDocument {
  const cats = l.categories.flatMap((c) => {
    const own = categories.get(c.id);
    const parent = own?.parentId ? categories.get(own.parentId) : undefined;
    return [own, parent].filter((x): x is CategoryText => Boolean(x));
  });
  const categoryText = cats.map((c) => `${c.nameKo} ${c.nameEn} ${c.synonyms.join(' ')}`).join(' ');
  const offersText = l.offers.map((o) => `${o.name} ${o.priceNote ?? ''} ${o.priceKrw ?? ''}`).join(' ');
  const names = [l.name, l.nameLatin, l.legalName].filter(Boolean).join(' ');
  const branchText = l.branches.map((b) => [b.name, b.sido, b.sigungu, b.roadName, b.buildingNo, b.detail].filter(Boolean).join(' ')).join(' ');
  const phones = [...l.phones, ...l.branches.flatMap((b) => b.phones)];
  const districts = [...new Set(l.branches.filter((b) => !b.sido || b.sido === '광주광역시').map((b) => b.sigungu).filter((s): s is string => Boolean(s)))];

  const keywords = `${offersText} ${categoryText} ${l.brands.join(' ')} ${l.tags.join(' ')} ${l.tagline ?? ''} ${branchText}`;
  const body = `${l.description} ${l.serviceArea ?? ''} ${l.deliveryNote ?? ''}`;
  return {
    listingId: l.id,
    nameT: joinTokens(textTokens(names)),
    keywordsT: joinTokens(textTokens(keywords)),
    bodyT: joinTokens(textTokens(body)),
    choseongT: joinTokens(choseongTokens(`${names} ${l.offers.map((o) => o.name).join(' ')} ${cats.map((c) => c.nameKo).join(' ')} ${branchText}`)),
    phonesT: joinTokens(phones.flatMap((p) => phoneTokens(p.nationalDigits))),
    facetsT: joinTokens([...districts.map(districtToken), ...cats.map((c) => categoryToken(c.id)), kindToken(l.kind)]),
    haystack: normaliseText(`${names} ${offersText} ${categoryText} ${l.brands.join(' ')} ${branchText} ${body}`).replace(/\s+/g, ''),
    nameNorm: normaliseText(names).replace(/\s+/g, ''),
    districts: districts.join(' '),
    categoryId: l.categories[0]?.id ?? null,
    publishedAt: l.publishedAt,
    expiresAt: l.expiresAt,
    featuredUntil: l.featuredUntil,
  };
}
