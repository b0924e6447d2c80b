/**
 * The layout's shapes and sizes: the paper's geometry in points, the ads going in and the pages and boxes coming out,
 * and the box of each line ad, group heading and placed display ad (lines broken at the column width).
 */
import { breakLines, type FontKey, type Measure } from './line-break.js';
import type { Classification } from './classifications.js';

export const PT_PER_MM = 72 / 25.4;

export interface Geometry {
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  gutterMm: number;
  marginMm: number;
  bodyPt: number;
  headingPt: number;
}

export interface LayoutAd {
  orderId: number; kind: 'line' | 'display'; classification: string; copy: string; bold: boolean; box: boolean;
  /** When the order was placed (ISO string): the order within a group after extras. */
  orderedAt: string;
  /** Display ads: size in 단 × cm. */
  columns?: number; cm?: number;
  /** The short code printed with the ad (/p/CODE and a QR), when there is one. */
  code?: string;
}

/** A display ad put on a page by the desk: 1-based page and column, top in mm below the type area's top. */
export interface Placement { orderId: number; page: number; column: number; topMm: number }
export interface PageLock { page: number; orderIds: number[] }

export interface LayoutInput {
  ads: LayoutAd[]; geometry: Geometry; classifications: readonly Classification[]; measure: Measure;
  placements?: Placement[]; locks?: PageLock[];
  /** The desk's manual order: orderId → position within its group (lower first). */
  manualOrder?: ReadonlyMap<number, number>;
  /** What is printed beside the QR for a code (e.g. golmok.kr/p/AB3K). */
  codeText?: (code: string) => string;
}

export interface Box {
  kind: 'heading' | 'ad' | 'display'; orderId?: number; classification: string; label?: string;
  /** 1-based column and how many it spans. */
  column: number; span: number;
  x: number; y: number; w: number; h: number;
  lines: string[]; font: FontKey; size: number; lineHeight: number; pad: number; box: boolean;
  code?: string; codeLines?: string[];
}

export interface LayoutPage { number: number; locked: boolean; boxes: Box[] }
export interface Layout {
  widthPt: number; heightPt: number; geometry: Geometry; pages: LayoutPage[];
  /** Display ads the desk has not placed yet (not printed). */
  unplaced: number[];
  /** Ads taller than a whole column (set at a column's top, running past its foot). */
  overflow: number[];
}

/** Sizes derived from the geometry, in points. */
export function metrics(g: Geometry) {
  const margin = g.marginMm * PT_PER_MM;
  const gutter = g.gutterMm * PT_PER_MM;
  const width = g.pageWidthMm * PT_PER_MM;
  const height = g.pageHeightMm * PT_PER_MM;
  const colW = (width - 2 * margin - (g.columns - 1) * gutter) / g.columns;
  return {
    margin, gutter, width, height, colW, top: margin, bottom: height - margin,
    lineHeight: g.bodyPt * 1.3, headingH: g.headingPt * 1.9, gap: g.bodyPt * 0.7, pad: 2.5,
    qr: 9 * PT_PER_MM, codeSize: Math.max(5, g.bodyPt * 0.8),
    colX: (c: number) => margin + (c - 1) * (colW + gutter),
    spanW: (span: number) => span * colW + (span - 1) * gutter,
  };
}
export type Metrics = ReturnType<typeof metrics>;

/** A line ad's box, not yet positioned: its lines at the column width (inside the rule when boxed), code row included. */
export function adBox(ad: LayoutAd, m: Metrics, g: Geometry, input: LayoutInput): Box {
  const pad = ad.box ? m.pad : 0;
  const font: FontKey = ad.bold ? 'bold' : 'regular';
  const lines = breakLines(ad.copy, m.colW - 2 * pad, font, g.bodyPt, input.measure);
  const codeLines = ad.code
    ? breakLines(input.codeText?.(ad.code) ?? ad.code, m.colW - 2 * pad - m.qr - 2, 'regular', m.codeSize, input.measure)
    : undefined;
  const codeH = codeLines ? Math.max(m.qr, codeLines.length * m.codeSize * 1.25) + 2 : 0;
  return {
    kind: 'ad',
    orderId: ad.orderId,
    classification: ad.classification,
    column: 0,
    span: 1,
    x: 0,
    y: 0,
    w: m.colW,
    h: lines.length * m.lineHeight + 2 * pad + codeH,
    lines,
    font,
    size: g.bodyPt,
    lineHeight: m.lineHeight,
    pad,
    box: ad.box,
    code: ad.code,
    codeLines,
  };
}

export function headingBox(group: Classification, m: Metrics, g: Geometry): Box {
  return {
    kind: 'heading', classification: group.code, label: group.ko, column: 0, span: 1, x: 0, y: 0, w: m.colW, h: m.headingH,
    lines: [group.ko], font: 'bold', size: g.headingPt, lineHeight: m.headingH, pad: 0, box: false,
  };
}

/** Display ads placed on a page, as boxes (their copy set larger, in bold). */
export function displayBoxes(
  ads: Map<number, LayoutAd>,
  placements: Placement[],
  m: Metrics,
  g: Geometry,
  input: LayoutInput,
): Map<number, Box[]> {
  const byPage = new Map<number, Box[]>();
  for (const p of placements) {
    const ad = ads.get(p.orderId);
    if (!ad || ad.kind !== 'display') continue;
    const span = Math.max(1, Math.min(ad.columns ?? 1, g.columns - p.column + 1));
    const w = m.spanW(span);
    const size = g.bodyPt * 1.4;
    const codeLines = ad.code
      ? breakLines(input.codeText?.(ad.code) ?? ad.code, w - 3 * m.pad - m.qr, 'regular', m.codeSize, input.measure)
      : undefined;
    const box: Box = {
      kind: 'display',
      orderId: ad.orderId,
      classification: ad.classification,
      column: p.column,
      span,
      x: m.colX(p.column),
      y: m.top + p.topMm * PT_PER_MM,
      w,
      h: (ad.cm ?? 1) * 10 * PT_PER_MM,
      lines: breakLines(ad.copy, w - 4 * m.pad, 'bold', size, input.measure),
      font: 'bold',
      size,
      lineHeight: size * 1.3,
      pad: 2 * m.pad,
      box: true,
      code: ad.code,
      codeLines,
    };
    byPage.set(p.page, [...(byPage.get(p.page) ?? []), box]);
  }
  return byPage;
}
