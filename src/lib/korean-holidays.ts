/**
 * South Korea's public holidays (공휴일) as the official gazette lists them, from @hyunbinseo/holidays-kr (its `all`
 * entry is synchronous). Years the package does not cover give no holidays: callers treat such a day as a working
 * day, so a new year needs a package update (the version's minor number is the last year covered, e.g. 5.2027.x).
 */
import * as years from '@hyunbinseo/holidays-kr/all';

export interface PublicHoliday { date: string /* YYYY-MM-DD */; name: string /* Korean, as the gazette names it */ }

const byYear = new Map<number, Readonly<Record<string, readonly string[]>>>(
  Object.entries(years).map(([key, days]) => [Number(key.slice(1)), days as Readonly<Record<string, readonly string[]>>]),
);

/** The year's public holidays in date order; [] for a year the list does not cover. Two names on one day are joined with " · ". */
export function publicHolidays(year: number): PublicHoliday[] {
  const days = byYear.get(year);
  if (!days) return [];
  return Object.entries(days)
    .map(([date, names]) => ({ date, name: names.join(' · ') }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Whether a calendar day (YYYY-MM-DD, Asia/Seoul) is a public holiday. A malformed date is not one. */
export function isPublicHoliday(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return Object.hasOwn(byYear.get(Number(date.slice(0, 4))) ?? {}, date);
}
