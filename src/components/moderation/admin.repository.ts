/** SQL of the admin pages: users, categories, banned words and phones. */
import type { Knex } from 'knex';
import { containsInsensitive, insertedId, toBool, toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;

export interface AdminUserRow {
  id: number;
  email: string;
  role: string;
  isDisabled: boolean;
  disabledReason: string | null;
  totpEnabled: boolean;
  createdAt: Date;
  listings: number;
}

export async function listUsers(db: Knex, q: string, limit = 50): Promise<AdminUserRow[]> {
  const query = db('users as u')
    .select('u.id', 'u.email', 'u.role', 'u.is_disabled', 'u.disabled_reason', 'u.totp_enabled_at', 'u.created_at')
    .select(db.raw('(select count(*) from listings l where l.owner_id = u.id and l.deleted_at is null) as listings'))
    .orderBy('u.id', 'desc')
    .limit(limit);
  if (q) query.whereRaw(...containsInsensitive('u.email', q));
  return ((await query) as Row[]).map((r) => ({
    id: toNumber(r.id),
    email: String(r.email),
    role: String(r.role),
    isDisabled: toBool(r.is_disabled),
    disabledReason: (r.disabled_reason ?? null) === null ? null : String(r.disabled_reason),
    totpEnabled: (r.totp_enabled_at ?? null) !== null,
    createdAt: toDate(r.created_at)!,
    listings: toNumber(r.listings),
  }));
}

export interface CategoryRow {
  id: number;
  parentId: number | null;
  slug: string;
  nameKo: string;
  nameEn: string;
  synonyms: string;
  sortOrder: number;
  listings: number;
}

export async function listCategories(db: Knex): Promise<CategoryRow[]> {
  const rows = (await db('categories as c')
    .select('c.*')
    .select(db.raw('(select count(*) from listing_categories lc where lc.category_id = c.id) as listings'))
    .orderBy('c.sort_order')
    .orderBy('c.id')) as Row[];
  return rows.map((r) => ({
    id: toNumber(r.id),
    parentId: (r.parent_id ?? null) === null ? null : toNumber(r.parent_id),
    slug: String(r.slug),
    nameKo: String(r.name_ko),
    nameEn: String(r.name_en),
    synonyms: String(r.synonyms ?? ''),
    sortOrder: toNumber(r.sort_order),
    listings: toNumber(r.listings),
  }));
}

export async function insertCategory(
  trx: Knex.Transaction,
  c: { parentId: number | null; slug: string; nameKo: string; nameEn: string; synonyms: string; schemaType: string },
  now: Date,
): Promise<number> {
  const max = await trx('categories')
    .where((w) => (c.parentId === null ? w.whereNull('parent_id') : w.where('parent_id', c.parentId)))
    .max({ m: 'sort_order' })
    .first();
  const [row] = await trx('categories')
    .insert({
      parent_id: c.parentId,
      slug: c.slug,
      name_ko: c.nameKo,
      name_en: c.nameEn,
      synonyms: c.synonyms,
      schema_type: c.schemaType,
      sort_order: toNumber(max?.m ?? 0) + 10,
      created_at: now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

export async function updateCategory(
  trx: Knex.Transaction,
  id: number,
  fields: Partial<{ parent_id: number | null; name_ko: string; name_en: string; synonyms: string }>,
): Promise<void> {
  await trx('categories').where({ id }).update(fields);
}

export async function findCategory(db: Knex, id: number): Promise<{ id: number; parentId: number | null; schemaType: string } | null> {
  const r = (await db('categories').where({ id }).first('id', 'parent_id', 'schema_type')) as Row | undefined;
  return r
    ? { id: toNumber(r.id), parentId: (r.parent_id ?? null) === null ? null : toNumber(r.parent_id), schemaType: String(r.schema_type) }
    : null;
}

export async function slugTaken(db: Knex, slug: string): Promise<boolean> {
  return Boolean(await db('categories').where({ slug }).first('id'));
}

export async function childCount(db: Knex, id: number): Promise<number> {
  const r = await db('categories').where({ parent_id: id }).count({ n: '*' }).first();
  return toNumber(r?.n ?? 0);
}

export async function listingsInCategory(db: Knex, id: number): Promise<number[]> {
  const a = (await db('listing_categories').where({ category_id: id }).pluck('listing_id')) as unknown[];
  const b = (await db('listings').where({ primary_category_id: id }).pluck('id')) as unknown[];
  return [...new Set([...a, ...b].map(toNumber))];
}

/** Moves every listing of one category into another and deletes the first (no duplicate pairs left behind). */
export async function mergeCategory(trx: Knex.Transaction, fromId: number, intoId: number): Promise<void> {
  const already = (await trx('listing_categories').where({ category_id: intoId }).pluck('listing_id')) as unknown[];
  await trx('listing_categories').where({ category_id: fromId }).whereIn('listing_id', already.map(toNumber)).del();
  await trx('listing_categories').where({ category_id: fromId }).update({ category_id: intoId });
  await trx('listings').where({ primary_category_id: fromId }).update({ primary_category_id: intoId });
  await trx('categories').where({ id: fromId }).del();
}

export interface BannedTermRow { id: number; kind: 'word' | 'phone'; value: string; createdAt: Date }

export async function listBannedTerms(db: Knex): Promise<BannedTermRow[]> {
  return ((await db('banned_terms').orderBy('kind').orderBy('value')) as Row[]).map((r) => ({
    id: toNumber(r.id),
    kind: r.kind as 'word' | 'phone',
    value: String(r.value),
    createdAt: toDate(r.created_at)!,
  }));
}

export async function insertBannedTerm(
  trx: Knex.Transaction,
  kind: 'word' | 'phone',
  value: string,
  by: number,
  now: Date,
): Promise<number | null> {
  const rows = await trx('banned_terms')
    .insert({ kind, value, created_by: by, created_at: now })
    .onConflict(['kind', 'value'])
    .ignore()
    .returning('id');
  const row = rows[0] as unknown;
  return row === undefined ? null : insertedId(row);
}

export async function deleteBannedTerm(trx: Knex.Transaction, id: number): Promise<{ kind: string; value: string } | null> {
  const row = (await trx('banned_terms').where({ id }).first('kind', 'value')) as Row | undefined;
  if (!row) return null;
  await trx('banned_terms').where({ id }).del();
  return { kind: String(row.kind), value: String(row.value) };
}
