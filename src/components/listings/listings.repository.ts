/** SQL for listings and their children. Always with bindings; hands back numbers, booleans and Dates. */
import type { Knex } from 'knex';
import { insertedId, toBool, toDate, toNumber } from '../../db/index.js';
import type {
  BranchRow, CategoryRef, ListingGraph, ListingGraphInput, ListingRow, MediaRow, OfferRow, PaymentAccountRow, PhoneRow,
} from './listing-graph.js';
import { accountRows, branchRow, hoursRows, offerRows, phoneRows } from './listing-rows.js';

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const words = (v: unknown): string[] => String(v ?? '').split(/\s+/).filter(Boolean);

export function mapListingRow(r: Row): ListingRow {
  return {
    id: toNumber(r.id),
    kind: r.kind as ListingRow['kind'],
    status: r.status as ListingRow['status'],
    slug: String(r.slug),
    name: String(r.name),
    nameLatin: str(r.name_latin),
    legalName: str(r.legal_name),
    tagline: str(r.tagline),
    description: String(r.description ?? ''),
    serviceArea: str(r.service_area),
    deliveryNote: str(r.delivery_note),
    website: str(r.website),
    email: str(r.email),
    businessRegNo: str(r.business_reg_no),
    origin: r.origin === 'print_ad' || r.origin === 'verified' ? r.origin : null,
    brands: words(r.brands),
    tags: words(r.tags),
    ownerId: r.owner_id === null || r.owner_id === undefined ? null : toNumber(r.owner_id),
    primaryCategoryId: r.primary_category_id === null || r.primary_category_id === undefined ? null : toNumber(r.primary_category_id),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
    publishedAt: toDate(r.published_at),
    expiresAt: toDate(r.expires_at),
    featuredUntil: toDate(r.featured_until),
    lastConfirmedAt: toDate(r.last_confirmed_at),
    closedAt: toDate(r.closed_at),
    outOfBusinessAt: toDate(r.out_of_business_at),
    holidayRule: r.holiday_rule === 'public_holidays' || r.holiday_rule === 'lunar_days' ? r.holiday_rule : null,
    deletedAt: toDate(r.deleted_at),
    moderationNote: (r.moderation_note ?? null) === null ? null : String(r.moderation_note),
  };
}

function mapPhone(r: Row): PhoneRow {
  return {
    id: toNumber(r.id),
    branchId: r.branch_id === null || r.branch_id === undefined ? null : toNumber(r.branch_id),
    label: str(r.label),
    type: r.type as PhoneRow['type'],
    e164: String(r.e164),
    display: String(r.display),
    nationalDigits: String(r.national_digits),
    extension: str(r.extension),
  };
}

/** Writes the children of a listing (categories, phones, branches with hours and phones, offers, accounts). */
export async function insertListingChildren(trx: Knex.Transaction, listingId: number, input: ListingGraphInput, now: Date): Promise<void> {
  if (input.categoryIds.length) {
    await trx('listing_categories').insert([...new Set(input.categoryIds)].map((category_id) => ({ listing_id: listingId, category_id })));
  }
  const phones = phoneRows(listingId, null, input.phones);
  const hours = [];
  for (const [i, b] of input.branches.entries()) {
    const [row] = await trx('branches').insert({ ...branchRow(listingId, b, i), created_at: now }).returning('id');
    const branchId = insertedId(row);
    hours.push(...hoursRows(branchId, b));
    phones.push(...phoneRows(listingId, branchId, b.phones));
  }
  if (hours.length) await trx('branch_hours').insert(hours);
  if (phones.length) await trx('phones').insert(phones);
  const offers = offerRows(listingId, input);
  if (offers.length) await trx('offers').insert(offers);
  const accounts = accountRows(listingId, input);
  if (accounts.length) await trx('payment_accounts').insert(accounts);
}

