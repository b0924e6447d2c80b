import { describe, expect, it } from 'vitest';
import { openState, type DayHours } from '../../../src/components/listings/opening-hours.js';

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
