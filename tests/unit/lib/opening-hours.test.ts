import { describe, expect, it } from 'vitest';
import { nextOpenStateChange, openState, type DayHours } from '../../../src/components/listings/opening-hours.js';
import { watchChanges } from '../../../src/lib/changes-at.js';

const week = (h: Omit<DayHours, 'weekday'>, closedOn: number[] = []): DayHours[] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => (closedOn.includes(weekday) ? { weekday, isClosed: true } : { weekday, ...h }));
// 2026-11-24 is a Tuesday (weekday 2). Seoul = UTC+9.
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('openState (Asia/Seoul, fixed instants)', () => {
  const shop = week({ isClosed: false, opensAt: '10:00', closesAt: '20:00', breakStart: '15:00', breakEnd: '16:00' }, [0]);

  it('Tuesday 11:00 → open, closes at 20:00, break at 15:00', () => {
    expect(openState(shop, seoul('2026-11-24T11:00:00'))).toEqual({ kind: 'open', closesAt: '20:00', breakAt: '15:00' });
  });
  it('Tuesday 15:30 → on a break, reopens at 16:00', () => {
    expect(openState(shop, seoul('2026-11-24T15:30:00'))).toEqual({ kind: 'break', reopensAt: '16:00' });
  });
  it('Tuesday 16:30 → open, closes at 20:00', () => {
    expect(openState(shop, seoul('2026-11-24T16:30:00'))).toEqual({ kind: 'open', closesAt: '20:00' });
  });
  it('Tuesday 08:00 → opens at 10:00', () => {
    expect(openState(shop, seoul('2026-11-24T08:00:00'))).toEqual({ kind: 'opens-later', opensAt: '10:00' });
  });
  it('Tuesday 21:00 → closed for now', () => {
    expect(openState(shop, seoul('2026-11-24T21:00:00'))).toEqual({ kind: 'closed-now' });
  });
  it('Sunday (day off) → closed today', () => {
    expect(openState(shop, seoul('2026-11-29T12:00:00'))).toEqual({ kind: 'closed-today' });
  });
  it('a holiday closure on a working day → closed today', () => {
    expect(openState(shop, seoul('2026-11-24T12:00:00'), ['2026-11-24'])).toEqual({ kind: 'closed-today' });
  });
  it('UTC midnight is 09:00 in Seoul: 2026-11-24T01:30Z → opens at 10:00', () => {
    expect(openState(shop, new Date('2026-11-24T00:30:00Z'))).toEqual({ kind: 'opens-later', opensAt: '10:00' });
  });

  const bar = week({ isClosed: false, opensAt: '18:00', closesAt: '02:00' }, [1]);
  it('across midnight: Tuesday 01:00 (Monday closed) → closed; Wednesday 01:00 → open until 02:00', () => {
    expect(openState(bar, seoul('2026-11-24T01:00:00')).kind).not.toBe('open');
    expect(openState(bar, seoul('2026-11-25T01:00:00'))).toEqual({ kind: 'open', closesAt: '02:00' });
  });
  it('across midnight: Tuesday 23:30 → open until 02:00', () => {
    expect(openState(bar, seoul('2026-11-24T23:30:00'))).toEqual({ kind: 'open', closesAt: '02:00' });
  });
  it('no hours given → unknown', () => {
    expect(openState([], seoul('2026-11-24T12:00:00'))).toEqual({ kind: 'unknown' });
  });
});

describe('nextOpenStateChange: the first instant the open/closed line may read differently', () => {
  const shop = week({ isClosed: false, opensAt: '10:00', closesAt: '20:00', breakStart: '15:00', breakEnd: '16:00' }, [0]);
  const bar = week({ isClosed: false, opensAt: '18:00', closesAt: '02:00' }, [1]);
  it.each([
    ['before opening', shop, '2026-11-24T08:12:30', '2026-11-24T10:00:00'],
    ['open, before the break', shop, '2026-11-24T11:00:00', '2026-11-24T15:00:00'],
    ['on the break', shop, '2026-11-24T15:30:59', '2026-11-24T16:00:00'],
    ['open, after the break', shop, '2026-11-24T19:59:30', '2026-11-24T20:00:00'],
    ['closed for the evening: Seoul midnight', shop, '2026-11-24T21:00:00', '2026-11-25T00:00:00'],
    ['day off: Seoul midnight', shop, '2026-11-29T12:00:00', '2026-11-30T00:00:00'],
    ["yesterday's late hours end at 02:00", bar, '2026-11-25T01:00:00', '2026-11-25T02:00:00'],
    ['late opening', bar, '2026-11-25T12:00:00', '2026-11-25T18:00:00'],
  ] as const)('%s', (_label, hours, at, expected) => {
    expect(nextOpenStateChange([...hours], seoul(at)).toISOString()).toBe(seoul(expected).toISOString());
  });

  it('the answer does not change before that instant, and does at it (every minute of a week, both shops)', () => {
    for (const hours of [shop, bar]) {
      for (let t = seoul('2026-11-23T00:00:00').getTime(); t < seoul('2026-11-30T00:00:00').getTime(); t += 7 * 60_000) {
        const at = new Date(t);
        const next = nextOpenStateChange(hours, at);
        expect(next.getTime()).toBeGreaterThan(t);
        expect(openState(hours, new Date(next.getTime() - 1))).toEqual(openState(hours, at));
      }
    }
  });

  it('openState registers that instant with a watching caller (the page cache), and nothing without one', () => {
    const watch = { until: Infinity };
    watchChanges(watch, () => openState(shop, seoul('2026-11-24T19:59:30')));
    expect(new Date(watch.until).toISOString()).toBe(seoul('2026-11-24T20:00:00').toISOString());
    expect(() => openState(shop, seoul('2026-11-24T19:59:30'))).not.toThrow();
  });
});
