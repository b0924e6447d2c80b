/** SQL of the rate card: products with their price rules and active dates, and the edition calendar's closed days. */
import type { Knex } from 'knex';
import { discountsSchema, priceRuleSchema, type Discounts, type PriceRule } from './pricing.js';

export interface ProductRow {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
  kind: PriceRule['kind'];
  rule: PriceRule;
  discounts: Discounts;
  activeFrom: string;
  activeTo: string | null;
  sort: number;
}

type Row = Record<string, unknown>;

function mapProduct(r: Row): ProductRow {
  return {
    id: Number(r.id), code: String(r.code), nameKo: String(r.name_ko), nameEn: String(r.name_en), kind: r.kind as PriceRule['kind'],
    rule: priceRuleSchema.parse(JSON.parse(String(r.rule_json))), discounts: discountsSchema.parse(JSON.parse(String(r.discounts_json))),
    activeFrom: String(r.active_from), activeTo: r.active_to ? String(r.active_to) : null, sort: Number(r.sort),
  };
}

export async function listProducts(db: Knex): Promise<ProductRow[]> {
  return ((await db('ad_products').orderBy([{ column: 'sort' }, { column: 'id' }])) as Row[]).map(mapProduct);
}

export async function findProduct(db: Knex, id: number): Promise<ProductRow | null> {
  const r = (await db('ad_products').where({ id }).first()) as Row | undefined;
  return r ? mapProduct(r) : null;
}

export interface ProductWrite {
  code: string;
  nameKo: string;
  nameEn: string;
  rule: PriceRule;
  discounts: Discounts;
  activeFrom: string;
  activeTo: string | null;
  sort: number;
}
const productColumns = (p: ProductWrite) => ({
  code: p.code,
  name_ko: p.nameKo,
  name_en: p.nameEn,
  kind: p.rule.kind,
  rule_json: JSON.stringify(p.rule),
  discounts_json: JSON.stringify(p.discounts),
  active_from: p.activeFrom,
  active_to: p.activeTo,
  sort: p.sort,
});

export async function insertProduct(db: Knex, p: ProductWrite, now: Date): Promise<number> {
  const [row] = (await db('ad_products')
    .insert({ ...productColumns(p), created_at: now, updated_at: now })
    .returning('id')) as Array<{ id: number } | number>;
  return typeof row === 'number' ? row : Number(row.id);
}

export async function updateProduct(db: Knex, id: number, p: ProductWrite, now: Date): Promise<boolean> {
  return (await db('ad_products').where({ id }).update({ ...productColumns(p), updated_at: now })) > 0;
}

export async function closedDays(db: Knex): Promise<Array<{ day: string; note: string }>> {
  return ((await db('ad_closed_days').orderBy('day')) as Row[]).map((r) => ({ day: String(r.day), note: String(r.note) }));
}

export async function insertClosedDay(db: Knex, day: string, note: string, userId: number, now: Date): Promise<void> {
  await db('ad_closed_days').insert({ day, note, created_by: userId, created_at: now }).onConflict('day').merge(['note']);
}

export async function deleteClosedDay(db: Knex, day: string): Promise<void> {
  await db('ad_closed_days').where({ day }).delete();
}