/** Replaces every child row of a listing; the caller holds the transaction. */
export async function deleteListingChildren(trx: Knex.Transaction, listingId: number): Promise<void> {
  await trx('phones').where({ listing_id: listingId }).del();
  await trx('branches').where({ listing_id: listingId }).del();
  await trx('offers').where({ listing_id: listingId }).del();
  await trx('payment_accounts').where({ listing_id: listingId }).del();
  await trx('listing_categories').where({ listing_id: listingId }).del();
}

export async function findListingRow(db: Knex, id: number): Promise<ListingRow | null> {
  const row = await db('listings').where({ id }).first();
  return row ? mapListingRow(row) : null;
}

/** Only what decides whether a listing is public (status, expiry): what every counting beacon asks. */
export async function findVisibility(db: Knex, id: number): Promise<{ status: string; expiresAt: Date | null } | null> {
  const row = await db('listings').where({ id }).first('status', 'expires_at');
  return row ? { status: String(row.status), expiresAt: toDate(row.expires_at) } : null;
}

/** The whole listing with children, whatever its status (callers decide who may see it). */
export async function findListingGraph(db: Knex, id: number): Promise<ListingGraph | null> {
  return (await findListingGraphs(db, [id])).get(id) ?? null;
}

/** One connection cannot run queries concurrently (a transaction, or SQLite's single connection): run them in turn. */
async function inParallelUnlessTransaction(db: Knex, queries: Array<() => PromiseLike<unknown>>): Promise<unknown[]> {
  if ((db as Knex.Transaction).isTransaction) {
    const out: unknown[] = [];
    for (const q of queries) out.push(await q());
    return out;
  }
  return Promise.all(queries.map((q) => q()));
}

