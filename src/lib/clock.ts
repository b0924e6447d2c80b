/** Time comes from a Clock so tests can fix it; no code calls new Date() for "now" directly. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => { current = new Date(next); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}

/** Wall-clock parts in Asia/Seoul (UTC+9, no daylight saving). */
export function seoulParts(at: Date): { day: string; weekday: number; minutes: number } {
  const shifted = new Date(at.getTime() + 9 * 3600 * 1000);
  return {
    day: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}
