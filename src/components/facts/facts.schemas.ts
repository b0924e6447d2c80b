/** zod parsing of the facts forms: special days, the holiday rule, residents' reports, the desk's checks. */
import { z } from 'zod';
import { CLOSURE_REASONS, HOLIDAY_RULES } from './special-days.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : null));

export const FACT_REPORT_REASONS = ['closed', 'no_answer', 'moved', 'hours', 'other'] as const;
export const CHECK_METHODS = ['called', 'visited', 'owner'] as const;
export const CHECK_OUTCOMES = ['open', 'closed', 'moved', 'number', 'hours'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** A closure or holiday hours: the field whose value is wrong names the message shown next to it. */
export const specialDayForm = z.object({
  kind: z.enum(['closed', 'hours']),
  startsOn: day,
  endsOn: day,
  reason: z.enum(CLOSURE_REASONS).optional(),
  note: optionalText(200),
  opensAt: z.string().optional(),
  closesAt: z.string().optional(),
}).superRefine((v, ctx) => {
  const span = (Date.parse(v.endsOn) - Date.parse(v.startsOn)) / 86_400_000;
  if (span < 0 || span > 89) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'facts.error.dates' });
  if (v.kind === 'closed' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'facts.error.reason' });
  if (v.kind === 'hours' && (!time.safeParse(v.opensAt ?? '').success || !time.safeParse(v.closesAt ?? '').success)) {
    ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'facts.error.times' });
  }
});
export type SpecialDayInput = z.infer<typeof specialDayForm>;

export const holidayRuleForm = z.object({ rule: z.enum(['none', ...HOLIDAY_RULES]) });
export const answerForm = z.object({ answer: z.string().trim().min(1).max(1000) });
export const factReportForm = z.object({ reason: z.enum(FACT_REPORT_REASONS), note: optionalText(500) });

export const checkForm = z.object({
  method: z.enum(CHECK_METHODS),
  outcome: z.enum(CHECK_OUTCOMES),
  note: optionalText(500),
  newPhone: optionalText(40),
  newAddress: optionalText(200),
  newOpens: optionalText(5),
  newCloses: optionalText(5),
  closedDays: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [
      ...new Set((Array.isArray(v) ? v : v ? [v] : []).map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n <= 6)),
    ]),
});
export type CheckInput = z.infer<typeof checkForm>;

/** One day of the 명절 hours form: as usual, closed, or other hours. */
export const holidayDayChoice = z.object({
  choice: z.enum(['usual', 'closed', 'hours']),
  opensAt: z.string().optional(),
  closesAt: z.string().optional(),
});
export const isTime = (v: string | null | undefined): v is string => time.safeParse(v ?? '').success;
