/** SQL of ad orders: orders with their print runs, their audit trail and proofs, and the advertiser an order is entered for. */
import type { Knex } from 'knex';
import type { ProductSnapshot } from './pricing.js';
import type { OrderState } from './order-states.js';

export interface OrderOptions {
  bold?: boolean;
  box?: boolean;
  photo?: boolean;
  columns?: number;
  cm?: number;
  colour?: boolean;
  classification?: string;
  /** A featured placement's page: a category slug, a district (시군구) or a search term as stored by normaliseQuery. */
  target?: string;
}

export interface OrderRow {
  id: number;
  advertiserId: number;
  advertiserEmail: string;
  enteredBy: number | null;
  productId: number | null;
  product: ProductSnapshot;
  listingId: number | null;
  copy: string;
  options: OrderOptions;
  customerName: string;
  state: OrderState;
  supply: number;
  vat: number;
  total: number;
  billing: 'bank_transfer' | 'postpay';
  depositor: string;
  taxInvoice: boolean;
  taxBusinessNo: string | null;
  firstDeadline: Date | null;
  createdAt: Date;
  updatedAt: Date;
  runs: string[];
}

export interface ProofRow {
  id: number;
  orderId: number;
  version: number;
  copy: string;
  createdAt: Date;
  decision: string | null;
  note: string | null;
  decidedAt: Date | null;
}

type Row = Record<string, unknown>;
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));
const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

function mapOrder(r: Row, runs: string[]): OrderRow {
  return {
    id: Number(r.id),
    advertiserId: Number(r.advertiser_id),
    advertiserEmail: String(r.advertiser_email ?? ''),
    enteredBy: r.entered_by === null ? null : Number(r.entered_by),
    productId: r.product_id === null ? null : Number(r.product_id),
    product: JSON.parse(String(r.product_json)) as ProductSnapshot,
    listingId: r.listing_id === null ? null : Number(r.listing_id),
    copy: String(r.copy),
    options: JSON.parse(String(r.options_json)) as OrderOptions,
    customerName: String(r.customer_name),
    state: r.state as OrderState,
    supply: Number(r.supply),
    vat: Number(r.vat),
    total: Number(r.total),
    billing: r.billing === 'postpay' ? 'postpay' : 'bank_transfer',
    depositor: String(r.depositor),
    taxInvoice: Boolean(r.tax_invoice),
    taxBusinessNo: r.tax_business_no ? String(r.tax_business_no) : null,
    firstDeadline: maybeDate(r.first_deadline),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    runs,
  };
}

const orderQuery = (db: Knex) =>
  db('ad_orders as o').join('users as u', 'u.id', 'o.advertiser_id').select('o.*', 'u.email as advertiser_email');

async function withRuns(db: Knex, rows: Row[]): Promise<OrderRow[]> {
  if (!rows.length) return [];
  const runs = (await db('ad_order_runs').whereIn('order_id', rows.map((r) => Number(r.id))).orderBy('edition_date')) as Row[];
  const byOrder = new Map<number, string[]>();
  for (const r of runs) byOrder.set(Number(r.order_id), [...(byOrder.get(Number(r.order_id)) ?? []), String(r.edition_date)]);
  return rows.map((r) => mapOrder(r, byOrder.get(Number(r.id)) ?? []));
}

export async function findOrder(db: Knex, id: number): Promise<OrderRow | null> {
  const r = (await orderQuery(db).where('o.id', id).first()) as Row | undefined;
  return r ? (await withRuns(db, [r]))[0] : null;
}

export async function listOrders(
  db: Knex,
  f: { advertiserId?: number; state?: OrderState; edition?: string; limit?: number },
): Promise<OrderRow[]> {
  const q = orderQuery(db)
    .orderBy('o.id', 'desc')
    .limit(f.limit ?? 200);
  if (f.advertiserId !== undefined) q.where('o.advertiser_id', f.advertiserId);
  if (f.state) q.where('o.state', f.state);
  if (f.edition) q.whereIn('o.id', db('ad_order_runs').select('order_id').where('edition_date', f.edition));
  return withRuns(db, (await q) as Row[]);
}

export async function countOrdersByState(db: Knex): Promise<Map<string, number>> {
  const rows = (await db('ad_orders').select('state').count({ n: '*' }).groupBy('state')) as Row[];
  return new Map(rows.map((r) => [String(r.state), Number(r.n)]));
}

export interface OrderWrite {
  advertiserId: number;
  enteredBy: number | null;
  productId: number;
  product: ProductSnapshot;
  listingId: number | null;
  copy: string;
  options: OrderOptions;
  customerName: string;
  state: OrderState;
  supply: number;
  vat: number;
  total: number;
  billing: 'bank_transfer' | 'postpay';
  depositor: string;
  taxInvoice: boolean;
  taxBusinessNo: string | null;
  firstDeadline: Date | null;
}

