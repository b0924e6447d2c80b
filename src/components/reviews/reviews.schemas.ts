/** Forms and query strings of the reviews pages, parsed into allow-listed, clamped values. */
import { z } from 'zod';
import { BadRequestError } from '../../core/errors.js';
import { REVIEW_REPORT_REASONS } from './review-moderation.service.js';

const id = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);

/** Keyword ids arrive as one value or a repeated field; anything not an id is dropped (an unknown id fails in the service). */
export function keywordIds(raw: unknown): number[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.slice(0, 50).flatMap((v) => {
    const p = id.safeParse(v);
    return p.success ? [p.data] : [];
  });
}

/** `?page=`: one whole number from 1; anything else (a repeated key, an array, 1e309, -1, text) is page 1. */
export const pageParam = z
  .preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z
      .string()
      .regex(/^[1-9]\d{0,5}$/)
      .transform(Number)
      .catch(1),
  )
  .catch(1);

/**
 * A text field, cut at `max`; missing is empty. A repeated field (an array) or a bracketed one (an object) is not a
 * text a form sends: 400, rather than a review posted without the text the person typed (SECURITY-CHECKS I3).
 */
export function text(raw: unknown, max: number): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw new BadRequestError('error.badRequest', { field: 'text' });
  return raw.slice(0, max);
}
export const targetOf = (raw: unknown): 'review' | 'reply' => (raw === 'reply' ? 'reply' : 'review');

export const reviewReportForm = z.object({
  reason: z.enum(REVIEW_REPORT_REASONS),
  note: z.string().trim().max(1000).transform((v) => v || null).default(null),
  target: z.enum(['review', 'reply']).default('review'),
});

export const decisionForm = z.object({
  action: z.enum(['hide', 'restore', 'dismiss']),
  target: z.enum(['review', 'reply']).default('review'),
  note: z.string().trim().max(1000).default(''),
});

/** The `?done=` key of a flash after a redirect (message keys only). */
export const doneKey = (raw: unknown, allowed: readonly string[]): string | null =>
  typeof raw === 'string' && allowed.includes(raw) ? raw : null;
