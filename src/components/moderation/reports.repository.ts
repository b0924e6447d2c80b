/** SQL of reports from the public and the owner's answers to them. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export const REPORT_REASONS = ['wrong_number', 'closed', 'moved', 'spam', 'fraud', 'offensive', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export type ReportStatus = 'open' | 'awaiting_owner' | 'resolved' | 'dismissed';

export interface ReportRow {
  id: number;
  listingId: number;
  listingName: string;
  listingStatus: string;
  reason: ReportReason;
  note: string | null;
  status: ReportStatus;
  ownerDeadline: Date | null;
  ownerResponse: string | null;
  ownerNote: string | null;
  ownerId: number | null;
  createdAt: Date;
}

function map(r: Row): ReportRow {
  return {
    id: toNumber(r.id),
    listingId: toNumber(r.listing_id),
    listingName: String(r.listing_name ?? ''),
    listingStatus: String(r.listing_status ?? ''),
    reason: r.reason as ReportReason,
    note: (r.note ?? null) === null ? null : String(r.note),
    status: r.status as ReportStatus,
    ownerDeadline: toDate(r.owner_deadline),
    ownerResponse: (r.owner_response ?? null) === null ? null : String(r.owner_response),
    ownerNote: (r.owner_note ?? null) === null ? null : String(r.owner_note),
    ownerId: (r.owner_id ?? null) === null ? null : toNumber(r.owner_id),
    createdAt: toDate(r.created_at)!,
  };
}

const withListing = (db: Knex) =>
  db('reports as r')
    .join('listings as l', 'l.id', 'r.listing_id')
    .select('r.*', 'l.name as listing_name', 'l.status as listing_status', 'l.owner_id');

/** An open report of the same visitor, listing and reason (today's hash): a repeat is not stored twice. */
export async function findDuplicate(db: Knex, listingId: number, reporterHash: string, reason: string): Promise<boolean> {
  const row = await db('reports')
    .where({ listing_id: listingId, reporter_hash: reporterHash, reason })
    .whereIn('status', ['open', 'awaiting_owner'])
    .first('id');
  return Boolean(row);
}

export async function insertReport(
  trx: Knex.Transaction,
  r: {
    listingId: number;
    reason: ReportReason;
    note: string | null;
    reporterUserId: number | null;
    reporterHash: string;
    status: ReportStatus;
    ownerDeadline: Date | null;
    now: Date;
  },
): Promise<number> {
  const [row] = await trx('reports')
    .insert({
      listing_id: r.listingId,
      reason: r.reason,
      note: r.note,
      reporter_user_id: r.reporterUserId,
      reporter_hash: r.reporterHash,
      status: r.status,
      owner_deadline: r.ownerDeadline,
      created_at: r.now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

export async function findReport(db: Knex, id: number): Promise<ReportRow | null> {
  const row = (await withListing(db).where('r.id', id).first()) as Row | undefined;
  return row ? map(row) : null;
}

/** Reports a moderator still has to decide, oldest first. */
export async function listOpenReports(db: Knex, limit = 100): Promise<ReportRow[]> {
  return (
    (await withListing(db).whereIn('r.status', ['open', 'awaiting_owner']).orderBy('r.created_at').orderBy('r.id').limit(limit)) as Row[]
  ).map(map);
}

export async function listOwnerReports(db: Knex, ownerId: number): Promise<ReportRow[]> {
  return (
    (await withListing(db)
      .where('l.owner_id', ownerId)
      .where('r.status', 'awaiting_owner')
      .whereNull('r.owner_response')
      .orderBy('r.created_at')) as Row[]
  ).map(map);
}

export async function updateReport(
  trx: Knex.Transaction,
  id: number,
  fields: Partial<{
    status: ReportStatus;
    owner_response: string;
    owner_note: string | null;
    resolved_at: Date;
    resolved_by: number | null;
  }>,
): Promise<void> {
  await trx('reports').where({ id }).update(fields);
}

/** The latest reports on one listing, any status (the review page shows them). */
export async function listReportsForListing(db: Knex, listingId: number, limit = 20): Promise<ReportRow[]> {
  return ((await withListing(db).where('r.listing_id', listingId).orderBy('r.id', 'desc').limit(limit)) as Row[]).map(map);
}
