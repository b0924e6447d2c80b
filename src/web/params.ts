/** Ids as they arrive in paths, queries and forms. */
import { z } from 'zod';
import { NotFoundError } from '../core/errors.js';

/** A database id as text: 1 … 999,999,999, nothing else (no sign, leading zero, exponent or spaces). */
export const idParam = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);

/** The id in a path segment; anything else names a page that does not exist (404). */
export function pathId(raw: unknown): number {
  const parsed = idParam.safeParse(raw);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}
