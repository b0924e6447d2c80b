/** SQL for the advertiser's own listings, their status changes and pending revisions. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import { slugify } from '../../lib/slug.js';
import { mapListingRow, type ListingRow } from '../listings/index.js';
import type { ListingDraft } from './listing-form.js';

type Row = Record<string, unknown>;

/** The listing row with its owner's role (the desk manages listings a desk account imported). */
export async function findListingRow(db: Knex, id: number): Promise<(ListingRow & { ownerRole: string | null }) | null> {
  const row = (await db('listings as l').leftJoin('users as u', 'u.id', 'l.owner_id').where('l.id', id)
    .first('l.*', 'u.role as owner_role')) as Row | undefined;
  return row ? { ...mapListingRow(row), ownerRole: (row.owner_role as string | null) ?? null } : null;
}

export async function listOwnerListings(db: Knex, ownerId: number): Promise<ListingRow[]> {
  const rows = (await db('listings')
    .where({ owner_id: ownerId })
    .whereNull('deleted_at')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)) as Row[];
  return rows.map(mapListingRow);
}

/** The listing's own columns as a draft sets them (never status, owner, featured or counters). */
function draftColumns(d: ListingDraft): Row {
  return {
    kind: d.kind,
    name: d.name,
    slug: slugify(d.name),
    name_latin: d.nameLatin ?? null,
    legal_name: d.legalName ?? null,
    description: d.description,
    service_area: d.serviceArea ?? null,
    delivery_note: d.deliveryNote ?? null,
    website: d.website ?? null,
    business_reg_no: d.businessRegNo ?? null,
    brands: (d.brands ?? []).join(' '),
    primary_category_id: d.categoryIds[0] ?? null,
  };
}

/** Of the draft's columns, those that differ from the stored row (a save writes only these). */
export function changedListingColumns(current: ListingRow, d: ListingDraft): Row {
  const stored: Row = {
    kind: current.kind, name: current.name, slug: current.slug, name_latin: current.nameLatin, legal_name: current.legalName,
    description: current.description, service_area: current.serviceArea, delivery_note: current.deliveryNote, website: current.website,
    business_reg_no: current.businessRegNo, brands: current.brands.join(' '), primary_category_id: current.primaryCategoryId,
  };
  return Object.fromEntries(Object.entries(draftColumns(d)).filter(([k, v]) => (v ?? null) !== (stored[k] ?? null)));
}

/** Confirms a business listing's information is still right. */
export async function confirmListing(trx: Knex.Transaction, id: number, now: Date): Promise<void> {
  await trx('listings').where({ id }).update({ last_confirmed_at: now, updated_at: now });
}

export interface RevisionRow { id: number; listingId: number; proposedBy: number | null; graph: unknown; status: string; createdAt: Date }
function mapRevision(r: Row): RevisionRow {
  return {
    id: toNumber(r.id), listingId: toNumber(r.listing_id), proposedBy: r.proposed_by === null ? null : toNumber(r.proposed_by),
    graph: JSON.parse(String(r.graph)), status: String(r.status), createdAt: toDate(r.created_at)!,
  };
}

/** Stores a proposed edit; an earlier pending proposal for the same listing is superseded. */
export async function insertRevision(
  trx: Knex.Transaction,
  listingId: number,
  proposedBy: number,
  graph: unknown,
  now: Date,
): Promise<number> {
  await trx('listing_revisions').where({ listing_id: listingId, status: 'pending' }).update({ status: 'superseded', decided_at: now });
  const [row] = await trx('listing_revisions')
    .insert({ listing_id: listingId, proposed_by: proposedBy, graph: JSON.stringify(graph), status: 'pending', created_at: now })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

export async function findRevision(db: Knex, id: number): Promise<RevisionRow | null> {
  const row = (await db('listing_revisions').where({ id }).first()) as Row | undefined;
  return row ? mapRevision(row) : null;
}

export async function findPendingRevision(db: Knex, listingId: number): Promise<RevisionRow | null> {
  const row = (await db('listing_revisions').where({ listing_id: listingId, status: 'pending' }).orderBy('id', 'desc').first()) as
    Row | undefined;
  return row ? mapRevision(row) : null;
}

export async function decideRevision(
  trx: Knex.Transaction,
  id: number,
  status: 'approved' | 'rejected',
  now: Date,
  decidedBy: number | null,
): Promise<void> {
  await trx('listing_revisions').where({ id }).update({ status, decided_at: now, decided_by: decidedBy });
}
