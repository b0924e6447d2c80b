/**
 * The edition calendar: which days the paper comes out and until when an ad can be booked for each. A publication
 * day is a configured weekday that is neither a public holiday (src/lib/korean-holidays.ts) nor a day the desk closed.
 * An edition's booking deadline is `deadlineDaysBefore` publication days earlier, at `deadlineTime` Asia/Seoul.
 * Pure functions over plain dates (YYYY-MM-DD, Seoul calendar days); "now" is always passed in.
 */
import { isPublicHoliday } from '../../lib/korean-holidays.js';
import { seoulParts } from '../../lib/clock.js';

export interface CalendarRules {
  /** Weekdays the paper appears, 0 = Sunday … 6 = Saturday (daily except Sunday: 1–6; a weekly on Thursday: 4). */
  weekdays: number[];
  /** Publication days between the deadline's day and the edition (2: two publishing days before). */
  deadlineDaysBefore: number;
  /** "HH:MM" in Asia/Seoul. */
  deadlineTime: string;
}

export interface Edition { date: string; deadline: Date }

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether the paper appears on this day. */
export function isPublicationDay(date: string, rules: CalendarRules, closed: ReadonlySet<string>): boolean {
  return rules.weekdays.includes(weekdayOf(date)) && !isPublicHoliday(date) && !closed.has(date);
}

/** The instant of HH:MM Asia/Seoul (UTC+9, no daylight saving) on a day. */
export function seoulInstant(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((h - 9) * 60 + m) * 60_000);
}

/** The booking deadline of an edition: N publication days earlier at the deadline time (searching at most a year back). */
export function deadlineOf(edition: string, rules: CalendarRules, closed: ReadonlySet<string>): Date {
  let day = edition;
  let left = rules.deadlineDaysBefore;
  for (let i = 0; i < 366 && left > 0; i += 1) {
    day = addDays(day, -1);
    if (isPublicationDay(day, rules, closed)) left -= 1;
  }
  return seoulInstant(day, rules.deadlineTime);
}

/** Publication days from `from` (inclusive) for `days` calendar days, each with its deadline. */
export function editionsBetween(from: string, days: number, rules: CalendarRules, closed: ReadonlySet<string>): Edition[] {
  const out: Edition[] = [];
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    if (isPublicationDay(date, rules, closed)) out.push({ date, deadline: deadlineOf(date, rules, closed) });
  }
  return out;
}

/** The next `count` editions still open for booking at `now` (deadline not passed), looking at most 400 days ahead. */
export function bookableEditions(now: Date, count: number, rules: CalendarRules, closed: ReadonlySet<string>): Edition[] {
  const today = seoulParts(now).day;
  return editionsBetween(today, 400, rules, closed).filter((e) => e.deadline.getTime() > now.getTime()).slice(0, count);
}

/** Whether an edition can still be booked at `now`: a publication day whose deadline has not passed. */
export function isBookable(date: string, now: Date, rules: CalendarRules, closed: ReadonlySet<string>): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(date) && isPublicationDay(date, rules, closed) && deadlineOf(date, rules, closed).getTime() > now.getTime()
  );
}

/** Time left until a deadline, for display: days, hours and minutes (all 0 once passed). */
export function timeLeft(deadline: Date, now: Date): { days: number; hours: number; minutes: number; passed: boolean } {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0, passed: true };
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60, passed: false };
}

/** Parses a weekday list from config: "mon-sat", "thu", "mon,wed,fri" → weekday numbers. */
export function parseWeekdays(spec: string): number[] | null {
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const out = new Set<number>();
  for (const part of spec.toLowerCase().split(',').map((p) => p.trim())) {
    const range = part.match(/^([a-z]{3})-([a-z]{3})$/);
    if (range) {
      const a = names.indexOf(range[1]);
      const b = names.indexOf(range[2]);
      if (a < 0 || b < 0 || b < a) return null;
      for (let d = a; d <= b; d += 1) out.add(d);
    } else if (names.includes(part)) out.add(names.indexOf(part));
    else return null;
  }
  return out.size > 0 ? [...out].sort() : null;
}