const byListing = <T extends Row>(rows: T[], key = 'listing_id') => {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = toNumber(r[key]);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** Many listings with their children in a fixed number of queries (pages, search indexing, exports). */
export async function findListingGraphs(db: Knex, ids: number[]): Promise<Map<number, ListingGraph>> {
  const out = new Map<number, ListingGraph>();
  if (ids.length === 0) return out;
  const rows = (await db('listings').whereIn('id', ids)) as Row[];
  if (rows.length === 0) return out;
  const [categories, phones, branches, hours, closures, offers, accounts, media] = (await inParallelUnlessTransaction(db, [
    () =>
      db('categories as c')
        .join('listing_categories as lc', 'lc.category_id', 'c.id')
        .whereIn('lc.listing_id', ids)
        .select('lc.listing_id', 'c.id', 'c.slug', 'c.name_ko', 'c.name_en', 'c.schema_type', 'c.parent_id')
        .orderBy('c.sort_order'),
    () => db('phones').whereIn('listing_id', ids).orderBy('sort_order').orderBy('id'),
    () => db('branches').whereIn('listing_id', ids).orderBy('sort_order').orderBy('id'),
    () =>
      db('branch_hours as h').join('branches as b', 'b.id', 'h.branch_id').whereIn('b.listing_id', ids).select('h.*').orderBy('h.weekday'),
    () =>
      db('branch_closures as bc')
        .join('branches as b', 'b.id', 'bc.branch_id')
        .whereIn('b.listing_id', ids)
        .select('bc.*')
        .orderBy('bc.day'),
    () => db('offers').whereIn('listing_id', ids).orderBy('sort_order').orderBy('id'),
    () => db('payment_accounts').whereIn('listing_id', ids).orderBy('sort_order').orderBy('id'),
    () => db('media').whereIn('listing_id', ids).orderBy('role').orderBy('sort_order').orderBy('id'),
  ])) as Row[][];
  const [catsBy, phonesBy, branchesBy, offersBy, accountsBy, mediaBy] = [categories, phones, branches, offers, accounts, media].map((r) =>
    byListing(r),
  );
  const hoursBy = byListing(hours, 'branch_id');
  const closuresBy = byListing(closures, 'branch_id');
  // Hours and closures are keyed by branch; a listing's are those of its branches.
  const ofBranches = (by: Map<number, Row[]>, bs: Row[]) => bs.flatMap((b) => by.get(toNumber(b.id)) ?? []);
  for (const r of rows) {
    const id = toNumber(r.id);
    const bs = branchesBy.get(id) ?? [];
    out.set(
      id,
      assembleGraph(r, {
        categories: catsBy.get(id) ?? [],
        phones: phonesBy.get(id) ?? [],
        branches: bs,
        hours: ofBranches(hoursBy, bs),
        closures: ofBranches(closuresBy, bs),
        offers: offersBy.get(id) ?? [],
        accounts: accountsBy.get(id) ?? [],
        media: mediaBy.get(id) ?? [],
      }),
    );
  }
  return out;
}

export interface GraphRows {
  categories: Row[];
  phones: Row[];
  branches: Row[];
  hours: Row[];
  closures: Row[];
  offers: Row[];
  accounts: Row[];
  media: Row[];
}

/** One listing's row and its child rows (snake_case, as stored, each list in display order) → the ListingGraph. */
export function assembleGraph(r: Row, c: GraphRows): ListingGraph {
  const listing = mapListingRow(r);
  const phoneRows = c.phones.map(mapPhone);
  const primary = listing.primaryCategoryId;
  const hoursBy = byListing(c.hours, 'branch_id');
  const closuresBy = byListing(c.closures, 'branch_id');
  const nullable = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));
  const categoryRefs: CategoryRef[] = c.categories
    .map((k) => ({
      id: toNumber(k.id),
      slug: String(k.slug),
      nameKo: String(k.name_ko),
      nameEn: String(k.name_en),
      schemaType: String(k.schema_type),
      parentId: nullable(k.parent_id),
    }))
    .sort((a, b) => (a.id === primary ? -1 : b.id === primary ? 1 : 0));
  const branchRows: BranchRow[] = c.branches.map((b) => {
    const branchId = toNumber(b.id);
    return {
      id: branchId,
      name: str(b.name),
      sido: str(b.sido),
      sigungu: str(b.sigungu),
      roadName: str(b.road_name),
      buildingNo: str(b.building_no),
      detail: str(b.address_detail),
      postalCode: str(b.postal_code),
      lat: nullable(b.lat),
      lng: nullable(b.lng),
      hoursNote: str(b.hours_note),
      hours: (hoursBy.get(branchId) ?? []).map((h) => ({
        branchId,
        weekday: toNumber(h.weekday),
        isClosed: toBool(h.is_closed),
        opensAt: str(h.opens_at),
        closesAt: str(h.closes_at),
        breakStart: str(h.break_start),
        breakEnd: str(h.break_end),
      })),
      closures: (closuresBy.get(branchId) ?? []).map((k) => ({ day: String(k.day), note: str(k.note) })),
      phones: phoneRows.filter((p) => p.branchId === branchId),
    };
  });
  return {
    ...listing,
    categories: categoryRefs,
    phones: phoneRows.filter((p) => p.branchId === null),
    branches: branchRows,
    offers: c.offers.map((o): OfferRow => ({
      id: toNumber(o.id),
      name: String(o.name),
      priceKrw: nullable(o.price_krw),
      priceStyle: o.price_style === 'man' ? 'man' : 'full',
      priceNote: str(o.price_note),
    })),
    paymentAccounts: c.accounts.map((a): PaymentAccountRow => ({
      id: toNumber(a.id),
      bank: String(a.bank),
      holder: String(a.holder),
      number: String(a.number),
    })),
    media: c.media.map((m): MediaRow => ({
      id: toNumber(m.id),
      role: m.role === 'logo' ? 'logo' : 'photo',
      storageKey: String(m.storage_key),
      variants: JSON.parse(String(m.variants)),
      width: toNumber(m.width),
      height: toNumber(m.height),
      altText: str(m.alt_text),
    })),
  };
}
