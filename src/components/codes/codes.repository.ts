/**
 * SQL of the short codes and their daily counters (code_daily_stats, written by the stats component's flush). The
 * desk's figures read the orders' classification and customer from ad_orders: a read across components, kept here.
 */
import type { Knex } from 'knex';
import { toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export type CodeKind = 'print' | 'card';
export interface CodeRow {
  id: number; code: string; kind: CodeKind; orderId: number | null; editionDate: string | null; listingId: number | null;
}
export interface CodeFigures extends CodeRow { visits: number; calls: number }

const idOrNull = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));

const mapCode = (r: Row): CodeRow => ({
  id: toNumber(r.id), code: String(r.code), kind: r.kind === 'card' ? 'card' : 'print', orderId: idOrNull(r.order_id),
  editionDate: r.edition_date === null ? null : String(r.edition_date), listingId: idOrNull(r.listing_id),
});

export async function findByCode(db: Knex, code: string): Promise<(CodeRow & { slug: string | null }) | null> {
  const r = (await db('short_codes as c').leftJoin('listings as l', 'l.id', 'c.listing_id').where('c.code', code)
    .first('c.*', 'l.slug')) as Row | undefined;
  return r ? { ...mapCode(r), slug: r.slug === null || r.slug === undefined ? null : String(r.slug) } : null;
}

export async function findPrintCode(db: Knex, orderId: number, editionDate: string): Promise<string | null> {
  const r = (await db('short_codes').where({ order_id: orderId, edition_date: editionDate }).first('code')) as Row | undefined;
  return r ? String(r.code) : null;
}

export async function findCardCode(db: Knex, listingId: number): Promise<string | null> {
  const r = (await db('short_codes').where({ card_listing_id: listingId }).first('code')) as Row | undefined;
  return r ? String(r.code) : null;
}

/** The run of an order in an edition, with the listing its ad leads to (null: none linked). Undefined: no such run. */
export interface OrderRun { listingId: number | null; state: string }

export async function orderRun(db: Knex, orderId: number, editionDate: string): Promise<OrderRun | undefined> {
  const r = (await db('ad_orders as o').join('ad_order_runs as r', 'r.order_id', 'o.id')
    .where({ 'o.id': orderId, 'r.edition_date': editionDate }).first('o.listing_id', 'o.state')) as Row | undefined;
  return r ? { listingId: idOrNull(r.listing_id), state: String(r.state) } : undefined;
}

export async function editionsOf(db: Knex, orderId: number): Promise<string[]> {
  const days = (await db('ad_order_runs').where({ order_id: orderId }).orderBy('edition_date').pluck('edition_date')) as unknown[];
  return days.map(String);
}

/** Inserts a code unless its order × edition (print) or its listing (card) has one; a clash of the code itself throws. */
export interface NewCode { code: string; kind: CodeKind; orderId?: number; editionDate?: string; listingId: number }

export async function insertCode(db: Knex, c: NewCode, now: Date): Promise<void> {
  const row = {
    code: c.code, kind: c.kind, order_id: c.orderId ?? null, edition_date: c.editionDate ?? null,
    card_listing_id: c.kind === 'card' ? c.listingId : null, listing_id: c.listingId, created_at: now,
  };
  await db('short_codes').insert(row).onConflict(c.kind === 'card' ? ['card_listing_id'] : ['order_id', 'edition_date']).ignore();
}

const withSums = (db: Knex) => {
  const sums = db('code_daily_stats').select('code_id').sum({ visits: 'visits' }).sum({ calls: 'calls' }).groupBy('code_id').as('s');
  return db('short_codes as c').leftJoin(sums, 's.code_id', 'c.id').select('c.*', 's.visits', 's.calls');
};

const mapFigures = (r: Row): CodeFigures => ({ ...mapCode(r), visits: toNumber(r.visits ?? 0), calls: toNumber(r.calls ?? 0) });

/** Every code leading to a listing (its print editions and its card) with all-time visits and calls. */
export async function figuresForListing(db: Knex, listingId: number): Promise<CodeFigures[]> {
  // Print editions (newest first) before the card.
  const order = [{ column: 'c.kind', order: 'desc' }, { column: 'c.edition_date', order: 'desc' }, { column: 'c.id' }];
  return ((await withSums(db).where('c.listing_id', listingId).orderBy(order)) as Row[]).map(mapFigures);
}

export async function figuresForOrder(db: Knex, orderId: number): Promise<CodeFigures[]> {
  return ((await withSums(db).where('c.order_id', orderId).orderBy('c.edition_date')) as Row[]).map(mapFigures);
}

export interface DeskCodeRow extends CodeFigures { orderId: number; editionDate: string; options: string; customer: string }

/** Print codes with their order's options (classification) and customer, newest editions first. */
export async function printFigures(db: Knex, limit: number): Promise<DeskCodeRow[]> {
  const rows = (await withSums(db).join('ad_orders as o', 'o.id', 'c.order_id').where('c.kind', 'print')
    .select('o.options_json', 'o.customer_name').orderBy([{ column: 'c.edition_date', order: 'desc' }, { column: 'c.order_id' }])
    .limit(limit)) as Row[];
  return rows.map((r) => ({
    ...mapFigures(r), orderId: toNumber(r.order_id), editionDate: String(r.edition_date),
    options: String(r.options_json), customer: String(r.customer_name),
  }));
}
