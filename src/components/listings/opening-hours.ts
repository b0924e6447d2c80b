/**
 * Opening hours in Asia/Seoul: "open now / closes at 20:00 / closed today / opens at 10:00".
 * A day's hours may run past midnight (18:00–02:00): the early-morning part belongs to the previous weekday.
 */
import { changesAt } from '../../lib/changes-at.js';
import { seoulParts } from '../../lib/clock.js';

export interface DayHours {
  weekday: number; // 0 Sunday … 6 Saturday
  isClosed: boolean;
  opensAt?: string | null;
  closesAt?: string | null;
  breakStart?: string | null;
  breakEnd?: string | null;
}

export type OpenState =
  | { kind: 'open'; closesAt: string; breakAt?: string }
  | { kind: 'break'; reopensAt: string }
  | { kind: 'opens-later'; opensAt: string }
  | { kind: 'closed-today' }
  | { kind: 'closed-now' }
  | { kind: 'unknown' };

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Minutes after the day's midnight during which the shop is open, as [start, end) ranges (end may exceed 1440). */
function openRanges(d: DayHours): Array<[number, number]> {
  if (d.isClosed || !d.opensAt || !d.closesAt) return [];
  const open = toMinutes(d.opensAt);
  let close = toMinutes(d.closesAt);
  if (close <= open) close += 1440;
  if (d.breakStart && d.breakEnd) {
    let bs = toMinutes(d.breakStart);
    let be = toMinutes(d.breakEnd);
    if (bs < open) bs += 1440;
    if (be < bs) be += 1440;
    if (bs > open && be < close) return [[open, bs], [be, close]];
  }
  return [[open, close]];
}

/**
 * The first instant after `at` at which `openState` could answer differently: the next opening, closing or break
 * boundary of today or of yesterday's late hours, or Seoul midnight (when the weekday and holidays change).
 * Conservative: a boundary that does not change the answer still counts. Seoul's offset is whole hours, so its
 * minutes start with UTC's.
 */
export function nextOpenStateChange(hours: DayHours[], at: Date, overrides?: DayOverrides): Date {
  const { day, weekday, minutes } = seoulParts(at);
  const byDay = new Map(hours.map((h) => [h.weekday, h]));
  const yesterdayDate = seoulParts(new Date(at.getTime() - 86400_000)).day;
  const boundaries = [1440];
  const closed = { weekday, isClosed: true };
  for (const [s, e] of openRanges(overrides?.get(yesterdayDate) ?? byDay.get((weekday + 6) % 7) ?? closed))
    boundaries.push(s - 1440, e - 1440);
  for (const [s, e] of openRanges(overrides?.get(day) ?? byDay.get(weekday) ?? closed)) boundaries.push(s, e);
  const next = Math.min(...boundaries.filter((b) => b > minutes));
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + (next - minutes) * 60_000);
}

/**
 * Days that keep other hours than the weekly ones, by YYYY-MM-DD (Asia/Seoul): a temporary closure or a public holiday
 * is `{ isClosed: true }`, holiday hours are that day's opening and closing (which may run past midnight as usual).
 */
export type DayOverrides = ReadonlyMap<string, DayHours>;

/**
 * Is the place open at this instant? closures are YYYY-MM-DD days (holidays) when it is closed all day; overrides
 * replace a day's weekly hours (a closure, holiday hours), the early-morning spill-over of the day before included.
 * Registers when the answer may change (`changesAt`), so a kept page showing it is not sent past that instant.
 */
export function openState(hours: DayHours[], at: Date, closures: string[] = [], overrides?: DayOverrides): OpenState {
  if (hours.length === 0) return { kind: 'unknown' };
  changesAt(nextOpenStateChange(hours, at, overrides));
  const { day, weekday, minutes } = seoulParts(at);
  const byDay = new Map(hours.map((h) => [h.weekday, h]));
  const yesterdayDate = seoulParts(new Date(at.getTime() - 86400_000)).day;
  // Spill-over from yesterday's late hours (e.g. 18:00–02:00).
  const yesterday = overrides?.get(yesterdayDate) ?? byDay.get((weekday + 6) % 7);
  if (yesterday && !closures.includes(yesterdayDate)) {
    for (const [s, e] of openRanges(yesterday)) {
      if (e > 1440 && minutes + 1440 >= s && minutes + 1440 < e) return { kind: 'open', closesAt: fmt(e - 1440) };
    }
  }
  const today = overrides?.get(day) ?? byDay.get(weekday);
  if (!today || closures.includes(day) || today.isClosed) return { kind: 'closed-today' };
  const ranges = openRanges(today);
  if (ranges.length === 0) return { kind: 'closed-today' };
  for (const [i, [s, e]] of ranges.entries()) {
    if (minutes >= s && minutes < e) {
      const last = ranges[ranges.length - 1][1];
      return i < ranges.length - 1 ? { kind: 'open', closesAt: fmt(last), breakAt: fmt(e) } : { kind: 'open', closesAt: fmt(e) };
    }
    if (minutes < s) return i === 0 ? { kind: 'opens-later', opensAt: fmt(s) } : { kind: 'break', reopensAt: fmt(s) };
  }
  return { kind: 'closed-now' };
}

function fmt(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function isOpen(state: OpenState): boolean {
  return state.kind === 'open';
}