export async function insertOrder(trx: Knex, o: OrderWrite, runs: string[], now: Date): Promise<number> {
  const [row] = (await trx('ad_orders')
    .insert({
      advertiser_id: o.advertiserId,
      entered_by: o.enteredBy,
      product_id: o.productId,
      product_json: JSON.stringify(o.product),
      listing_id: o.listingId,
      copy: o.copy,
      options_json: JSON.stringify(o.options),
      customer_name: o.customerName,
      state: o.state,
      supply: o.supply,
      vat: o.vat,
      total: o.total,
      billing: o.billing,
      depositor: o.depositor,
      tax_invoice: o.taxInvoice,
      tax_business_no: o.taxBusinessNo,
      first_deadline: o.firstDeadline,
      created_at: now,
      updated_at: now,
    })
    .returning('id')) as Array<{ id: number } | number>;
  const id = typeof row === 'number' ? row : Number(row.id);
  if (runs.length) await trx('ad_order_runs').insert(runs.map((edition_date) => ({ order_id: id, edition_date })));
  return id;
}

/** Sets fields of an order still in `from`; false when another request moved it first. */
export async function updateOrderIf(trx: Knex, id: number, from: OrderState, fields: Row, now: Date): Promise<boolean> {
  return (await trx('ad_orders').where({ id, state: from }).update({ ...fields, updated_at: now })) > 0;
}

export async function setDepositor(trx: Knex, id: number, depositor: string): Promise<void> {
  await trx('ad_orders').where({ id }).update({ depositor });
}

export async function insertAudit(
  trx: Knex,
  e: { actorId: number | null; action: string; orderId: number; reason?: string | null; before?: unknown; after?: unknown },
  now: Date,
): Promise<void> {
  await trx('audit_log').insert({
    actor_id: e.actorId,
    action: e.action.slice(0, 40),
    subject_type: 'ad_order',
    subject_id: e.orderId,
    reason: e.reason ?? null,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
    created_at: now,
  });
}

export async function orderAudit(db: Knex, orderId: number): Promise<Array<{ action: string; createdAt: Date; reason: string | null }>> {
  const rows = (await db('audit_log').where({ subject_type: 'ad_order', subject_id: orderId }).orderBy('id')) as Row[];
  return rows.map((r) => ({ action: String(r.action), createdAt: date(r.created_at), reason: r.reason ? String(r.reason) : null }));
}

const mapProof = (r: Row): ProofRow => ({
  id: Number(r.id), orderId: Number(r.order_id), version: Number(r.version), copy: String(r.copy), createdAt: date(r.created_at),
  decision: r.decision ? String(r.decision) : null, note: r.note ? String(r.note) : null, decidedAt: maybeDate(r.decided_at),
});

export async function listProofs(db: Knex, orderId: number): Promise<ProofRow[]> {
  return ((await db('ad_proofs').where({ order_id: orderId }).orderBy('version')) as Row[]).map(mapProof);
}

export async function insertProof(trx: Knex, orderId: number, copy: string, userId: number, now: Date): Promise<number> {
  const last = (await trx('ad_proofs').where({ order_id: orderId }).max({ v: 'version' }).first()) as Row | undefined;
  const version = Number(last?.v ?? 0) + 1;
  await trx('ad_proofs').insert({ order_id: orderId, version, copy, created_by: userId, created_at: now });
  return version;
}

export async function decideLatestProof(
  trx: Knex,
  orderId: number,
  decision: 'approved' | 'change_requested',
  note: string | null,
  now: Date,
): Promise<void> {
  const last = (await trx('ad_proofs').where({ order_id: orderId }).orderBy('version', 'desc').first()) as Row | undefined;
  if (last) await trx('ad_proofs').where({ id: last.id }).update({ decision, note, decided_at: now });
}


/** Every print run of one edition, with its order (the layout's run list). */
export async function runsOfEdition(db: Knex, edition: string): Promise<OrderRow[]> {
  const rows = (await orderQuery(db)
    .whereIn('o.id', db('ad_order_runs').select('order_id').where('edition_date', edition))
    .orderBy('o.id')) as Row[];
  return withRuns(db, rows);
}

/** An account by e-mail, for the desk entering an order on a customer's behalf. */
export async function findUserIdByEmail(db: Knex, email: string): Promise<number | null> {
  const r = (await db('users').whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first('id')) as Row | undefined;
  return r ? Number(r.id) : null;
}
