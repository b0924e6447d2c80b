/**
 * One row of an ad-desk import, as cells (the CSV columns), and its way to a listing draft: the cells become the
 * advertiser form's values and go through the same validation (validateListingForm), so a row is accepted exactly
 * when the form would accept it. Errors come back per column, as message keys.
 */
import { formatRoadAddress } from '../../lib/korean-address.js';
import { validateListingForm, type FormValues, type ListingDraft, type ParsedAd } from '../submissions/index.js';
import type { ListingGraph } from '../listings/index.js';
import { joinList, splitList } from './desk-csv.js';
import { matchCategory, type MatchableCategory } from './category-match.js';

export const DESK_COLUMNS = [
  'name',
  'kind',
  'category',
  'phones',
  'branches',
  'offers',
  'account',
  'description',
  'website',
  'business_number',
] as const;
export type DeskColumn = (typeof DESK_COLUMNS)[number];
export type DeskCells = Record<DeskColumn, string>;
export type RowErrors = Partial<Record<DeskColumn, string>>;

/** Korean headers a desk may type instead of the English ones. */
const HEADER_ALIASES: Record<string, DeskColumn> = {
  상호: 'name', 이름: 'name', 종류: 'kind', 분류: 'category', 업종: 'category', 전화: 'phones', 전화번호: 'phones', 지점: 'branches',
  상품: 'offers', 가격: 'offers', 계좌: 'account', 소개: 'description', 설명: 'description', 웹사이트: 'website', 홈페이지: 'website',
  사업자등록번호: 'business_number', 사업자번호: 'business_number', business_no: 'business_number', business_reg_no: 'business_number',
};
export function columnOfHeader(header: string): DeskColumn | null {
  const h = header.replace(/^\uFEFF/, '').trim().toLowerCase();
  return (DESK_COLUMNS as readonly string[]).includes(h) ? (h as DeskColumn) : HEADER_ALIASES[h] ?? null;
}

/** Lists inside a cell are capped like the form's (20 phones, 20 branches, 50 offers, 5 accounts, 3 categories). */
const CAPS = { category: 3, phones: 20, branches: 20, branchPhones: 10, offers: 50, account: 5 } as const;
const CELL_MAX = 10_000;

export const emptyCells = (): DeskCells => Object.fromEntries(DESK_COLUMNS.map((c) => [c, ''])) as DeskCells;

