/** Facts → exactly what the templates print: notices, the check line, the owner's and the desk's pages, door notices. */
import type { Lang } from '../../core/i18n.js';
import type { PageFacts } from './facts.service.js';
import type { OpenReportSummary, QueueRow } from './facts.repository.js';
import { dateRange, shortDate, type HolidayRule, type SpecialDay } from './special-days.js';
import { addDays } from './special-days.js';

type T = (key: string, params?: Record<string, string | number>) => string;

export function specialDayText(s: SpecialDay, t: T): string {
  const dates = dateRange(s.startsOn, s.endsOn);
  return s.kind === 'closed'
    ? t('facts.notice.closed', { dates, reason: s.note && s.reason === 'other' ? s.note : t(`facts.reason.${s.reason ?? 'other'}`) })
    : t('facts.notice.hours', { dates, opens: s.opensAt ?? '', closes: s.closesAt ?? '' });
}

/** The listing page's facts section: 폐업, notices (a week ahead and during), "checking", "checked on · how". */
export function listingFactsVM(f: PageFacts, outOfBusinessAt: Date | null, t: T) {
  return {
    outOfBusiness: outOfBusinessAt ? t('facts.outOfBusiness', { date: outOfBusinessAt.toISOString().slice(0, 10) }) : null,
    notices: [
      ...f.notices.map((s) => ({ start: s.startsOn, text: specialDayText(s, t) })),
      ...f.ruleNotices.map((h) => ({ start: h.date, text: t('facts.notice.rule', { dates: shortDate(h.date), holiday: h.name }) })),
    ]
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((n) => n.text),
    reviewing: f.reviewing && !outOfBusinessAt ? t('facts.reviewing') : null,
    checked: f.check
      ? t('facts.checked', { date: f.check.checkedAt.toISOString().slice(0, 10), method: t(`facts.method.${f.check.method}`) })
      : null,
  };
}

export function reportSummaryVM(byReason: OpenReportSummary[], t: T) {
  return byReason.map((r) => t('facts.manage.reportCount', { reason: t(`facts.report.reason.${r.reason}`), n: r.n }));
}

export function manageVM(
  d: {
    listing: { id: number; name: string };
    specials: SpecialDay[];
    rule: HolidayRule | null;
    reports: { byReason: OpenReportSummary[]; notes: Array<{ note: string }> };
    answer: string | null;
    today: string;
    csrfToken: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
    notice?: string | null;
  },
  t: T,
) {
  const base = `/my/listings/${d.listing.id}/facts`;
  const values = d.values ?? {
    kind: 'closed',
    startsOn: d.today,
    endsOn: d.today,
    reason: 'vacation',
    note: '',
    opensAt: '',
    closesAt: '',
  };
  return {
    title: t('facts.manage.title', { name: d.listing.name }),
    listingUrl: `/listings/${d.listing.id}`,
    csrfToken: d.csrfToken,
    notice: d.notice ?? null,
    specials: d.specials.map((s) => ({
      text: specialDayText(s, t),
      deleteAction: `${base}/special-days/${s.id}/delete`,
      door: s.kind === 'closed' ? { a4: `${base}/door-notice/${s.id}?size=a4`, a5: `${base}/door-notice/${s.id}?size=a5` } : null,
    })),
    addAction: `${base}/special-days`,
    values,
    errors: Object.fromEntries(Object.entries(d.errors ?? {}).map(([k, v]) => [k, t(v)])),
    kinds: (['closed', 'hours'] as const).map((k) => ({ value: k, label: t(`facts.form.kind.${k}`), checked: values.kind === k })),
    reasons: (['vacation', 'renovation', 'holiday', 'other'] as const).map((r) => ({
      value: r,
      label: t(`facts.reason.${r}`),
      selected: values.reason === r,
    })),
    ruleAction: `${base}/holiday-rule`,
    rules: (['none', 'public_holidays', 'lunar_days'] as const).map((r) => ({
      value: r,
      label: t(`facts.rule.${r}`),
      checked: (d.rule ?? 'none') === r,
    })),
    reports: reportSummaryVM(d.reports.byReason, t),
    reportNotes: d.reports.notes.map((n) => n.note),
    answer: d.answer ?? '',
    answerAction: `${base}/answer`,
  };
}

export function queueVM(rows: QueueRow[], threshold: number, t: T, done: boolean) {
  return {
    intro: t('facts.queue.intro', { threshold }),
    done: done ? t('facts.check.done') : null,
    rows: rows.map((r) => ({
      name: r.name,
      url: `/listings/${r.listingId}`,
      checkUrl: `/checks/${r.listingId}`,
      reporters: r.reporters,
      views: r.views,
      answered: r.answered,
    })),
  };
}

export function checkVM(
  d: {
    listing: { id: number; name: string };
    reports: { byReason: OpenReportSummary[]; notes: Array<{ note: string }> };
    answer: string | null;
    reporters: number;
    csrfToken: string;
    values?: Record<string, string | string[]>;
    errors?: Record<string, string>;
  },
  lang: Lang,
  t: T,
) {
  const v = d.values ?? {};
  const closed = new Set((Array.isArray(v.closedDays) ? v.closedDays : v.closedDays ? [v.closedDays] : []).map(String));
  return {
    title: t('facts.check.title', { name: d.listing.name }),
    listingUrl: `/listings/${d.listing.id}`,
    action: `/checks/${d.listing.id}`,
    csrfToken: d.csrfToken,
    reports: reportSummaryVM(d.reports.byReason, t),
    notes: d.reports.notes.map((n) => n.note),
    answer: d.answer,
    errors: Object.fromEntries(Object.entries(d.errors ?? {}).map(([k, e]) => [k, t(e)])),
    methods: (['called', 'visited', 'owner'] as const).map((m) => ({ value: m, label: t(`facts.method.${m}`), checked: v.method === m })),
    outcomes: (['open', 'closed', 'moved', 'number', 'hours'] as const).map((o) => ({
      value: o,
      label: t(`facts.outcome.${o}`),
      checked: v.outcome === o,
    })),
    values: {
      newPhone: String(v.newPhone ?? ''),
      newAddress: String(v.newAddress ?? ''),
      newOpens: String(v.newOpens ?? ''),
      newCloses: String(v.newCloses ?? ''),
      note: String(v.note ?? ''),
    },
    weekdays: [1, 2, 3, 4, 5, 6, 0].map((d2) => ({ value: String(d2), label: t(`hours.day.${d2}`), checked: closed.has(String(d2)) })),
    lang,
  };
}

/** A door notice: the closure's dates and reason, the day it reopens, a QR code to the listing page. */
export function doorNoticeVM(d: { name: string; day: SpecialDay; qrSvg: string; url: string; size: 'a4' | 'a5' }, lang: Lang, t: T) {
  const reopens = addDays(d.day.endsOn, 1);
  return {
    size: d.size,
    sizeClass: d.size === 'a5' ? 'notice-a5' : 'notice-a4',
    lang,
    name: d.name,
    heading: d.day.kind === 'closed' ? t('facts.door.title') : t('facts.door.hoursTitle'),
    dates: specialDayText(d.day, t),
    reopens:
      d.day.kind === 'closed'
        ? t('facts.door.reopens', { date: lang === 'ko' ? `${Number(reopens.slice(5, 7))}월 ${Number(reopens.slice(8, 10))}일` : reopens })
        : null,
    sorry: t('facts.door.sorry'),
    scan: t('facts.door.scan'),
    qrSvgHtml: d.qrSvg,
    url: d.url,
    shortUrl: d.url.replace(/^https?:\/\//, '').replace(/\?.*$/, ''),
  };
}
