/**
 * Special days, as pure functions: temporary closures and holiday hours over ranges of Asia/Seoul calendar days, and
 * a listing's standing holiday rule (공휴일 휴무 / 명절 당일만 휴무) followed from the gazette's list every year. They
 * become the day overrides the "open now" logic reads, the notices of a listing page and its JSON-LD.
 */
import { publicHolidays } from '../../lib/korean-holidays.js';
import type { DayHours } from '../listings/index.js';

export const CLOSURE_REASONS = ['vacation', 'renovation', 'holiday', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const HOLIDAY_RULES = ['public_holidays', 'lunar_days'] as const;
export type HolidayRule = (typeof HOLIDAY_RULES)[number];

export interface SpecialDay {
  id: number;
  listingId: number;
  startsOn: string;
  endsOn: string;
  kind: 'closed' | 'hours';
  reason: ClosureReason | null;
  note: string | null;
  opensAt: string | null;
  closesAt: string | null;
}

/** A day's override, with why: a closure of the listing's own, holiday hours, or the holiday rule (and the holiday's name). */
export type DayOverride = DayHours & { source: 'closure' | 'hours' | 'rule'; holiday?: string };

const DAY_MS = 86_400_000;
export const toDay = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => toDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** 설날 and 추석 themselves (not the days around them): what "명절 당일만 휴무" closes. */
export const isLunarNewYearOrChuseok = (name: string): boolean => name.split(', ').some((n) => n === '설날' || n === '추석');

/** The days from `from` to `to` (inclusive) on which the holiday rule closes the shop, with the holiday's name. */
export function ruleDays(rule: HolidayRule | null, from: string, to: string): Array<{ date: string; name: string }> {
  if (!rule) return [];
  const out: Array<{ date: string; name: string }> = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) {
    for (const h of publicHolidays(y)) {
      if (h.date < from || h.date > to) continue;
      if (rule === 'public_holidays' || isLunarNewYearOrChuseok(h.name)) out.push(h);
    }
  }
  return out;
}

/**
 * The overrides of the days from `from` to `to`: the holiday rule first, then the listing's own special days over
 * it (an owner who opens 10–15 on 설날 despite "공휴일 휴무" said so on purpose); among those, later rows win.
 */
export function dayOverrides(specials: SpecialDay[], rule: HolidayRule | null, from: string, to: string): Map<string, DayOverride> {
  const out = new Map<string, DayOverride>();
  for (const h of ruleDays(rule, from, to)) out.set(h.date, { weekday: 0, isClosed: true, source: 'rule', holiday: h.name });
  for (const s of [...specials].sort((a, b) => a.id - b.id)) {
    const start = s.startsOn > from ? s.startsOn : from;
    const end = s.endsOn < to ? s.endsOn : to;
    for (let d = start; d <= end; d = addDays(d, 1)) {
      out.set(d, s.kind === 'closed'
        ? { weekday: 0, isClosed: true, source: 'closure' }
        : { weekday: 0, isClosed: false, opensAt: s.opensAt, closesAt: s.closesAt, source: 'hours' });
    }
  }
  return out;
}

/** "12/24" (ko) / "12/24" (en): month and day without leading zeros. */
export const shortDate = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
/** "12/24–12/26", or "12/24" for one day. */
export const dateRange = (from: string, to: string): string => (from === to ? shortDate(from) : `${shortDate(from)}–${shortDate(to)}`);

/** Special days the listing page announces: those running now or starting within `aheadDays`, soonest first. */
export function upcoming(specials: SpecialDay[], today: string, aheadDays: number): SpecialDay[] {
  const horizon = addDays(today, aheadDays);
  return specials
    .filter((s) => s.endsOn >= today && s.startsOn <= horizon)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id - b.id);
}

/** schema.org specialOpeningHoursSpecification: closed days as opens = closes = 00:00, holiday hours as they are. */
export function specialHoursJsonLd(specials: SpecialDay[], rule: HolidayRule | null, today: string, aheadDays: number) {
  const spec = (from: string, to: string, opens: string, closes: string) => ({
    '@type': 'OpeningHoursSpecification',
    validFrom: from,
    validThrough: to,
    opens,
    closes,
  });
  const own = specials
    .filter((s) => s.endsOn >= today)
    .map((s) =>
      s.kind === 'closed'
        ? spec(s.startsOn, s.endsOn, '00:00', '00:00')
        : spec(s.startsOn, s.endsOn, s.opensAt ?? '00:00', s.closesAt ?? '00:00'),
    );
  const covered = dayOverrides(specials, null, today, addDays(today, aheadDays));
  const holidays = ruleDays(rule, today, addDays(today, aheadDays))
    .filter((h) => !covered.has(h.date))
    .map((h) => spec(h.date, h.date, '00:00', '00:00'));
  return [...own, ...holidays].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}
