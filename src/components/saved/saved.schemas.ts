/** Forms and bodies of the saved-shops routes, parsed into bounded, allow-listed values. */
import { z } from 'zod';
import { BadRequestError, ValidationError } from '../../core/errors.js';

export const NOTE_MAX = 500;
const ID = /^[1-9]\d{0,8}$/;

/** One id from a form field (a string, never an array or an object). */
export function parseListingId(raw: unknown): number {
  if (typeof raw !== 'string' || !ID.test(raw)) throw new BadRequestError('saved.error.ids');
  return Number(raw);
}

/** A note: trimmed, at most NOTE_MAX characters; empty means none. Too long → 422 with the text kept for the form. */
export function parseNote(raw: unknown): string | null {
  if (raw !== undefined && typeof raw !== 'string') throw new BadRequestError('saved.error.note');
  const note = (raw ?? '').replace(/\r\n/g, '\n').trim();
  if (note.length > NOTE_MAX) throw new ValidationError({ note: 'saved.error.noteTooLong' });
  return note || null;
}

/**
 * The ids a browser asks cards for: "1,2,3" (form) or [1, 2, 3] (JSON), each a database id, at most `max`,
 * duplicates dropped (first kept). Anything else is a 400, never a partial answer.
 */
export function parseIdList(raw: unknown, max: number): number[] {
  const parts =
    typeof raw === 'string'
      ? raw === ''
        ? []
        : raw.split(',')
      : Array.isArray(raw)
        ? raw.map((v) => (typeof v === 'number' ? String(v) : v))
        : null;
  if (!parts || parts.length > max || !parts.every((p) => typeof p === 'string' && ID.test(p)))
    throw new BadRequestError('saved.error.ids');
  return [...new Set(parts.map(Number))];
}

const mergeItem = z.object({ id: z.union([z.number().int(), z.string()]), note: z.string().optional() }).strict();

/** Most entries a posted browser list may hold (a browser whose list outgrew a lowered SAVED_MAX_LISTINGS still merges). */
export const MERGE_ITEMS_MAX = 1000;

/**
 * The browser's list posted after login: { items: [{ id, note? }] }, newest first, at most MERGE_ITEMS_MAX entries
 * (else 400); after duplicates are dropped only the first `max` are kept.
 */
export function parseMergeBody(body: unknown, max: number): Array<{ listingId: number; note: string | null }> {
  const parsed = z.object({ items: z.array(mergeItem).max(Math.max(max, MERGE_ITEMS_MAX)) }).strict().safeParse(body);
  if (!parsed.success) throw new BadRequestError('saved.error.ids');
  const ids = parseIdList(parsed.data.items.map((i) => i.id), Math.max(max, MERGE_ITEMS_MAX)).slice(0, max);
  // A listing listed twice keeps its first note.
  const notes = new Map<number, string>();
  for (const i of parsed.data.items) if (i.note && !notes.has(Number(i.id))) notes.set(Number(i.id), i.note);
  return ids.map((listingId) => {
    try {
      return { listingId, note: parseNote(notes.get(listingId)) };
    } catch {
      throw new BadRequestError('saved.error.note');
    }
  });
}
