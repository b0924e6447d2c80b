/** SQL of the classified pages: the desk's placements, manual order and page locks per edition, and holding a run back. */
import type { Knex } from 'knex';
import type { PageLock, Placement } from './print-layout/layout.js';

type Row = Record<string, unknown>;

export interface PrintState { placements: Placement[]; manualOrder: Map<number, number>; locks: PageLock[] }

export async function printState(db: Knex, edition: string): Promise<PrintState> {
  const items = (await db('ad_print_items').where({ edition_date: edition })) as Row[];
  const locks = (await db('ad_print_locks').where({ edition_date: edition }).orderBy('page')) as Row[];
  return {
    placements: items
      .filter((r) => r.page !== null)
      .map((r) => ({ orderId: Number(r.order_id), page: Number(r.page), column: Number(r.column_no), topMm: Number(r.top_mm) })),
    manualOrder: new Map(items.filter((r) => r.position !== null).map((r) => [Number(r.order_id), Number(r.position)])),
    locks: locks.map((r) => ({ page: Number(r.page), orderIds: (JSON.parse(String(r.order_ids_json)) as unknown[]).map(Number) })),
  };
}

async function upsertItem(db: Knex, edition: string, orderId: number, fields: Row, now: Date): Promise<void> {
  await db('ad_print_items')
    .insert({ edition_date: edition, order_id: orderId, ...fields, updated_at: now })
    .onConflict(['edition_date', 'order_id'])
    .merge([...Object.keys(fields), 'updated_at']);
}

export async function setPlacement(
  db: Knex,
  edition: string,
  p: Placement | { orderId: number; page: null; column: null; topMm: null },
  now: Date,
): Promise<void> {
  await upsertItem(db, edition, p.orderId, { page: p.page, column_no: p.column, top_mm: p.topMm }, now);
}

/** The desk's order of one group: every ad of it gets its position (one transaction). */
export async function setPositions(db: Knex, edition: string, orderIds: number[], now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    for (const [i, id] of orderIds.entries()) await upsertItem(trx, edition, id, { position: i + 1 }, now);
  });
}

export async function lockPage(db: Knex, edition: string, page: number, orderIds: number[], userId: number, now: Date): Promise<void> {
  await db('ad_print_locks')
    .insert({ edition_date: edition, page, order_ids_json: JSON.stringify(orderIds), locked_by: userId, created_at: now })
    .onConflict(['edition_date', 'page'])
    .merge(['order_ids_json', 'locked_by', 'created_at']);
}

export async function unlockPage(db: Knex, edition: string, page: number): Promise<void> {
  await db('ad_print_locks').where({ edition_date: edition, page }).delete();
}

/** Moves an order's run from one edition to another and forgets its place in the first. False when it had no such run. */
export async function moveRun(trx: Knex, orderId: number, from: string, to: string): Promise<boolean> {
  const moved = await trx('ad_order_runs').where({ order_id: orderId, edition_date: from }).update({ edition_date: to });
  if (!moved) return false;
  await trx('ad_print_items').where({ order_id: orderId, edition_date: from }).delete();
  return true;
}
