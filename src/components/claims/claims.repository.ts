/** SQL of listing claims. Always with bindings. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export type ClaimStatus = 'open' | 'approved' | 'rejected';
export interface ClaimRow {
  id: number;
  listingId: number;
  userId: number;
  userEmail: string;
  businessRegNo: string;
  documentKey: string;
  documentType: string;
  status: ClaimStatus;
  decisionReason: string | null;
  createdAt: Date;
  listingName: string;
  listingSlug: string;
  listingOwnerId: number | null;
  listingRegNo: string | null;
}

const select = (db: Knex | Knex.Transaction) =>
  db('listing_claims as c')
    .join('users as u', 'u.id', 'c.user_id')
    .join('listings as l', 'l.id', 'c.listing_id')
    .select(
      'c.*',
      'u.email as user_email',
      'l.name as listing_name',
      'l.slug as listing_slug',
      'l.owner_id as listing_owner_id',
      'l.business_reg_no as listing_reg_no',
    );
const map = (r: Row): ClaimRow => ({
  id: toNumber(r.id),
  listingId: toNumber(r.listing_id),
  userId: toNumber(r.user_id),
  userEmail: String(r.user_email),
  businessRegNo: String(r.business_reg_no),
  documentKey: String(r.document_key),
  documentType: String(r.document_type),
  status: r.status as ClaimStatus,
  decisionReason: (r.decision_reason ?? null) === null ? null : String(r.decision_reason),
  createdAt: toDate(r.created_at)!,
  listingName: String(r.listing_name),
  listingSlug: String(r.listing_slug),
  listingOwnerId: (r.listing_owner_id ?? null) === null ? null : toNumber(r.listing_owner_id),
  listingRegNo: (r.listing_reg_no ?? null) === null ? null : String(r.listing_reg_no),
});

export async function hasOpenClaim(db: Knex, listingId: number, userId: number): Promise<boolean> {
  return Boolean(await db('listing_claims').where({ listing_id: listingId, user_id: userId, status: 'open' }).first('id'));
}

export async function insertClaim(
  db: Knex,
  c: { listingId: number; userId: number; businessRegNo: string; documentKey: string; documentType: string },
  now: Date,
): Promise<number> {
  const [row] = await db('listing_claims')
    .insert({
      listing_id: c.listingId,
      user_id: c.userId,
      business_reg_no: c.businessRegNo,
      document_key: c.documentKey,
      document_type: c.documentType,
      created_at: now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' && row !== null ? (row as Row).id : row);
}

export async function listOpenClaims(db: Knex): Promise<ClaimRow[]> {
  return ((await select(db).where('c.status', 'open').orderBy('c.created_at').orderBy('c.id')) as Row[]).map(map);
}

export async function findClaim(db: Knex | Knex.Transaction, id: number): Promise<ClaimRow | null> {
  const r = (await select(db).where('c.id', id).first()) as Row | undefined;
  return r ? map(r) : null;
}

/** Decides an open claim; false when it was no longer open (decided by someone else first). */
export async function decideClaim(
  trx: Knex.Transaction,
  id: number,
  d: { status: 'approved' | 'rejected'; reason: string | null; by: number },
  now: Date,
): Promise<boolean> {
  const n = await trx('listing_claims')
    .where({ id, status: 'open' })
    .update({ status: d.status, decision_reason: d.reason, decided_by: d.by, decided_at: now });
  return Number(n) === 1;
}

/** The other open claims on the listing are settled by an approval. */
export async function rejectOtherOpenClaims(
  trx: Knex.Transaction,
  listingId: number,
  exceptId: number,
  by: number,
  reason: string,
  now: Date,
): Promise<number[]> {
  const rows = (await trx('listing_claims')
    .where({ listing_id: listingId, status: 'open' })
    .whereNot('id', exceptId)
    .select('id')) as Row[];
  const ids = rows.map((r) => toNumber(r.id));
  if (ids.length)
    await trx('listing_claims').whereIn('id', ids).update({ status: 'rejected', decision_reason: reason, decided_by: by, decided_at: now });
  return ids;
}
