/**
 * Geometry of the server-rendered SVG charts (no chart library, no script): numbers in, coordinates out.
 * The templates print these into <rect>, <polyline> and <text>; nothing here is HTML.
 */

/** The smallest of 1, 2, 5 × 10^k that is at least n (so gridline labels are round). */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export interface DailyChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: Array<{ x: number; y: number; width: number; height: number; day: string; value: number }>;
  line: string;
  dots: Array<{ cx: number; cy: number; day: string; value: number }>;
  gridlines: Array<{ y: number; label: string }>;
  xLabels: Array<{ x: number; text: string; anchor: 'start' | 'middle' | 'end' }>;
}

/** Bars for one series (calls) and a line for another (views) over the same days and the same scale. */
export function dailyChart(
  days: Array<{ day: string; bar: number; line: number }>,
  opts: { width?: number; height?: number } = {},
): DailyChart {
  const width = opts.width ?? 640;
  const height = opts.height ?? 220;
  const plot = { left: 40, top: 12, right: width - 8, bottom: height - 26 };
  const max = niceCeiling(Math.max(0, ...days.map((d) => Math.max(d.bar, d.line))));
  const slot = (plot.right - plot.left) / Math.max(1, days.length);
  const y = (v: number) => r1(plot.bottom - (v / max) * (plot.bottom - plot.top));
  const cx = (i: number) => r1(plot.left + slot * (i + 0.5));
  const barWidth = r1(Math.max(1, slot * 0.6));
  const bars = days.map((d, i) => ({
    x: r1(cx(i) - barWidth / 2),
    y: y(d.bar),
    width: barWidth,
    height: r1(plot.bottom - y(d.bar)),
    day: d.day,
    value: d.bar,
  }));
  const dots = days.map((d, i) => ({ cx: cx(i), cy: y(d.line), day: d.day, value: d.line }));
  const labelAt = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].filter((i) => i >= 0 && i < days.length);
  return {
    width,
    height,
    plot,
    bars,
    dots,
    line: dots.map((d) => `${d.cx},${d.cy}`).join(' '),
    gridlines: [0, max / 2, max].map((v) => ({ y: y(v), label: Number.isInteger(v) ? String(v) : v.toFixed(1) })),
    xLabels: labelAt.map((i, k) => ({
      x: cx(i),
      text: days[i].day.slice(5).replace('-', '.'),
      anchor: labelAt.length > 1 && k === 0 ? 'start' : k === labelAt.length - 1 && labelAt.length > 1 ? 'end' : 'middle',
    })),
  };
}

/**
 * The last four weeks of daily values (oldest first) as four bars, one per week, for "my listings": a bare line of 30
 * days read as a stray stroke, while four bars with their numbers beside them say "calls per week".
 */
export function weeklyBars(values: number[], width = 96, height = 28) {
  const days = values.slice(-28);
  const weeks = [0, 1, 2, 3].map((w) => days.slice(w * 7, w * 7 + 7).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...weeks);
  const slot = width / weeks.length;
  return {
    width, height, weeks,
    bars: weeks.map((n, i) => {
      const h = n === 0 ? 1 : r1(Math.max(2, (n / max) * (height - 2)));
      return { x: r1(i * slot + 2), y: r1(height - h), width: r1(slot - 4), height: h };
    }),
  };
}
