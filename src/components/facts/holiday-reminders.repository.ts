/** SQL of the 명절 reminders: the owners due one, a reminder claimed once, finished, and found from its link. */
import type { Knex } from 'knex';
import { toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;

/**
 * Published business listings with weekly hours whose (not disabled) owner has no 명절 reminder for this holiday yet.
 * The owners are advertisers: the desk's own clerks set the hours of what they imported themselves.
 */
export async function dueHolidayReminders(
  db: Knex,
  cycle: number,
  limit: number,
): Promise<Array<{ listingId: number; name: string; email: string }>> {
  const rows = (await db('listings as l')
    .join('users as u', 'u.id', 'l.owner_id')
    .where({ 'l.kind': 'business', 'l.status': 'published', 'u.is_disabled': false })
    .whereNot('u.role', 'desk')
    .whereNull('l.deleted_at')
    .whereNull('l.out_of_business_at')
    .whereExists(db('branch_hours as h').join('branches as b', 'b.id', 'h.branch_id').whereRaw('b.listing_id = l.id').select(db.raw('1')))
    .whereNotExists(
      db('listing_reminders as r').whereRaw('r.listing_id = l.id').where({ 'r.kind': 'holiday', 'r.cycle': cycle }).select(db.raw('1')),
    )
    .orderBy('l.id')
    .limit(limit)
    .select('l.id', 'l.name', 'u.email')) as Row[];
  return rows.map((r) => ({ listingId: toNumber(r.id), name: String(r.name), email: String(r.email) }));
}

/** Claims one 명절 reminder; the unique (listing, kind, cycle) lets exactly one runner win. Null when already taken. */
export async function claimHolidayReminder(db: Knex, listingId: number, cycle: number, now: Date): Promise<number | null> {
  const rows = (await db('listing_reminders').insert({ listing_id: listingId, kind: 'holiday', cycle, status: 'sending', claimed_at: now })
    .onConflict(['listing_id', 'kind', 'cycle']).ignore().returning('id')) as unknown[];
  const first = rows[0] as { id?: unknown } | number | undefined;
  return first === undefined ? null : toNumber(typeof first === 'object' ? first.id : first);
}

export async function finishHolidayReminder(db: Knex, id: number, sent: boolean, now: Date): Promise<void> {
  if (sent) await db('listing_reminders').where({ id }).update({ status: 'sent', sent_at: now });
  else await db('listing_reminders').where({ id, status: 'sending' }).del();
}

export async function findHolidayReminder(
  db: Knex,
  id: number,
): Promise<{ listingId: number; cycle: number; name: string; slug: string } | null> {
  const r = (await db('listing_reminders as r')
    .join('listings as l', 'l.id', 'r.listing_id')
    .where({ 'r.id': id, 'r.kind': 'holiday' })
    .whereNull('l.deleted_at')
    .first('r.listing_id', 'r.cycle', 'l.name', 'l.slug')) as Row | undefined;
  return r ? { listingId: toNumber(r.listing_id), cycle: toNumber(r.cycle), name: String(r.name), slug: String(r.slug) } : null;
}
