/**
 * The phone-friendly opening-hours editor: instead of 28 time inputs, one of three ways to enter a week —
 * "매일 같음" (one set of times), "평일/주말" (Mon–Fri and Sat–Sun), "요일별" (each day) — with closed days as toggles.
 * All three are in the page (the form works without JavaScript); the chosen mode decides which times count.
 */
/** One day of the form's opening hours, as typed. */
export interface HoursValues { closed: boolean; opens: string; closes: string; breakStart: string; breakEnd: string }

export type HoursMode = 'same' | 'split' | 'each';
export interface TimeSet { opens: string; closes: string; breakStart: string; breakEnd: string }
export const HOURS_MODES: readonly HoursMode[] = ['same', 'split', 'each'];
const WEEKEND = new Set([0, 6]);
const blank = (): TimeSet => ({ opens: '', closes: '', breakStart: '', breakEnd: '' });
const timesOf = (h: HoursValues): TimeSet => ({ opens: h.opens, closes: h.closes, breakStart: h.breakStart, breakEnd: h.breakEnd });
const sameTimes = (a: TimeSet, b: TimeSet) =>
  a.opens === b.opens && a.closes === b.closes && a.breakStart === b.breakStart && a.breakEnd === b.breakEnd;

/** Per-day hours (index 0 = Sunday) from the posted mode and time sets; 'each' (or no mode: older forms) keeps the days. */
export function applyHoursMode(
  mode: string,
  days: HoursValues[],
  sets: { same: TimeSet; weekday: TimeSet; weekend: TimeSet },
): HoursValues[] {
  if (mode !== 'same' && mode !== 'split') return days;
  return days.map((d, weekday) => {
    const set = mode === 'same' ? sets.same : WEEKEND.has(weekday) ? sets.weekend : sets.weekday;
    return d.closed ? { ...d, opens: '', closes: '', breakStart: '', breakEnd: '' } : { closed: false, ...set };
  });
}

/** What the editor shows for stored or typed per-day hours: the simplest mode that holds them, and its time sets. */
export function hoursEditorState(days: HoursValues[]): { mode: HoursMode; same: TimeSet; weekday: TimeSet; weekend: TimeSet } {
  const open = days.map((d, weekday) => ({ weekday, times: timesOf(d), closed: d.closed })).filter((d) => !d.closed);
  const filled = open.filter((d) => d.times.opens || d.times.closes || d.times.breakStart || d.times.breakEnd);
  if (filled.length === 0) return { mode: 'same', same: blank(), weekday: blank(), weekend: blank() };
  const weekdays = open.filter((d) => !WEEKEND.has(d.weekday));
  const weekends = open.filter((d) => WEEKEND.has(d.weekday));
  if (open.every((d) => sameTimes(d.times, open[0].times)))
    return { mode: 'same', same: open[0].times, weekday: open[0].times, weekend: open[0].times };
  const uniform = (list: typeof open) => list.every((d) => sameTimes(d.times, list[0].times));
  if (uniform(weekdays) && uniform(weekends)) {
    return { mode: 'split', same: blank(), weekday: weekdays[0]?.times ?? blank(), weekend: weekends[0]?.times ?? blank() };
  }
  return { mode: 'each', same: blank(), weekday: blank(), weekend: blank() };
}