/** A spreadsheet-safe export puts an apostrophe before a formula-like cell; it is taken off again here. */
const cleanCell = (v: string) => v.replace(/^'(?=[=+\-@\t\r])/, '').slice(0, CELL_MAX + 1);

export function cellsFromRecord(record: string[], columns: Array<DeskColumn | null>): DeskCells {
  const cells = emptyCells();
  columns.forEach((col, i) => {
    if (col) cells[col] = cleanCell(record[i] ?? '');
  });
  return cells;
}

export type CategoryLookup = MatchableCategory;

/** How the typed categories were read: near misses to confirm, and for one that matches nothing, the closest of ours. */
export interface CategoryReading { near: Array<{ typed: string; id: number }>; unknown: { typed: string; suggestions: number[] } | null }

const KINDS: Record<string, 'business' | 'classified'> = {
  '': 'business', business: 'business', 업체: 'business', 사업체: 'business', 상가: 'business',
  classified: 'classified', 생활광고: 'classified', 개인: 'classified', 중고: 'classified',
};

/** A kind cell as the import reads it (English or Korean words), or null when it names no kind. */
export const deskKind = (cell: string): 'business' | 'classified' | null => KINDS[cell.trim().toLowerCase()] ?? null;

const list = splitList;
const nonBlank = (xs: string[]) => xs.filter((x) => x !== '');

function phoneValue(raw: string) {
  const fax = raw.match(/^(?:팩스|fax)\s*[:.]?\s*(.*)$/i);
  return { number: fax ? fax[1] : raw, label: '', type: fax ? 'fax' : '' };
}

/** Field paths of the form's errors → the CSV column they come from. */
function columnOfPath(path: string): DeskColumn {
  const head = path.split('.')[0];
  const map: Record<string, DeskColumn> = {
    name: 'name',
    nameLatin: 'name',
    legalName: 'name',
    kind: 'kind',
    categoryIds: 'category',
    phones: 'phones',
    branches: 'branches',
    branchPhones: 'branches',
    offers: 'offers',
    accounts: 'account',
    description: 'description',
    website: 'website',
    businessRegNo: 'business_number',
  };
  return map[head] ?? 'name';
}

/**
 * Validates one row with the advertiser form's rules for a listing sent to publication (a category and a way to
 * call are required). `categories` are all categories, looked up by slug, Korean or English name.
 */
export function validateDeskRow(
  cells: DeskCells,
  categories: CategoryLookup[],
): { draft: ListingDraft | null; errors: RowErrors; categories: CategoryReading } {
  const errors: RowErrors = {};
  const kind = KINDS[cells.kind.trim().toLowerCase()];
  if (!kind) errors.kind = 'desk.error.kind';
  const catNames = nonBlank(list(cells.category, ';'));
  const categoryIds: string[] = [];
  const reading: CategoryReading = { near: [], unknown: null };
  for (const name of catNames) {
    const m = matchCategory(name, categories);
    if (m.kind === 'none') {
      errors.category ??= 'desk.error.category';
      reading.unknown ??= { typed: name, suggestions: m.suggestions.map((c) => c.id) };
      continue;
    }
    if (m.kind === 'near') reading.near.push({ typed: name, id: m.category.id });
    categoryIds.push(String(m.category.id));
  }
  const phones = nonBlank(list(cells.phones, ';')).map(phoneValue);
  const branches = nonBlank(list(cells.branches, ';')).map((b) => {
    const [name = '', address = '', phoneCell = ''] = list(b, '|');
    const bPhones = nonBlank(list(phoneCell, ',')).map(phoneValue);
    if (bPhones.length > CAPS.branchPhones) errors.branches ??= 'submission.error.tooMany';
    return {
      name,
      address,
      detail: '',
      lat: '',
      lng: '',
      hours: [] as FormValues['branches'][number]['hours'],
      phones: bPhones.slice(0, CAPS.branchPhones),
    };
  });
  const offers = nonBlank(list(cells.offers, ';')).map((o) => {
    const [name = '', price = '', note = ''] = list(o, '|');
    return { name, price, note };
  });
  const accounts = nonBlank(list(cells.account, ';')).map((a) => {
    const [bank = '', holder = '', number = ''] = list(a, '|');
    return { bank, holder, number };
  });
  const counts = {
    category: catNames.length,
    phones: phones.length,
    branches: branches.length,
    offers: offers.length,
    account: accounts.length,
  } as const;
  for (const [col, n] of Object.entries(counts) as Array<[keyof typeof counts, number]>)
    if (n > CAPS[col]) errors[col] ??= 'submission.error.tooMany';
  const values: FormValues = {
    kind: kind ?? 'business',
    name: cells.name,
    nameLatin: '',
    legalName: '',
    description: cells.description,
    serviceArea: '',
    deliveryNote: '',
    website: cells.website,
    businessRegNo: cells.business_number,
    categoryIds: categoryIds.slice(0, CAPS.category),
    phones: phones.slice(0, CAPS.phones),
    branches: branches.slice(0, CAPS.branches),
    offers: offers.slice(0, CAPS.offers),
    accounts: accounts.slice(0, CAPS.account),
    media: [],
    newPhotoAlts: [],
    logoAlt: '',
  };
  const known = new Set(categories.map((c) => c.id));
  const { draft, errors: formErrors } = validateListingForm(values, { submit: true, knownCategoryIds: known });
  for (const [path, key] of Object.entries(formErrors)) {
    const col = columnOfPath(path);
    // "a category is required" is the clearer message when the typed category was simply not found
    if (!(col === 'category' && errors.category)) errors[col] ??= key;
  }
  return Object.keys(errors).length ? { draft: null, errors, categories: reading } : { draft, errors, categories: reading };
}

const phoneCell = (p: { display: string; type: string; extension?: string | null }) =>
  `${p.type === 'fax' ? '팩스 ' : ''}${p.display}${p.extension ? ` 내선 ${p.extension}` : ''}`;

function priceCell(o: { priceKrw: number | null; priceStyle: 'full' | 'man' }): string {
  if (o.priceKrw === null) return '';
  return o.priceStyle === 'man' && o.priceKrw % 10_000 === 0 ? `${o.priceKrw / 10_000}만원` : String(o.priceKrw);
}

const joinLevel = joinList;
const trimTail = (xs: string[]) => {
  const out = [...xs];
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
};
interface GraphCellsSource {
  categories: string[];
  phones: Array<{ display: string; type: string; extension?: string | null }>;
  branches: Array<{ name: string | null; address: string; phones: Array<{ display: string; type: string; extension?: string | null }> }>;
  offers: Array<{ name: string; priceKrw: number | null; priceStyle: 'full' | 'man'; priceNote?: string | null }>;
  accounts: Array<{ bank: string; holder: string; number: string }>;
}
function listCells(g: GraphCellsSource): Pick<DeskCells, 'category' | 'phones' | 'branches' | 'offers' | 'account'> {
  return {
    category: joinLevel(g.categories, ';'),
    phones: joinLevel(g.phones.map(phoneCell), ';'),
    branches: joinLevel(
      g.branches.map((b) => joinLevel(trimTail([b.name ?? '', b.address, joinLevel(b.phones.map(phoneCell), ',')]), '|')),
      ';',
    ),
    offers: joinLevel(
      g.offers.map((o) => joinLevel(trimTail([o.name, priceCell(o), o.priceNote ?? '']), '|')),
      ';',
    ),
    account: joinLevel(
      g.accounts.map((a) => joinLevel([a.bank, a.holder, a.number], '|')),
      ';',
    ),
  };
}

/** A stored listing as import cells (the export; importing them again gives the same cells). */
export function cellsFromGraph(g: ListingGraph): DeskCells {
  return {
    name: g.name,
    kind: g.kind,
    ...listCells({
      categories: g.categories.map((c) => c.slug), phones: g.phones, offers: g.offers, accounts: g.paymentAccounts,
      branches: g.branches.map((b) => ({ name: b.name ?? null, address: formatRoadAddress(b), phones: b.phones })),
    }),
    description: g.description,
    website: g.website ?? '',
    business_number: g.businessRegNo ?? '',
  };
}

/**
 * A print ad as the parser read it, as import cells, with the columns the parser was unsure of: no name or a
 * very long one, no or several categories, no phone, an address it could not split, an offer without a price.
 */
export function cellsFromParsedAd(ad: ParsedAd): { cells: DeskCells; unsure: DeskColumn[] } {
  const cells: DeskCells = {
    name: ad.name,
    // the parser's own reading of the ad (a 구인, 전세 or 중고 ad is a classified), not a default
    kind: ad.kind === 'classified' ? 'classified' : 'business',
    ...listCells({
      categories: ad.categories.map((c) => c.name), phones: ad.phones, accounts: ad.paymentAccounts,
      offers: ad.offers.map((o) => ({ ...o, priceNote: null })),
      branches: ad.branches.map((b) => ({ name: b.name, address: b.addressPrinted, phones: b.phones })),
    }),
    description: ad.description,
    website: '',
    business_number: '',
  };
  const unsure: DeskColumn[] = [];
  // Newer parsers also say when the name's bounds were a guess and how sure the category is; older ones do not.
  const read = ad as ParsedAd & { nameUnsure?: boolean; category?: { confidence?: string } | null };
  if (!ad.name || ad.name.length > 30 || read.nameUnsure === true) unsure.push('name');
  if (ad.categories.length !== 1 || (read.category?.confidence !== undefined && read.category.confidence !== 'high'))
    unsure.push('category');
  if (ad.phones.length === 0 && !ad.branches.some((b) => b.phones.length)) unsure.push('phones');
  if (ad.branches.some((b) => !b.address.road || !b.address.buildingNo)) unsure.push('branches');
  if (ad.offers.some((o) => o.priceKrw === null)) unsure.push('offers');
  return { cells, unsure };
}
