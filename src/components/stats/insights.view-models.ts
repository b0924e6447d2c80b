/** Insights → exactly what the insights page, its CSV and the "my listings" sparklines print. */
import type { Lang } from '../../core/i18n.js';
import { listingPath } from '../listings/index.js';
import { parsePhone } from '../phones/index.js';
import { codeFiguresVM } from '../codes/index.js';
import { dailyChart, weeklyBars } from './insights-chart.js';
import { PERIODS, type ListingInsights, type Totals } from './insights.service.js';
import { LISTING_COUNTERS, type ListingCounter } from './stats.repository.js';

type T = (key: string, params?: Record<string, string | number>) => string;

const number = (n: number, lang: Lang) => n.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR');
const dayText = (day: string, lang: Lang) => {
  const [, m, d] = day.split('-').map(Number);
  return lang === 'en' ? `${m}/${d}` : `${m}월 ${d}일`;
};

/** "+25%", "−10%", "new" or "no change" against the previous period. */
export function changeText(current: number, previous: number, t: T): { text: string; trend: 'up' | 'down' | 'same' } {
  if (current === previous) return { text: t('insights.change.same'), trend: 'same' };
  if (previous === 0) return { text: t('insights.change.new'), trend: 'up' };
  const pct = Math.round(((current - previous) / previous) * 100);
  return { text: pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`, trend: pct > 0 ? 'up' : pct < 0 ? 'down' : 'same' };
}

export function insightsVM(d: ListingInsights, lang: Lang, t: T) {
  const base = `/my/listings/${d.listing.id}/insights`;
  const label = (c: ListingCounter) => t(`insights.metric.${c}`);
  const busiest = d.series.reduce((best, r) => (r.calls > best.calls ? r : best), d.series[0]);
  const chart = dailyChart(d.series.map((r) => ({ day: r.day, bar: r.calls, line: r.views })));
  const summary =
    t('insights.summary', {
      days: d.days,
      views: number(d.totals.views, lang),
      calls: number(d.totals.calls, lang),
      previousViews: number(d.previous.views, lang),
      previousCalls: number(d.previous.calls, lang),
    }) +
    (busiest && busiest.calls > 0
      ? ` ${t('insights.busiest', { day: dayText(busiest.day, lang), calls: number(busiest.calls, lang) })}`
      : '');
  const formatNumber = (e164: string) => parsePhone(e164)?.display ?? e164;
  return {
    listingName: d.listing.name,
    listingUrl: listingPath(d.listing),
    rangeText: t('insights.range', { from: d.from, to: d.to }),
    periods: PERIODS.map((p) => ({ days: p, href: `${base}?days=${p}`, label: t('insights.period', { days: p }), current: p === d.days })),
    csvHref: `${base}.csv?days=${d.days}`,
    cards: LISTING_COUNTERS.map((c) => ({
      key: c,
      label: label(c),
      value: number(d.totals[c], lang),
      previous: number(d.previous[c], lang),
      change: changeText(d.totals[c], d.previous[c], t),
    })),
    chart: {
      ...chart,
      title: t('insights.chartTitle', { days: d.days }),
      summary,
      bars: chart.bars.map((b) => ({ ...b, tooltip: `${dayText(b.day, lang)}: ${label('calls')} ${b.value}` })),
      dots: chart.dots.map((p) => ({ ...p, tooltip: `${dayText(p.day, lang)}: ${label('views')} ${p.value}` })),
    },
    summary,
    table: {
      headers: LISTING_COUNTERS.map(label),
      rows: [...d.series].reverse().map((r) => ({ day: r.day, cells: LISTING_COUNTERS.map((c) => number(r[c], lang)) })),
      totals: LISTING_COUNTERS.map((c) => number(d.totals[c], lang)),
    },
    phones: d.phones.map((p) => ({
      display: p.former ? formatNumber(p.e164) : p.display,
      label: p.former ? t('insights.formerNumber') : (p.label ?? ''),
      branch: p.branch ?? '',
      calls: number(p.calls, lang),
    })),
    branches: d.branches.map((b) => ({ name: b.name, calls: number(b.calls, lang) })),
    queries: d.queries.shown.map((q) => ({ query: q.query, impressions: number(q.impressions, lang), clicks: number(q.clicks, lang) })),
    otherQueries: d.queries.other
      ? { impressions: number(d.queries.other.impressions, lang), clicks: number(d.queries.other.clicks, lang) }
      : null,
    threshold: t('insights.queriesThreshold', { n: 3 }),
    // Featured "광고" slots bought for this listing: what each brought (no visitor is kept, only counts).
    placements: d.placements.map((p) => ({
      name: t(`ads.placement.${p.placement}`, { target: p.target }),
      period: `${p.startsAt.toISOString().slice(0, 10)} – ${p.endsAt.toISOString().slice(0, 10)}`,
      impressions: number(p.impressions, lang),
      visits: number(p.visits, lang),
      calls: number(p.calls, lang),
    })),
    codes: codeFiguresVM(d.codes, lang, t),
    codeTotals: {
      label: t('codes.listingTotals', { days: d.days }),
      views: number(d.totals.views, lang),
      calls: number(d.totals.calls, lang),
    },
  };
}

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The daily figures as CSV: UTF-8 with a byte-order mark (Excel then reads Hangul correctly), CRLF line ends. */
export function insightsCsv(d: ListingInsights, t: T): string {
  const lines = [[t('insights.day'), ...LISTING_COUNTERS.map((c) => t(`insights.metric.${c}`))]];
  for (const r of d.series) lines.push([r.day, ...LISTING_COUNTERS.map((c) => String(r[c]))]);
  lines.push([t('insights.total'), ...LISTING_COUNTERS.map((c) => String(d.totals[c]))]);
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The sparkline and totals shown on each row of "my listings". */
export function sparklineVM(listingId: number, s: { calls: number[]; totals: Pick<Totals, 'calls' | 'views'> }, lang: Lang, t: T) {
  return {
    ...weeklyBars(s.calls),
    weeksText: t('insights.weeksText', { weeks: weeklyBars(s.calls).weeks.map((n) => number(n, lang)).join(' · ') }),
    text: t('insights.sparkText', { calls: number(s.totals.calls, lang), views: number(s.totals.views, lang) }),
    url: `/my/listings/${listingId}/insights`,
  };
}
