/** SQL of special days, holiday rules, residents' fact reports and the desk's checks. Always with bindings. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import type { ClosureReason, HolidayRule, SpecialDay } from './special-days.js';

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function mapSpecial(r: Row): SpecialDay {
  return {
    id: toNumber(r.id),
    listingId: toNumber(r.listing_id),
    startsOn: String(r.starts_on),
    endsOn: String(r.ends_on),
    kind: r.kind === 'hours' ? 'hours' : 'closed',
    reason: str(r.reason) as ClosureReason | null,
    note: str(r.note),
    opensAt: str(r.opens_at),
    closesAt: str(r.closes_at),
  };
}

/**
 * A listing's pages and caches are stamped by listings.version (bumped by triggers on its own child tables); these
 * tables are newer than those triggers, so a write here bumps the stamp itself, in the same transaction.
 */
export async function bumpListingVersion(trx: Knex.Transaction, listingId: number): Promise<void> {
  await trx('listings').where({ id: listingId }).increment('version', 1);
}

/** Special days of listings that end on or after `since` (YYYY-MM-DD), by listing. */
export async function specialDaysOf(db: Knex, ids: number[], since: string): Promise<Map<number, SpecialDay[]>> {
  const out = new Map<number, SpecialDay[]>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = (await db('listing_special_days')
      .whereIn('listing_id', ids.slice(i, i + 900))
      .where('ends_on', '>=', since)
      .orderBy('starts_on')
      .orderBy('id')) as Row[];
    for (const r of rows) {
      const s = mapSpecial(r);
      out.set(s.listingId, [...(out.get(s.listingId) ?? []), s]);
    }
  }
  return out;
}

/** Listings among `ids` that have a holiday rule. */
export async function holidayRulesOf(db: Knex, ids: number[]): Promise<Map<number, HolidayRule>> {
  const out = new Map<number, HolidayRule>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = (await db('listings')
      .whereIn('id', ids.slice(i, i + 900))
      .whereNotNull('holiday_rule')
      .select('id', 'holiday_rule')) as Row[];
    for (const r of rows) out.set(toNumber(r.id), r.holiday_rule as HolidayRule);
  }
  return out;
}

export async function insertSpecialDay(
  trx: Knex.Transaction,
  s: Omit<SpecialDay, 'id'> & { createdBy: number | null; now: Date },
): Promise<number> {
  const [row] = await trx('listing_special_days')
    .insert({
      listing_id: s.listingId,
      starts_on: s.startsOn,
      ends_on: s.endsOn,
      kind: s.kind,
      reason: s.reason,
      note: s.note,
      opens_at: s.opensAt,
      closes_at: s.closesAt,
      created_by: s.createdBy,
      created_at: s.now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

export async function deleteSpecialDay(trx: Knex.Transaction, listingId: number, id: number): Promise<boolean> {
  return Number(await trx('listing_special_days').where({ id, listing_id: listingId }).del()) === 1;
}

export async function findSpecialDay(db: Knex, listingId: number, id: number): Promise<SpecialDay | null> {
  const r = (await db('listing_special_days').where({ id, listing_id: listingId }).first()) as Row | undefined;
  return r ? mapSpecial(r) : null;
}

export async function setHolidayRule(trx: Knex.Transaction, listingId: number, rule: HolidayRule | null): Promise<void> {
  await trx('listings').where({ id: listingId }).update({ holiday_rule: rule });
}

/** Who owns the listing and their role: the desk manages the listings its clerks imported. */
export async function listingOwner(
  db: Knex,
  id: number,
): Promise<{ id: number; name: string; slug: string; ownerId: number | null; ownerRole: string | null; deleted: boolean } | null> {
  const r = (await db('listings as l')
    .leftJoin('users as u', 'u.id', 'l.owner_id')
    .where('l.id', id)
    .first('l.id', 'l.name', 'l.slug', 'l.owner_id', 'u.role', 'l.deleted_at')) as Row | undefined;
  return r
    ? {
        id: toNumber(r.id),
        name: String(r.name),
        slug: String(r.slug),
        ownerId: r.owner_id === null ? null : toNumber(r.owner_id),
        ownerRole: str(r.role),
        deleted: r.deleted_at !== null && r.deleted_at !== undefined,
      }
    : null;
}

// ---- residents' reports -------------------------------------------------------------------------------------------

/** Whether this visitor already has an open report on the listing (a repeat is thanked but not counted twice). */
export async function hasOpenReport(db: Knex, listingId: number, reporterHash: string): Promise<boolean> {
  return Boolean(await db('fact_reports').where({ listing_id: listingId, reporter_hash: reporterHash }).whereNull('check_id').first('id'));
}

export async function insertReport(
  trx: Knex.Transaction,
  r: { listingId: number; reason: string; note: string | null; reporterHash: string; now: Date },
): Promise<number> {
  const [row] = await trx('fact_reports')
    .insert({ listing_id: r.listingId, reason: r.reason, note: r.note, reporter_hash: r.reporterHash, created_at: r.now })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

/** Distinct visitors with an open (unchecked) report on the listing. */
export async function openReporters(db: Knex, listingId: number): Promise<number> {
  const r = (await db('fact_reports')
    .where({ listing_id: listingId })
    .whereNull('check_id')
    .countDistinct({ n: 'reporter_hash' })
    .first()) as Row | undefined;
  return toNumber(r?.n ?? 0);
}

export interface OpenReportSummary { reason: string; n: number }
/** Open reports of a listing by reason, and the notes residents left (for the desk and the owner, never the public). */
export async function openReportsOf(
  db: Knex,
  listingId: number,
): Promise<{ byReason: OpenReportSummary[]; notes: Array<{ id: number; reason: string; note: string; ownerAnswer: string | null }> }> {
  const rows = (await db('fact_reports')
    .where({ listing_id: listingId })
    .whereNull('check_id')
    .orderBy('id')
    .select('id', 'reason', 'note', 'owner_answer')) as Row[];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(r.reason), (counts.get(String(r.reason)) ?? 0) + 1);
  return {
    byReason: [...counts].map(([reason, n]) => ({ reason, n })),
    notes: rows
      .filter((r) => r.note)
      .map((r) => ({ id: toNumber(r.id), reason: String(r.reason), note: String(r.note), ownerAnswer: str(r.owner_answer) })),
  };
}

/** The owner's answer to the listing's open reports (one answer, shown to the desk with them). */
export async function answerReports(trx: Knex.Transaction, listingId: number, answer: string, now: Date): Promise<number> {
  return Number(
    await trx('fact_reports')
      .where({ listing_id: listingId })
      .whereNull('check_id')
      .update({ owner_answer: answer, owner_answered_at: now }),
  );
}

export async function ownerAnswer(db: Knex, listingId: number): Promise<string | null> {
  const r = (await db('fact_reports')
    .where({ listing_id: listingId })
    .whereNull('check_id')
    .whereNotNull('owner_answer')
    .orderBy('owner_answered_at', 'desc')
    .first('owner_answer')) as Row | undefined;
  return r ? String(r.owner_answer) : null;
}

export interface QueueRow {
  listingId: number;
  name: string;
  slug: string;
  reporters: number;
  views: number;
  firstAt: Date;
  answered: boolean;
}
/**
 * The verification queue: listings with open reports from at least `threshold` distinct visitors, most reported
 * first, then most viewed (their page views over the last 30 days), then the oldest report.
 */
export async function verificationQueue(db: Knex, threshold: number, viewsSince: string, limit = 100): Promise<QueueRow[]> {
  const views = db('listing_daily_stats')
    .select('listing_id')
    .sum({ v: 'views' })
    .where('day', '>=', viewsSince)
    .groupBy('listing_id')
    .as('dc');
  const rows = (await db('fact_reports as r')
    .join('listings as l', 'l.id', 'r.listing_id')
    .leftJoin(views, 'dc.listing_id', 'r.listing_id')
    .whereNull('r.check_id')
    .whereNull('l.deleted_at')
    .groupBy('r.listing_id', 'l.name', 'l.slug', 'dc.v')
    .havingRaw('count(distinct r.reporter_hash) >= ?', [threshold])
    .select(
      'r.listing_id',
      'l.name',
      'l.slug',
      db.raw('count(distinct r.reporter_hash) as reporters'),
      db.raw('coalesce(dc.v, 0) as views'),
      db.raw('min(r.created_at) as first_at'),
      db.raw('count(r.owner_answer) as answered'),
    )
    .orderByRaw('count(distinct r.reporter_hash) desc, coalesce(dc.v, 0) desc, min(r.created_at) asc')
    .limit(limit)) as Row[];
  return rows.map((r) => ({
    listingId: toNumber(r.listing_id),
    name: String(r.name),
    slug: String(r.slug),
    reporters: toNumber(r.reporters),
    views: toNumber(r.views),
    firstAt: toDate(r.first_at)!,
    answered: toNumber(r.answered) > 0,
  }));
}

// ---- checks -------------------------------------------------------------------------------------------------------

export interface CheckRow { id: number; listingId: number; method: string; outcome: string; checkedAt: Date }

export async function insertCheck(
  trx: Knex.Transaction,
  c: { listingId: number; method: string; outcome: string; note: string | null; checkedBy: number; now: Date },
): Promise<number> {
  const [row] = await trx('listing_checks')
    .insert({ listing_id: c.listingId, method: c.method, outcome: c.outcome, note: c.note, checked_by: c.checkedBy, checked_at: c.now })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

/** Settles the listing's open reports with this check; returns how many. */
export async function settleReports(trx: Knex.Transaction, listingId: number, checkId: number): Promise<number> {
  return Number(await trx('fact_reports').where({ listing_id: listingId }).whereNull('check_id').update({ check_id: checkId }));
}

export async function latestCheck(db: Knex, listingId: number): Promise<CheckRow | null> {
  const r = (await db('listing_checks').where({ listing_id: listingId }).orderBy('checked_at', 'desc').orderBy('id', 'desc').first()) as
    Row | undefined;
  return r
    ? {
        id: toNumber(r.id),
        listingId: toNumber(r.listing_id),
        method: String(r.method),
        outcome: String(r.outcome),
        checkedAt: toDate(r.checked_at)!,
      }
    : null;
}

/** Applies a check's outcome to the listing row: confirmed now (the freshness score counts it), 폐업 when closed. */
export async function markChecked(trx: Knex.Transaction, listingId: number, outOfBusiness: boolean, now: Date): Promise<void> {
  await trx('listings')
    .where({ id: listingId })
    .update({ last_confirmed_at: now, ...(outOfBusiness ? { out_of_business_at: now } : {}), updated_at: now });
}

/** The listing's main phone (listing-level first, else the first branch's): what "number changed" replaces. */
export async function mainPhoneId(db: Knex, listingId: number): Promise<number | null> {
  const r = (await db('phones')
    .where({ listing_id: listingId })
    .whereNot('type', 'fax')
    .orderByRaw('CASE WHEN branch_id IS NULL THEN 0 ELSE 1 END')
    .orderBy('sort_order')
    .orderBy('id')
    .first('id')) as Row | undefined;
  return r ? toNumber(r.id) : null;
}

export async function replacePhone(
  trx: Knex.Transaction,
  phoneId: number,
  p: { e164: string; display: string; nationalDigits: string; type: string },
): Promise<void> {
  await trx('phones')
    .where({ id: phoneId })
    .update({ e164: p.e164, display: p.display, national_digits: p.nationalDigits, type: p.type, extension: null });
}

export async function insertPhone(
  trx: Knex.Transaction,
  listingId: number,
  p: { e164: string; display: string; nationalDigits: string; type: string },
): Promise<void> {
  await trx('phones').insert({
    listing_id: listingId,
    branch_id: null,
    e164: p.e164,
    display: p.display,
    national_digits: p.nationalDigits,
    type: p.type,
    sort_order: 0,
  });
}

/** The first branch's address ("moved"): road address parts as parsed. */
export async function moveFirstBranch(
  trx: Knex.Transaction,
  listingId: number,
  a: { sido: string | null; sigungu: string | null; roadName: string | null; buildingNo: string | null; detail: string | null },
): Promise<boolean> {
  const b = (await trx('branches').where({ listing_id: listingId }).orderBy('sort_order').orderBy('id').first('id')) as Row | undefined;
  if (!b) return false;
  await trx('branches')
    .where({ id: toNumber(b.id) })
    .update({
      sido: a.sido,
      sigungu: a.sigungu,
      road_name: a.roadName,
      building_no: a.buildingNo,
      address_detail: a.detail,
      lat: null,
      lng: null,
    });
  return true;
}

/** New weekly hours for every branch ("hours changed"): the same opening and closing on open days, the others closed. */
export async function replaceWeeklyHours(
  trx: Knex.Transaction,
  listingId: number,
  h: { opensAt: string; closesAt: string; closedWeekdays: number[] },
): Promise<void> {
  const branchIds = ((await trx('branches').where({ listing_id: listingId }).pluck('id')) as unknown[]).map(toNumber);
  if (!branchIds.length) return;
  await trx('branch_hours').whereIn('branch_id', branchIds).del();
  await trx('branch_hours').insert(
    branchIds.flatMap((branch_id) =>
      [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
        h.closedWeekdays.includes(weekday)
          ? { branch_id, weekday, is_closed: true }
          : { branch_id, weekday, is_closed: false, opens_at: h.opensAt, closes_at: h.closesAt },
      ),
    ),
  );
}


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
