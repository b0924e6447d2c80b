/** SQL for the media table. Rows are created on upload (no listing yet) and attached when the listing is saved. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export interface StoredMedia {
  id: number;
  listingId: number | null;
  ownerId: number | null;
  role: 'logo' | 'photo';
  sha256: string;
  variants: Array<{ name: string; file: string; width: number; height: number; bytes: number }>;
  width: number;
  height: number;
  altText: string | null;
}

function mapMedia(r: Row): StoredMedia {
  return {
    id: toNumber(r.id),
    listingId: r.listing_id === null ? null : toNumber(r.listing_id),
    ownerId: r.owner_id === null ? null : toNumber(r.owner_id),
    role: r.role === 'logo' ? 'logo' : 'photo',
    sha256: String(r.sha256),
    variants: JSON.parse(String(r.variants)),
    width: toNumber(r.width),
    height: toNumber(r.height),
    altText: r.alt_text === null || r.alt_text === undefined ? null : String(r.alt_text),
  };
}

export async function insertMedia(db: Knex, m: Omit<StoredMedia, 'id' | 'listingId'> & { bytes: number }, now: Date): Promise<number> {
  const [row] = await db('media')
    .insert({
      listing_id: null, owner_id: m.ownerId, role: m.role, storage_key: m.sha256, variants: JSON.stringify(m.variants), width: m.width,
      height: m.height, bytes: m.bytes, sha256: m.sha256, alt_text: m.altText, sort_order: 0, created_at: now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

/** The given media rows that this owner uploaded (others' ids are silently dropped). */
export async function findOwnedMedia(db: Knex, ids: number[], ownerId: number): Promise<StoredMedia[]> {
  if (ids.length === 0) return [];
  const rows = (await db('media').whereIn('id', ids).andWhere('owner_id', ownerId)) as Row[];
  return rows.map(mapMedia);
}

export async function findListingMedia(db: Knex, listingId: number): Promise<StoredMedia[]> {
  const rows = (await db('media').where('listing_id', listingId).orderBy('role').orderBy('sort_order').orderBy('id')) as Row[];
  return rows.map(mapMedia);
}

/** Points the listed media rows at a listing with their role, alt text and order; detaches the listing's other rows. */
export async function attachMedia(
  trx: Knex.Transaction,
  listingId: number,
  ownerId: number,
  items: Array<{ id: number; role: 'logo' | 'photo'; altText: string | null }>,
): Promise<void> {
  // Only what changes is written: photos kept as they were are not touched again on every save.
  const current = (await trx('media').where('listing_id', listingId).select('id', 'role', 'alt_text', 'sort_order')) as Row[];
  const wanted = new Set(items.map((i) => i.id));
  const dropped = current.map((r) => toNumber(r.id)).filter((id) => !wanted.has(id));
  if (dropped.length) await trx('media').whereIn('id', dropped).update({ listing_id: null });
  for (const [i, item] of items.entries()) {
    const was = current.find((r) => toNumber(r.id) === item.id);
    if (was && was.role === item.role && (was.alt_text ?? null) === item.altText && toNumber(was.sort_order) === i) continue;
    await trx('media')
      .where({ id: item.id, owner_id: ownerId })
      .update({ listing_id: listingId, role: item.role, alt_text: item.altText, sort_order: i });
  }
}

/** Who may see an image: each row using it, with its listing's state (a review's photo: its listing's, while the review is shown). */
export async function mediaAccess(
  db: Knex,
  sha256: string,
): Promise<Array<{ ownerId: number | null; status: string | null; expiresAt: Date | null; deletedAt: Date | null }>> {
  const rows = (await db('media as m')
    .leftJoin('reviews as rv', (j) => j.on('rv.id', '=', 'm.review_id').andOnVal('rv.status', '=', 'visible'))
    .leftJoin('listings as l', (j) => j.on('l.id', '=', 'm.listing_id').orOn('l.id', '=', 'rv.listing_id'))
    .where('m.sha256', sha256)
    .select('m.owner_id', 'l.status', 'l.expires_at', 'l.deleted_at')) as Row[];
  return rows.map((r) => ({
    ownerId: r.owner_id === null ? null : toNumber(r.owner_id),
    status: r.status === null || r.status === undefined ? null : String(r.status),
    expiresAt: toDate(r.expires_at),
    deletedAt: toDate(r.deleted_at),
  }));
}

/** The listing's media and its owner's unattached uploads (what a pending revision may point at). */
export async function findListingMediaAndOwnerUploads(db: Knex, listingId: number): Promise<StoredMedia[]> {
  const owner = db('listings').where('id', listingId).select('owner_id');
  const rows = (await db('media').where('listing_id', listingId).orWhere((w) => w.whereNull('listing_id').whereIn('owner_id', owner))
    .orderBy('role').orderBy('sort_order').orderBy('id').limit(200)) as Row[];
  return rows.map(mapMedia);
}

/** Uploads on no listing, older than `before`: photos of forms never saved, or dropped by a later edit. */
export async function findUnattachedMedia(
  db: Knex,
  before: Date,
  limit = 1000,
): Promise<Array<{ id: number; sha256: string; files: string[] }>> {
  const rows = (await db('media')
    .whereNull('listing_id')
    .whereNull('review_id')
    .where('created_at', '<', before)
    .orderBy('id')
    .limit(limit)
    .select('id', 'sha256', 'variants')) as Row[];
  return rows.map((r) => ({
    id: toNumber(r.id),
    sha256: String(r.sha256),
    files: (JSON.parse(String(r.variants)) as Array<{ file: string }>).map((v) => v.file),
  }));
}

/** Media ids that pending edits still refer to (their photos are attached only when a moderator approves). */
export async function mediaIdsInPendingRevisions(db: Knex): Promise<Set<number>> {
  const graphs = (await db('listing_revisions').where({ status: 'pending' }).pluck('graph')) as string[];
  return new Set(graphs.flatMap((g) => ((JSON.parse(g) as { media?: Array<{ id: unknown }> }).media ?? []).map((m) => toNumber(m.id))));
}

export async function deleteMediaRows(db: Knex, ids: number[]): Promise<void> {
  if (ids.length) await db('media').whereIn('id', ids).whereNull('listing_id').del();
}

/** Whether any row still uses the image (the same bytes uploaded twice share their files). */
export async function sha256InUse(db: Knex, sha256: string): Promise<boolean> {
  return Boolean(await db('media').where({ sha256 }).first('id'));
}

/** Every stored file some row names: its variants, and the kept original of its image. */
export async function namedFiles(db: Knex): Promise<Set<string>> {
  const rows = (await db('media').select('sha256', 'variants')) as Row[];
  return new Set(
    rows.flatMap((r) => [
      `originals/${String(r.sha256)}`,
      ...(JSON.parse(String(r.variants)) as Array<{ file: string }>).map((v) => v.file),
    ]),
  );
}
