import type { Knex } from 'knex';
import { toBool, toNumber } from '../../db/index.js';

export interface Category {
  id: number;
  parentId: number | null;
  slug: string;
  nameKo: string;
  nameEn: string;
  synonyms: string[];
  schemaType: string;
  sortOrder: number;
  isActive: boolean;
}

type Row = Record<string, unknown>;
function mapCategory(r: Row): Category {
  return {
    id: toNumber(r.id), parentId: r.parent_id === null || r.parent_id === undefined ? null : toNumber(r.parent_id), slug: String(r.slug),
    nameKo: String(r.name_ko), nameEn: String(r.name_en), synonyms: String(r.synonyms ?? '').split(/\s+/).filter(Boolean),
    schemaType: String(r.schema_type), sortOrder: toNumber(r.sort_order), isActive: toBool(r.is_active),
  };
}

export async function listCategories(db: Knex): Promise<Category[]> {
  const rows = (await db('categories').where('is_active', true).orderBy([{ column: 'sort_order' }, { column: 'id' }])) as Row[];
  return rows.map(mapCategory);
}

export async function findCategoryBySlug(db: Knex, slug: string): Promise<Category | null> {
  const row = await db('categories').where({ slug }).first();
  return row ? mapCategory(row) : null;
}
