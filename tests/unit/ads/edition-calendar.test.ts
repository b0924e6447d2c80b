import { describe, expect, it } from 'vitest';
import {
  bookableEditions,
  deadlineOf,
  editionsBetween,
  isBookable,
  parseWeekdays,
  timeLeft,
} from '../../../src/components/ads/edition-calendar.js';
import { isPublicHoliday, publicHolidays } from '../../../src/lib/korean-holidays.js';

const daily = { weekdays: [1, 2, 3, 4, 5, 6], deadlineDaysBefore: 2, deadlineTime: '17:00' };
const none = new Set<string>();
// Tuesday 2026-11-24, 11:00 in Seoul.
const now = new Date('2026-11-24T02:00:00Z');

describe('edition calendar', () => {
  it('a daily-except-Sunday paper skips Sundays and public holidays (Christmas 2026 is a Friday)', () => {
    const dates = editionsBetween('2026-12-20', 8, daily, none).map((e) => e.date);
    expect(dates).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-26']);
  });

  it('the deadline is two publication days before at 17:00 Seoul, counting over a holiday', () => {
    expect(deadlineOf('2026-11-26', daily, none).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    // 12-26 (Sat): the 25th is no publication day, so the deadline is Wednesday the 23rd.
    expect(deadlineOf('2026-12-26', daily, none).toISOString()).toBe('2026-12-23T08:00:00.000Z');
  });

  it('an edition past its deadline cannot be chosen; the first open one is two days out', () => {
    expect(isBookable('2026-11-25', now, daily, none)).toBe(false);
    expect(isBookable('2026-11-26', now, daily, none)).toBe(true);
    expect(isBookable('2026-11-29', now, daily, none)).toBe(false); // a Sunday
    expect(bookableEditions(now, 2, daily, none).map((e) => e.date)).toEqual(['2026-11-26', '2026-11-27']);
  });

  it('a day the desk closed is no edition and moves later deadlines back', () => {
    const closed = new Set(['2026-11-27']);
    expect(bookableEditions(now, 2, daily, closed).map((e) => e.date)).toEqual(['2026-11-26', '2026-11-28']);
    expect(deadlineOf('2026-11-30', daily, closed).toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('a weekly paper appears on its weekday only', () => {
    const weekly = { weekdays: parseWeekdays('thu')!, deadlineDaysBefore: 1, deadlineTime: '12:00' };
    // The 26th's deadline (the 19th) has passed.
    expect(bookableEditions(now, 2, weekly, none).map((e) => e.date)).toEqual(['2026-12-03', '2026-12-10']);
    expect(deadlineOf('2026-12-03', weekly, none).toISOString()).toBe('2026-11-26T03:00:00.000Z');
  });

  it('time left is shown in days, hours and minutes', () => {
    expect(timeLeft(new Date('2026-11-24T08:00:00Z'), now)).toEqual({ days: 0, hours: 6, minutes: 0, passed: false });
    expect(timeLeft(new Date('2026-11-24T01:00:00Z'), now).passed).toBe(true);
  });

  it('parses weekday config and refuses nonsense', () => {
    expect(parseWeekdays('mon-sat')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays('funday')).toBeNull();
  });
});

describe('korean holidays', () => {
  it('lists the gazette names and knows no year it does not cover', () => {
    expect(publicHolidays(2026)).toContainEqual({ date: '2026-09-25', name: '추석' });
    expect(publicHolidays(1999)).toEqual([]);
    expect(isPublicHoliday('2026-10-09')).toBe(true);
    expect(isPublicHoliday('2026-10-08')).toBe(false);
  });
});
