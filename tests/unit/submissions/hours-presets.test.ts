import { describe, expect, it } from 'vitest';
import { applyHoursMode, hoursEditorState } from '../../../src/components/submissions/hours-presets.js';
import { emptyHours } from '../../../src/components/submissions/form-values.js';

const set = (opens: string, closes: string, breakStart = '', breakEnd = '') => ({ opens, closes, breakStart, breakEnd });
const none = set('', '');

describe('the phone-friendly hours editor', () => {
  it('"매일 같음" with Sunday toggled closed → six open days with the same times, Sunday closed', () => {
    const days = emptyHours();
    days[0].closed = true;
    const out = applyHoursMode('same', days, { same: set('10:00', '20:00', '15:00', '16:00'), weekday: none, weekend: none });
    expect(out[0]).toEqual({ closed: true, opens: '', closes: '', breakStart: '', breakEnd: '' });
    for (const d of [1, 2, 3, 4, 5, 6])
      expect(out[d]).toEqual({ closed: false, opens: '10:00', closes: '20:00', breakStart: '15:00', breakEnd: '16:00' });
  });

  it('"평일/주말" → Monday–Friday from the weekday set, Saturday and Sunday from the weekend set', () => {
    const out = applyHoursMode('split', emptyHours(), { same: none, weekday: set('09:00', '19:00'), weekend: set('10:00', '15:00') });
    expect(out.map((d) => d.opens)).toEqual(['10:00', '09:00', '09:00', '09:00', '09:00', '09:00', '10:00']);
  });

  it('no mode (an older form) or "요일별" → the days as typed', () => {
    const days = emptyHours();
    days[2] = { closed: false, ...set('11:00', '12:00') };
    expect(applyHoursMode('', days, { same: set('1:00', '2:00'), weekday: none, weekend: none })).toBe(days);
    expect(applyHoursMode('each', days, { same: set('1:00', '2:00'), weekday: none, weekend: none })).toBe(days);
  });

  it('stored hours come back in the simplest mode that holds them', () => {
    expect(hoursEditorState(emptyHours()).mode).toBe('same');
    const same = applyHoursMode('same', emptyHours(), { same: set('10:00', '20:00'), weekday: none, weekend: none });
    expect(hoursEditorState(same)).toMatchObject({ mode: 'same', same: set('10:00', '20:00') });
    const split = applyHoursMode('split', emptyHours(), { same: none, weekday: set('09:00', '19:00'), weekend: set('10:00', '15:00') });
    expect(hoursEditorState(split)).toMatchObject({ mode: 'split', weekday: set('09:00', '19:00'), weekend: set('10:00', '15:00') });
    split[3] = { closed: false, ...set('12:00', '13:00') };
    expect(hoursEditorState(split).mode).toBe('each');
  });
});
