/** zod parsing of the moderation, admin and report forms. */
import { z } from 'zod';
import { idParam } from '../../web/params.js';
import { REJECT_REASONS } from './moderation.service.js';
import { REPORT_REASONS } from './reports.repository.js';

const note = (max: number) => z.string().trim().max(max).default('');
const seoulDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((d) => new Date(`${d}T23:59:59+09:00`))
  .refine((d) => !Number.isNaN(d.getTime()));

export const queueQuery = z.object({
  kind: z.enum(['business', 'classified']).optional().catch(undefined),
  category: idParam.optional().catch(undefined),
  district: z.string().trim().max(40).optional().catch(undefined).transform((v) => v || undefined),
  flagged: z.literal('1').optional().catch(undefined),
});

export const listingDecisionForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve') }),
  z.object({ action: z.literal('reject'), reason: z.enum(REJECT_REASONS), note: note(1000) }),
  z.object({ action: z.literal('request_changes'), note: z.string().trim().min(1).max(1000) }),
  z.object({ action: z.literal('feature'), until: z.union([z.literal('').transform(() => null), seoulDate]) }),
  // Closing and removing take a listing off the site: the form's required box is checked here too (no JavaScript needed).
  z.object({ action: z.literal('close'), note: note(1000), confirm: z.literal('1') }),
  z.object({ action: z.literal('remove'), note: note(1000), confirm: z.literal('1') }),
  z.object({ action: z.literal('restore') }),
  z.object({ action: z.literal('mark_reviewed') }),
  z.object({
    action: z.literal('quick_edit'),
    name: z.string().trim().min(1).max(120),
    tagline: z
      .string()
      .trim()
      .max(200)
      .transform((v) => v || null),
    description: z.string().trim().max(5000),
    note: note(1000),
  }),
]);

export const revisionDecisionForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve_edit') }),
  z.object({ action: z.literal('reject_edit'), reason: z.enum(REJECT_REASONS), note: note(1000) }),
]);

export const reportDecisionForm = z.object({ action: z.enum(['dismiss', 'resolve', 'close_listing', 'remove_listing']), note: note(1000) });
/** A free-text note of at most 1,000 characters; empty is no note. */
const optionalNote = z
  .string()
  .trim()
  .max(1000)
  .transform((v) => v || null)
  .default(null);
export const reportForm = z.object({
  reason: z.enum(REPORT_REASONS),
  note: optionalNote,
});
export const ownerResponseForm = z.object({
  response: z.enum(['confirm', 'dispute']),
  note: optionalNote,
});
export const codeForm = z.object({ code: z.string().trim().regex(/^\d{6}$/), next: z.string().max(500).optional() });
export const recoveryCodeForm = z.object({ recoveryCode: z.string().trim().min(1).max(40), next: z.string().max(500).optional() });

export const roleForm = z.object({ role: z.enum(['advertiser', 'desk', 'moderator', 'admin']) });
export const disableForm = z.object({ reason: z.string().trim().min(1).max(500) });
export const categoryForm = z.object({
  parentId: z.union([z.literal('').transform(() => null), idParam]),
  nameKo: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  synonyms: z.string().trim().max(1000).transform((v) => v.split(/[\s,]+/).filter(Boolean).join(' ')),
});
export const mergeForm = z.object({ intoId: idParam });
export const bannedForm = z.object({ kind: z.enum(['word', 'phone']), value: z.string().trim().min(1).max(100) });
