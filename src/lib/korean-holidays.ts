/**
 * Korean public holidays (공휴일), from @hyunbinseo/holidays-kr, which follows the official gazette (관보): 설날 and 추석
 * with the days around them, substitute holidays (대체공휴일) and election days. Years the package does not list give
 * []: a caller must not guess lunar dates. Dates are Asia/Seoul calendar days.
 */
import * as byYear from '@hyunbinseo/holidays-kr/all';

export interface PublicHoliday { date: string /* YYYY-MM-DD */; name: string /* Korean, as the gazette names it */ }

const YEARS = byYear as unknown as Record<string, Readonly<Record<string, readonly string[]>> | undefined>;

const DAY = /^(\d{4})-\d{2}-\d{2}$/;

/** Every public holiday of a year, in date order; one entry per day (two names on one day are joined with ", "). */
export function publicHolidays(year: number): PublicHoliday[] {
  const list = Number.isInteger(year) ? YEARS[`y${year}`] : undefined;
  if (!list) return [];
  return Object.entries(list).map(([date, names]) => ({ date, name: names.join(', ') })).sort((a, b) => a.date.localeCompare(b.date));
}

/** Whether a YYYY-MM-DD day (Asia/Seoul calendar) is a public holiday; false for a year the list does not cover. */
export function isPublicHoliday(date: string): boolean {
  const m = DAY.exec(date);
  if (!m) return false;
  return Boolean(YEARS[`y${m[1]}`]?.[date]);
}
