/** SQL of the ad desk: staged imports, duplicates, batches and their listings, export selection. Always with bindings. */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import { contentOnly } from '../listings/index.js';
import type { DeskCells, DeskColumn } from './desk-rows.js';

type Row = Record<string, unknown>;

/** A staged row: the cells as typed or parsed, the columns the parser was unsure of, and the desk's choices. */
export interface StagedRow {
  line: number;
  cells: DeskCells;
  unsure: DeskColumn[];
  dropped: boolean;
  /** What to do when the row is already on Golmok: skip it (default) or merge it into the existing listing. */
  duplicate: 'skip' | 'merge';
}
export interface DeskDraft {
  id: number;
  actorId: number;
  source: 'paste' | 'csv';
  sourceHash: string;
  rows: StagedRow[];
  createdAt: Date;
  version: string;
}

export async function insertDraft(db: Knex, d: Omit<DeskDraft, 'id' | 'createdAt' | 'version'>, now: Date): Promise<number> {
  const [row] = await db('desk_drafts')
    .insert({
      actor_id: d.actorId,
      source: d.source,
      source_hash: d.sourceHash,
      rows_json: JSON.stringify(d.rows),
      created_at: now,
      updated_at: now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' && row !== null ? (row as Row).id : row);
}

export async function findDraft(db: Knex, id: number, actorId: number): Promise<DeskDraft | null> {
  const r = (await db('desk_drafts').where({ id, actor_id: actorId }).first()) as Row | undefined;
  if (!r) return null;
  return {
    id: toNumber(r.id), actorId: toNumber(r.actor_id), source: r.source === 'csv' ? 'csv' : 'paste', sourceHash: String(r.source_hash),
    rows: JSON.parse(String(r.rows_json)) as StagedRow[], createdAt: toDate(r.created_at)!,
    version: crypto.createHash('sha1').update(String(r.rows_json)).digest('hex'),
  };
}

export async function updateDraftRows(db: Knex, id: number, rows: StagedRow[], now: Date): Promise<void> {
  await db('desk_drafts').where({ id }).update({ rows_json: JSON.stringify(rows), updated_at: now });
}

export async function deleteDraft(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('desk_drafts').where({ id }).del();
}

/** Drafts older than the cutoff are dropped (a staged import is kept a day). */
export async function deleteDraftsBefore(db: Knex, cutoff: Date): Promise<void> {
  await db('desk_drafts').where('updated_at', '<', cutoff).del();
}

export interface ListingRef { id: number; slug: string; name: string }

const CHUNK = 500;
function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/** Listings (not removed) that already carry one of the phones (E.164) or business numbers. */
export async function findExisting(
  db: Knex,
  e164s: string[],
  regNos: string[],
): Promise<{ byPhone: Map<string, ListingRef>; byRegNo: Map<string, ListingRef> }> {
  const byPhone = new Map<string, ListingRef>();
  const byRegNo = new Map<string, ListingRef>();
  const ref = (r: Row): ListingRef => ({ id: toNumber(r.id), slug: String(r.slug), name: String(r.name) });
  for (const part of chunks([...new Set(e164s)])) {
    const rows = (await db('phones as p')
      .join('listings as l', 'l.id', 'p.listing_id')
      .whereIn('p.e164', part)
      .whereNot('l.status', 'removed')
      .select('p.e164', 'l.id', 'l.slug', 'l.name')
      .orderBy('l.id')) as Row[];
    for (const r of rows) if (!byPhone.has(String(r.e164))) byPhone.set(String(r.e164), ref(r));
  }
  for (const part of chunks([...new Set(regNos)])) {
    const rows = (await db('listings')
      .whereIn('business_reg_no', part)
      .whereNot('status', 'removed')
      .select('business_reg_no', 'id', 'slug', 'name')
      .orderBy('id')) as Row[];
    for (const r of rows) if (!byRegNo.has(String(r.business_reg_no))) byRegNo.set(String(r.business_reg_no), ref(r));
  }
  return { byPhone, byRegNo };
}

export interface BatchRow {
  id: number; actorId: number | null; actorEmail: string | null; source: string; sourceHash: string;
  createdCount: number; mergedCount: number; skippedCount: number; createdAt: Date; undoneAt: Date | null;
}
const mapBatch = (r: Row): BatchRow => ({
  id: toNumber(r.id),
  actorId: (r.actor_id ?? null) === null ? null : toNumber(r.actor_id),
  actorEmail: (r.actor_email ?? null) === null ? null : String(r.actor_email),
  source: String(r.source),
  sourceHash: String(r.source_hash),
  createdCount: toNumber(r.created_count),
  mergedCount: toNumber(r.merged_count),
  skippedCount: toNumber(r.skipped_count),
  createdAt: toDate(r.created_at)!,
  undoneAt: toDate(r.undone_at),
});

export async function insertBatch(
  trx: Knex.Transaction,
  b: { actorId: number; source: string; sourceHash: string },
  now: Date,
): Promise<number> {
  const [row] = await trx('import_batches')
    .insert({ actor_id: b.actorId, source: b.source, source_hash: b.sourceHash, created_at: now })
    .returning('id');
  return toNumber(typeof row === 'object' && row !== null ? (row as Row).id : row);
}

export async function finishBatch(
  trx: Knex.Transaction,
  id: number,
  counts: { created: number; merged: number; skipped: number },
): Promise<void> {
  await trx('import_batches')
    .where({ id })
    .update({ created_count: counts.created, merged_count: counts.merged, skipped_count: counts.skipped });
}

export async function insertBatchListings(
  trx: Knex.Transaction,
  batchId: number,
  items: Array<{ listingId: number; action: 'created' | 'merged' }>,
  now: Date,
): Promise<void> {
  for (const part of chunks(
    items.map((x, i) => ({ batch_id: batchId, listing_id: x.listingId, action: x.action, sort_order: i, imported_at: now })),
  )) {
    await trx('import_batch_listings').insert(part);
  }
}

export async function findBatch(db: Knex, id: number): Promise<BatchRow | null> {
  const r = (await db('import_batches as b')
    .leftJoin('users as u', 'u.id', 'b.actor_id')
    .where('b.id', id)
    .first('b.*', 'u.email as actor_email')) as Row | undefined;
  return r ? mapBatch(r) : null;
}

export async function listBatches(db: Knex, limit: number): Promise<BatchRow[]> {
  const rows = (await db('import_batches as b')
    .leftJoin('users as u', 'u.id', 'b.actor_id')
    .select('b.*', 'u.email as actor_email')
    .orderBy('b.id', 'desc')
    .limit(limit)) as Row[];
  return rows.map(mapBatch);
}

export interface BatchListing {
  listingId: number;
  action: 'created' | 'merged';
  name: string;
  slug: string;
  status: string;
  importedAt: Date;
  updatedAt: Date;
  hasRevisions: boolean;
}

export async function listBatchListings(db: Knex, batchId: number): Promise<BatchListing[]> {
  const rows = (await db('import_batch_listings as bl').join('listings as l', 'l.id', 'bl.listing_id').where('bl.batch_id', batchId)
    .select('bl.listing_id', 'bl.action', 'bl.imported_at', 'l.name', 'l.slug', 'l.status', 'l.updated_at')
    .select(db.raw('EXISTS (SELECT 1 FROM listing_revisions r WHERE r.listing_id = l.id) AS has_revisions'))
    .orderBy('bl.sort_order')) as Row[];
  return rows.map((r) => ({
    listingId: toNumber(r.listing_id),
    action: r.action === 'merged' ? 'merged' : 'created',
    name: String(r.name),
    slug: String(r.slug),
    status: String(r.status),
    importedAt: toDate(r.imported_at)!,
    updatedAt: toDate(r.updated_at)!,
    hasRevisions: Boolean(toNumber(r.has_revisions)),
  }));
}

export async function markBatchUndone(trx: Knex.Transaction, id: number, by: number, now: Date): Promise<boolean> {
  const n = await trx('import_batches').where({ id }).whereNull('undone_at').update({ undone_at: now, undone_by: by });
  return Number(n) === 1;
}


/** Fills the listing's empty fields (never overwrites what is there). */
export async function fillEmptyFields(
  trx: Knex.Transaction,
  id: number,
  fields: { description?: string; website?: string | null; business_reg_no?: string | null },
  now: Date,
): Promise<void> {
  const row = (await trx('listings').where({ id }).first('description', 'website', 'business_reg_no')) as Row;
  const patch: Row = {};
  if (fields.description && !String(row.description ?? '').trim()) patch.description = fields.description;
  if (fields.website && !row.website) patch.website = fields.website;
  if (fields.business_reg_no && !row.business_reg_no) patch.business_reg_no = fields.business_reg_no;
  patch.updated_at = now;
  await trx('listings').where({ id }).update(contentOnly(patch));
}

/** What a merge must not add twice: the listing's phones, offer names, category ids, account numbers and addresses. */
export async function existingChildren(trx: Knex.Transaction, id: number) {
  const [phones, offers, cats, accounts, branches] = [
    (await trx('phones').where({ listing_id: id }).select('e164')) as Row[],
    (await trx('offers').where({ listing_id: id }).select('name')) as Row[],
    (await trx('listing_categories').where({ listing_id: id }).select('category_id')) as Row[],
    (await trx('payment_accounts').where({ listing_id: id }).select('number')) as Row[],
    (await trx('branches').where({ listing_id: id }).select('road_name', 'building_no')) as Row[],
  ];
  return {
    e164s: new Set(phones.map((r) => String(r.e164))),
    offerNames: new Set(offers.map((r) => String(r.name))),
    categoryIds: new Set(cats.map((r) => toNumber(r.category_id))),
    accountNumbers: new Set(accounts.map((r) => String(r.number))),
    addresses: new Set(branches.map((r) => `${r.road_name ?? ''} ${r.building_no ?? ''}`)),
  };
}

export interface ExportFilter { categoryId?: number; sigungu?: string; status?: string }

/** Ids of the listings an export holds, in id order. */
export async function exportIds(db: Knex, f: ExportFilter): Promise<number[]> {
  const q = db('listings as l').select('l.id').orderBy('l.id');
  if (f.status) q.where('l.status', f.status);
  else q.whereNot('l.status', 'removed');
  if (f.categoryId) q.whereExists(db('listing_categories as lc').whereRaw('lc.listing_id = l.id').where('lc.category_id', f.categoryId));
  if (f.sigungu) q.whereExists(db('branches as b').whereRaw('b.listing_id = l.id').where('b.sigungu', f.sigungu));
  return ((await q) as Row[]).map((r) => toNumber(r.id));
}
