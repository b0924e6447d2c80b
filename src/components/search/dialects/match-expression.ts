/**
 * A search request as engine-neutral clauses; each dialect turns them into its own query language.
 * Every token here is made only of letters and digits by search-tokens.ts, and each dialect still quotes it:
 * nothing a visitor types is ever passed through as query syntax.
 */
export type Field = 'name' | 'keywords' | 'body' | 'choseong' | 'phones' | 'facets';

export interface Clause {
  /** Any of these tokens (OR). */
  anyOf: string[];
  /** Restrict to these fields; all fields when absent. */
  fields?: Field[];
  prefix?: boolean;
}

/** A filter clause (district, category, kind): on the facet tokens alone. */
export const isFacets = (c: Clause): boolean => Boolean(c.fields && c.fields.length > 0 && c.fields.every((f) => f === 'facets'));

export const SAFE_TOKEN = /^[\p{L}\p{N}]+$/u;

export function assertSafe(token: string): string {
  if (!SAFE_TOKEN.test(token)) throw new Error('unsafe search token');
  return token;
}
