/** SQL of the desk's checks: a check recorded, the reports it settles, and what its outcome changes on the listing. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;

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
