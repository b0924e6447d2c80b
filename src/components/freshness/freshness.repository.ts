/**
 * SQL for freshness: which listings are due a reminder, the reminder rows (claimed once, used once), and the
 * classified-ad lifecycle (published → expired → archived). Every state change is a conditional update.
 */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export type ReminderKind = 'confirm' | 'renew';
export interface DueReminder { listingId: number; name: string; email: string; cycle: number }

const ownerJoin = (q: Knex.QueryBuilder) => q.join('users as u', 'u.id', 'l.owner_id').where('u.is_disabled', false);

/** Published business listings unconfirmed since `cutoff` whose owner has had no reminder since their last confirmation. */
export async function dueConfirmReminders(db: Knex, cutoff: Date, limit: number): Promise<DueReminder[]> {
  const q = db('listings as l')
    .where({ 'l.kind': 'business', 'l.status': 'published' })
    .whereNull('l.deleted_at')
    .andWhere((w) =>
      w
        .where('l.last_confirmed_at', '<=', cutoff)
        .orWhere((n) => n.whereNull('l.last_confirmed_at').andWhere('l.created_at', '<=', cutoff)),
    )
    .whereNotExists(
      db('listing_reminders as r')
        .select(db.raw('1'))
        .whereRaw('r.listing_id = l.id')
        .andWhere('r.kind', 'confirm')
        .whereRaw('r.claimed_at > coalesce(l.last_confirmed_at, l.created_at)'),
    )
    .orderBy('l.id')
    .limit(limit)
    .select('l.id', 'l.name', 'u.email', 'l.last_confirmed_at', 'l.created_at');
  const rows = (await ownerJoin(q)) as Row[];
  return rows.map((r) => ({
    listingId: toNumber(r.id),
    name: String(r.name),
    email: String(r.email),
    cycle: (toDate(r.last_confirmed_at) ?? toDate(r.created_at)!).getTime(),
  }));
}

/** Published classified ads expiring between now and `until` with no reminder since they were last renewed or edited. */
export async function dueRenewReminders(db: Knex, now: Date, until: Date, limit: number): Promise<DueReminder[]> {
  const q = db('listings as l')
    .where({ 'l.kind': 'classified', 'l.status': 'published' }).whereNull('l.deleted_at')
    .where('l.expires_at', '>', now).andWhere('l.expires_at', '<=', until)
    .whereNotExists(db('listing_reminders as r').select(db.raw('1')).whereRaw('r.listing_id = l.id').andWhere('r.kind', 'renew')
      .whereRaw('r.claimed_at >= l.updated_at'))
    .orderBy('l.expires_at').limit(limit)
    .select('l.id', 'l.name', 'u.email', 'l.expires_at');
  const rows = (await ownerJoin(q)) as Row[];
  return rows.map((r) => ({
    listingId: toNumber(r.id),
    name: String(r.name),
    email: String(r.email),
    cycle: toDate(r.expires_at)!.getTime(),
  }));
}

/** Claims a reminder; the unique (listing, kind, cycle) lets exactly one runner win. Returns its id, or null when taken. */
export async function claimReminder(
  db: Knex,
  r: { listingId: number; kind: ReminderKind; cycle: number; now: Date },
): Promise<number | null> {
  const rows = (await db('listing_reminders')
    .insert({ listing_id: r.listingId, kind: r.kind, cycle: r.cycle, status: 'sending', claimed_at: r.now })
    .onConflict(['listing_id', 'kind', 'cycle'])
    .ignore()
    .returning('id')) as unknown[];
  const first = rows[0] as { id?: unknown } | number | undefined;
  return first === undefined ? null : toNumber(typeof first === 'object' ? first.id : first);
}

/** Gives a claim back after a failed send, so the next run tries again. */
export async function releaseReminder(db: Knex, id: number): Promise<void> {
  await db('listing_reminders').where({ id, status: 'sending' }).del();
}

export async function markReminder(db: Knex, id: number, status: 'sent' | 'failed', now: Date): Promise<void> {
  await db('listing_reminders').where({ id }).update({ status, sent_at: status === 'sent' ? now : null });
}

export interface ReminderRow { id: number; listingId: number; kind: ReminderKind; cycle: number; status: string; usedAt: Date | null }
export async function findReminder(db: Knex, id: number): Promise<ReminderRow | null> {
  const r = (await db('listing_reminders').where({ id }).first()) as Row | undefined;
  return r
    ? {
        id: toNumber(r.id),
        listingId: toNumber(r.listing_id),
        kind: r.kind as ReminderKind,
        cycle: toNumber(r.cycle),
        status: String(r.status),
        usedAt: toDate(r.used_at),
      }
    : null;
}

/** Marks a reminder's link used; true only for the first caller. */
export async function useReminder(trx: Knex.Transaction, id: number, now: Date): Promise<boolean> {
  return Number(await trx('listing_reminders').where({ id }).whereNull('used_at').update({ used_at: now })) === 1;
}

export interface ListingState {
  id: number;
  slug: string;
  kind: string;
  status: string;
  name: string;
  expiresAt: Date | null;
  deletedAt: Date | null;
}
export async function listingState(db: Knex, id: number): Promise<ListingState | null> {
  const r = (await db('listings').where({ id }).first('id', 'slug', 'kind', 'status', 'name', 'expires_at', 'deleted_at')) as
    Row | undefined;
  return r
    ? {
        id: toNumber(r.id),
        slug: String(r.slug),
        kind: String(r.kind),
        status: String(r.status),
        name: String(r.name),
        expiresAt: toDate(r.expires_at),
        deletedAt: toDate(r.deleted_at),
      }
    : null;
}

/** Confirms a published business listing's information: last_confirmed_at and nothing else. */
export async function confirmListing(trx: Knex.Transaction, id: number, now: Date): Promise<boolean> {
  return (
    Number(
      await trx('listings').where({ id, kind: 'business', status: 'published' }).whereNull('deleted_at').update({ last_confirmed_at: now }),
    ) === 1
  );
}
