/** Query strings → allow-listed, clamped objects. Bad values fall back to defaults; they never reach SQL. */
import { z } from 'zod';
import { GWANGJU_DISTRICT_NAMES, MAX_QUERY_LENGTH } from './search-tokens.js';

const firstString = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(firstString, z.string().optional().catch(undefined));

export const searchQuerySchema = z.object({
  q: text.transform((v) => (v ?? '').slice(0, MAX_QUERY_LENGTH * 2)),
  category: z.preprocess(firstString, z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined)),
  district: z.preprocess(firstString, z.enum(GWANGJU_DISTRICT_NAMES as [string, ...string[]]).optional().catch(undefined)),
  kind: z.preprocess(firstString, z.enum(['business', 'classified']).optional().catch(undefined)),
  open: z.preprocess(firstString, z.literal('now').optional().catch(undefined)),
  sort: z.preprocess(firstString, z.enum(['relevance', 'newest', 'name', 'near']).catch('relevance').default('relevance')),
  literal: z.preprocess(firstString, z.literal('1').optional().catch(undefined)),
  /** The API's ranking facts per result: admins, or NODE_ENV=development (search.routes.ts). */
  explain: z.preprocess(firstString, z.literal('1').optional().catch(undefined)),
  page: z.preprocess(firstString, z.coerce.number().int().min(1).max(1000).catch(1).default(1)),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const suggestQuerySchema = z.object({ q: text.transform((v) => (v ?? '').slice(0, 50)) });

export const idParamSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });
