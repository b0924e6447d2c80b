/** SQL of bank-transfer payments: an order's payments and the uploaded statement's lines with their match status. */
import type { Knex } from 'knex';

export interface PaymentRow {
  id: number;
  orderId: number;
  method: string;
  amount: number;
  provider: string | null;
  providerRef: string | null;
  statementLineId: number | null;
  createdAt: Date;
}
export interface StatementLineRow {
  id: number;
  lineKey: string;
  bookedOn: string;
  depositor: string;
  amount: number;
  memo: string;
  status: string;
  orderId: number | null;
  createdAt: Date;
}

type Row = Record<string, unknown>;
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));

const mapPayment = (r: Row): PaymentRow => ({
  id: Number(r.id),
  orderId: Number(r.order_id),
  method: String(r.method),
  amount: Number(r.amount),
  provider: r.provider ? String(r.provider) : null,
  providerRef: r.provider_ref ? String(r.provider_ref) : null,
  statementLineId: r.statement_line_id === null ? null : Number(r.statement_line_id),
  createdAt: date(r.created_at),
});

export async function listPayments(db: Knex, orderId: number): Promise<PaymentRow[]> {
  return ((await db('ad_payments').where({ order_id: orderId }).orderBy('id')) as Row[]).map(mapPayment);
}

export async function insertPayment(
  trx: Knex,
  p: { orderId: number; method: string; amount: number; statementLineId: number | null; recordedBy: number | null },
  now: Date,
): Promise<void> {
  await trx('ad_payments').insert({
    order_id: p.orderId,
    method: p.method,
    amount: p.amount,
    statement_line_id: p.statementLineId,
    recorded_by: p.recordedBy,
    created_at: now,
  });
}

const mapLine = (r: Row): StatementLineRow => ({
  id: Number(r.id),
  lineKey: String(r.line_key),
  bookedOn: String(r.booked_on),
  depositor: String(r.depositor),
  amount: Number(r.amount),
  memo: String(r.memo),
  status: String(r.status),
  orderId: r.order_id === null ? null : Number(r.order_id),
  createdAt: date(r.created_at),
});

export async function existingLineKeys(db: Knex, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of (await db('ad_statement_lines')
      .whereIn('line_key', keys.slice(i, i + 500))
      .select('line_key')) as Row[])
      found.add(String(r.line_key));
  }
  return found;
}

export async function insertLine(
  trx: Knex,
  l: Omit<StatementLineRow, 'id' | 'createdAt'> & { uploadedBy: number },
  now: Date,
): Promise<number> {
  const [row] = (await trx('ad_statement_lines')
    .insert({
      line_key: l.lineKey,
      booked_on: l.bookedOn,
      depositor: l.depositor,
      amount: l.amount,
      memo: l.memo,
      status: l.status,
      order_id: l.orderId,
      uploaded_by: l.uploadedBy,
      created_at: now,
    })
    .returning('id')) as Array<{ id: number } | number>;
  return typeof row === 'number' ? row : Number(row.id);
}

export async function findLine(db: Knex, id: number): Promise<StatementLineRow | null> {
  const r = (await db('ad_statement_lines').where({ id }).first()) as Row | undefined;
  return r ? mapLine(r) : null;
}

export async function setLineStatus(trx: Knex, id: number, from: string[], status: string, orderId: number | null): Promise<boolean> {
  return (await trx('ad_statement_lines').where({ id }).whereIn('status', from).update({ status, order_id: orderId })) > 0;
}

export async function listLines(db: Knex, statuses: string[], limit = 200): Promise<StatementLineRow[]> {
  return ((await db('ad_statement_lines').whereIn('status', statuses).orderBy('id', 'desc').limit(limit)) as Row[]).map(mapLine);
}
