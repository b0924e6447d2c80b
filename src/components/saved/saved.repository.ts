/** SQL of saved shops (저장). Always with bindings; every statement is scoped to one account. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
type Db = Knex | Knex.Transaction;

export interface SavedRow { listingId: number; listingName: string; note: string | null; createdAt: Date }

const map = (r: Row): SavedRow => ({
  listingId: toNumber(r.listing_id),
  listingName: String(r.listing_name),
  note: (r.note ?? null) === null ? null : String(r.note),
  createdAt: toDate(r.created_at)!,
});

/** An account's saved listings, newest first. */
export async function listSaved(db: Db, userId: number): Promise<SavedRow[]> {
  const rows = (await db('saved_listings').where({ user_id: userId }).orderBy('created_at', 'desc').orderBy('id', 'desc')
    .select('listing_id', 'listing_name', 'note', 'created_at')) as Row[];
  return rows.map(map);
}

/** Only the ids (the 저장 buttons of a page). */
export async function savedIds(db: Db, userId: number): Promise<number[]> {
  return ((await db('saved_listings').where({ user_id: userId }).select('listing_id')) as Row[]).map((r) => toNumber(r.listing_id));
}

export async function countSaved(db: Db, userId: number): Promise<number> {
  const row = (await db('saved_listings').where({ user_id: userId }).count({ n: '*' }).first()) as Row | undefined;
  return toNumber(row?.n ?? 0);
}

/** Adds listings to an account's list; pairs already there are left as they are. */
export async function insertSaved(
  db: Db,
  userId: number,
  rows: Array<{ listingId: number; listingName: string; note: string | null }>,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db('saved_listings')
    .insert(
      rows.map((r) => ({
        user_id: userId,
        listing_id: r.listingId,
        listing_name: r.listingName,
        note: r.note,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict(['user_id', 'listing_id'])
    .ignore();
}

/** Removes one listing from one account's list; false when it was not there. */
export async function deleteSaved(db: Db, userId: number, listingId: number): Promise<boolean> {
  return Number(await db('saved_listings').where({ user_id: userId, listing_id: listingId }).del()) > 0;
}

/** The account's note on one saved listing; false when the listing is not in that account's list. */
export async function updateNote(db: Db, userId: number, listingId: number, note: string | null, now: Date): Promise<boolean> {
  return Number(await db('saved_listings').where({ user_id: userId, listing_id: listingId }).update({ note, updated_at: now })) > 0;
}
