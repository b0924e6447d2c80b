/**
 * Saving an edited listing writes only what changed. Each child table's stored rows are matched to the wanted ones by
 * what identifies them (a phone by its number, hours by weekday, an offer by its name, a branch by its place in the
 * list); matched rows that differ are updated in place, the rest are removed and added with one statement each per
 * table. Unchanged rows keep their ids, so what hangs off them stays: a phone's call counts, a branch's closures.
 */
import type { Knex } from 'knex';
import { insertedId, toNumber } from '../../db/index.js';
import type { ListingGraphInput } from './listing-graph.js';
import { accountRows, branchRow, hoursRows, offerRows, phoneRows } from './listing-rows.js';

type Row = Record<string, unknown>;

/** What a table needs done: ids to remove, rows to change in place (only their changed columns), rows to add. */
interface Plan { remove: number[]; update: Array<{ id: number; set: Row }>; insert: Row[] }
const emptyPlan = (): Plan => ({ remove: [], update: [], insert: [] });

/** Drivers differ (SQLite's 0/1 booleans, PostgreSQL's numeric strings): values are compared by what they say. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  return norm(a) === norm(b);
}

/** Matches wanted rows to stored ones with the same key, in order; adds the outcome to `plan`. */
function planRows(plan: Plan, stored: Row[], wanted: Row[], key: (r: Row) => string, columns: string[]): void {
  const pool = new Map<string, Row[]>();
  for (const r of stored) pool.set(key(r), [...(pool.get(key(r)) ?? []), r]);
  for (const w of wanted) {
    const match = pool.get(key(w))?.shift();
    if (!match) {
      plan.insert.push(w);
      continue;
    }
    const set = Object.fromEntries(columns.filter((c) => !sameValue(match[c], w[c])).map((c) => [c, w[c] ?? null]));
    if (Object.keys(set).length) plan.update.push({ id: toNumber(match.id), set });
  }
  for (const left of pool.values()) plan.remove.push(...left.map((r) => toNumber(r.id)));
}

async function applyPlan(trx: Knex.Transaction, table: string, plan: Plan): Promise<boolean> {
  if (plan.remove.length) await trx(table).whereIn('id', plan.remove).del();
  for (const u of plan.update) await trx(table).where({ id: u.id }).update(u.set);
  if (plan.insert.length) await trx(table).insert(plan.insert);
  return plan.remove.length + plan.update.length + plan.insert.length > 0;
}

const PHONE_COLUMNS = ['label', 'type', 'display', 'national_digits', 'sort_order'];
const phoneKey = (r: Row) => `${String(r.e164)}|${String(r.extension ?? '')}`;

const HOURS_COLUMNS = ['is_closed', 'opens_at', 'closes_at', 'break_start', 'break_end'];

const BRANCH_COLUMNS = [
  'name',
  'sido',
  'sigungu',
  'road_name',
  'building_no',
  'address_detail',
  'postal_code',
  'lat',
  'lng',
  'hours_note',
  'sort_order',
];

/**
 * Makes a listing's children (categories, phones, branches with hours and phones, offers, accounts) what `input` says,
 * writing only the differences; the caller holds the transaction. Returns whether anything was written.
 */
export async function saveListingChildren(trx: Knex.Transaction, listingId: number, input: ListingGraphInput, now: Date): Promise<boolean> {
  // Reads in turn: a transaction is one connection.
  const categories = (await trx('listing_categories').where({ listing_id: listingId }).pluck('category_id')).map(toNumber);
  const phones = (await trx('phones').where({ listing_id: listingId }).orderBy('sort_order').orderBy('id')) as Row[];
  const branches = (await trx('branches').where({ listing_id: listingId }).orderBy('sort_order').orderBy('id')) as Row[];
  const hours = branches.length
    ? ((await trx('branch_hours')
        .whereIn(
          'branch_id',
          branches.map((b) => toNumber(b.id)),
        )
        .orderBy('weekday')
        .orderBy('id')) as Row[])
    : [];
  const offers = (await trx('offers').where({ listing_id: listingId }).orderBy('sort_order').orderBy('id')) as Row[];
  const accounts = (await trx('payment_accounts').where({ listing_id: listingId }).orderBy('sort_order').orderBy('id')) as Row[];
  let changed = false;

  const wantedCategories = [...new Set(input.categoryIds)];
  const dropped = categories.filter((c) => !wantedCategories.includes(c));
  const added = wantedCategories.filter((c) => !categories.includes(c));
  if (dropped.length) await trx('listing_categories').where({ listing_id: listingId }).whereIn('category_id', dropped).del();
  if (added.length) await trx('listing_categories').insert(added.map((category_id) => ({ listing_id: listingId, category_id })));
  changed ||= dropped.length + added.length > 0;

  // Branches by position: the form has no branch ids, and a branch edited in place keeps its closures and hours.
  const branchPlan = emptyPlan();
  const phonePlan = emptyPlan();
  const hoursPlan = emptyPlan();
  const ofBranch = (rows: Row[], id: unknown) => rows.filter((r) => toNumber(r.branch_id) === toNumber(id));
  planRows(
    phonePlan,
    phones.filter((p) => p.branch_id === null || p.branch_id === undefined),
    phoneRows(listingId, null, input.phones),
    phoneKey,
    PHONE_COLUMNS,
  );
  input.branches.forEach((b, i) => {
    const stored = branches[i];
    if (!stored) return;
    const wanted = branchRow(listingId, b, i);
    const set = Object.fromEntries(BRANCH_COLUMNS.filter((c) => !sameValue(stored[c], wanted[c])).map((c) => [c, wanted[c]]));
    if (Object.keys(set).length) branchPlan.update.push({ id: toNumber(stored.id), set });
    planRows(hoursPlan, ofBranch(hours, stored.id), hoursRows(toNumber(stored.id), b), (r) => String(r.weekday), HOURS_COLUMNS);
    planRows(phonePlan, ofBranch(phones, stored.id), phoneRows(listingId, toNumber(stored.id), b.phones), phoneKey, PHONE_COLUMNS);
  });
  // Branches beyond the new list go with their hours, phones and closures (the foreign keys cascade).
  branchPlan.remove.push(...branches.slice(input.branches.length).map((b) => toNumber(b.id)));
  changed = (await applyPlan(trx, 'branches', branchPlan)) || changed;
  for (const [i, b] of input.branches.entries()) {
    if (branches[i]) continue;
    const [row] = await trx('branches').insert({ ...branchRow(listingId, b, i), created_at: now }).returning('id');
    const branchId = insertedId(row);
    hoursPlan.insert.push(...hoursRows(branchId, b));
    phonePlan.insert.push(...phoneRows(listingId, branchId, b.phones));
    changed = true;
  }
  changed = (await applyPlan(trx, 'branch_hours', hoursPlan)) || changed;
  changed = (await applyPlan(trx, 'phones', phonePlan)) || changed;

  const offerPlan = emptyPlan();
  planRows(
    offerPlan,
    offers,
    offerRows(listingId, input),
    (r) => String(r.name),
    ['price_krw', 'price_style', 'price_note', 'sort_order'],
  );
  changed = (await applyPlan(trx, 'offers', offerPlan)) || changed;

  const accountPlan = emptyPlan();
  planRows(
    accountPlan,
    accounts,
    accountRows(listingId, input),
    (r) => `${String(r.bank)}|${String(r.holder)}|${String(r.number)}`,
    ['sort_order'],
  );
  changed = (await applyPlan(trx, 'payment_accounts', accountPlan)) || changed;
  return changed;
}
