/** Code figures → what the insights page, the order page and the desk's report print; the desk's CSV. */
import type { Lang } from '../../core/i18n.js';
import { csvLine } from '../desk/index.js';
import type { CodeFigures, DeskCodeRow } from './codes.repository.js';
import { printedCode } from './short-code.js';

type T = (key: string, params?: Record<string, string | number>) => string;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const number = (n: number, lang: Lang) => n.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR');

/** "12월 7일자 신문" / "Paper of 7 Dec" for an edition date (YYYY-MM-DD). */
export function editionLabel(day: string, t: T): string {
  const [, m, d] = day.split('-').map(Number);
  return t('codes.edition', { month: m, day: d, monthName: MONTHS_EN[m - 1] ?? '' });
}

export const sourceLabel = (f: Pick<CodeFigures, 'kind' | 'editionDate'>, t: T) =>
  (f.kind === 'card' || !f.editionDate ? t('codes.card') : editionLabel(f.editionDate, t));

/** One row per code: "12월 7일자 신문 → 방문 31, 전화 9". */
export function codeFiguresVM(rows: Array<Pick<CodeFigures, 'kind' | 'editionDate' | 'code' | 'visits' | 'calls'>>, lang: Lang, t: T) {
  return rows.map((r) => {
    const source = sourceLabel(r, t);
    return {
      source, code: printedCode(r.code), visits: number(r.visits, lang), calls: number(r.calls, lang),
      text: t('codes.figures', { source, visits: number(r.visits, lang), calls: number(r.calls, lang) }),
    };
  });
}

export function classificationOf(optionsJson: string): string {
  try {
    const c = (JSON.parse(optionsJson) as { classification?: unknown }).classification;
    return typeof c === 'string' ? c.trim() : '';
  } catch {
    return '';
  }
}

interface Sum { edition: string; classification: string; ads: number; visits: number; calls: number }

/** The desk's report: sums per edition and per edition × classification (newest edition first). */
export function deskFiguresVM(rows: DeskCodeRow[], lang: Lang, t: T) {
  const perEdition = new Map<string, Sum>();
  const perClass = new Map<string, Sum>();
  const add = (map: Map<string, Sum>, key: string, r: DeskCodeRow, classification: string) => {
    const s = map.get(key) ?? { edition: r.editionDate, classification, ads: 0, visits: 0, calls: 0 };
    s.ads += 1;
    s.visits += r.visits;
    s.calls += r.calls;
    map.set(key, s);
  };
  for (const r of rows) {
    const c = classificationOf(r.options);
    add(perEdition, r.editionDate, r, '');
    add(perClass, `${r.editionDate}|${c}`, r, c);
  }
  const show = (s: Sum) => ({
    edition: s.edition, label: editionLabel(s.edition, t), classification: s.classification || t('codes.desk.unclassified'),
    ads: number(s.ads, lang), visits: number(s.visits, lang), calls: number(s.calls, lang),
  });
  const byKey = (a: Sum, b: Sum) => {
    if (a.edition !== b.edition) return a.edition < b.edition ? 1 : -1;
    return a.classification.localeCompare(b.classification, 'ko');
  };
  return { perEdition: [...perEdition.values()].sort(byKey).map(show), perClass: [...perClass.values()].sort(byKey).map(show) };
}

/** One line per printed ad × edition for the sales staff; customer and classification are user-written (csvLine neutralises formulas). */
export function deskFiguresCsv(rows: DeskCodeRow[]): string {
  return `\uFEFF${csvLine(['게재일', '분류', '주문번호', '광고주', '코드', '방문', '전화'])}${rows
    .map((r) => csvLine([
      r.editionDate, classificationOf(r.options), String(r.orderId), r.customer, printedCode(r.code), String(r.visits), String(r.calls),
    ]))
    .join('')}`;
}
