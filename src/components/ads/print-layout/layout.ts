/**
 * The classified pages' layout engine: pure functions from the edition's ads, the paper's geometry, the desk's
 * display placements, page locks and manual order to pages → columns → positioned boxes (points, origin top left).
 *
 * Rules (docs/print-pages.md): ads are grouped by classification in the configured order, each group under its
 * heading; within a group the desk's manual order comes first, then extras (boxed or bold) before plain ads, then
 * order date. Line ads flow down the columns and pages and around placed display ads; an ad is never split; a
 * heading is kept with its group's first ad, so it never stands alone at the foot of a column. A locked page keeps
 * its ads: they are set on it first, and the others flow through the unlocked pages.
 */
import { breakLines, type FontKey, type Measure } from './line-break.js';
import { OTHER, type Classification } from './classifications.js';

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
type Metrics = ReturnType<typeof metrics>;

const hasExtras = (a: LayoutAd) => a.box || a.bold;

/** The ads of one group in print order: manual order, then extras first, then order date, then order number. */
export function sortGroup(ads: LayoutAd[], manual: ReadonlyMap<number, number> = new Map()): LayoutAd[] {
  const pos = (a: LayoutAd) => manual.get(a.orderId) ?? Number.POSITIVE_INFINITY;
  return [...ads].sort(
    (a, b) =>
      pos(a) - pos(b) || Number(hasExtras(b)) - Number(hasExtras(a)) || a.orderedAt.localeCompare(b.orderedAt) || a.orderId - b.orderId,
  );
}

/** Line ads grouped by classification in the configured order (기타 last), each group sorted. */
export function groupAds(
  ads: LayoutAd[],
  list: readonly Classification[],
  manual?: ReadonlyMap<number, number>,
): Array<{ group: Classification; ads: LayoutAd[] }> {
  const order = [...list, OTHER];
  const known = new Set(list.map((c) => c.code));
  return order
    .map((group) => ({
      group,
      ads: sortGroup(
        ads.filter((a) => (known.has(a.classification) ? a.classification : OTHER.code) === group.code),
        manual,
      ),
    }))
    .filter((g) => g.ads.length > 0);
}

/** A line ad's box, not yet positioned: its lines at the column width (inside the rule when boxed), code row included. */
function adBox(ad: LayoutAd, m: Metrics, g: Geometry, input: LayoutInput): Box {
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

function headingBox(group: Classification, m: Metrics, g: Geometry): Box {
  return {
    kind: 'heading', classification: group.code, label: group.ko, column: 0, span: 1, x: 0, y: 0, w: m.colW, h: m.headingH,
    lines: [group.ko], font: 'bold', size: g.headingPt, lineHeight: m.headingH, pad: 0, box: false,
  };
}

/** Display ads placed on a page, as boxes (their copy set larger, in bold). */
function displayBoxes(
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

/** Lowest y ≥ `from` in a column where `h` fits between the obstacles (display ads), or null. */
function fitIn(column: number, from: number, h: number, obstacles: Box[], m: Metrics): number | null {
  let y = from;
  for (let moved = true; moved;) {
    moved = false;
    for (const o of obstacles) {
      if (column < o.column || column >= o.column + o.span) continue;
      if (y < o.y + o.h + m.gap && y + h > o.y - m.gap) {
        y = o.y + o.h + m.gap;
        moved = true;
      }
    }
  }
  return y + h <= m.bottom + 0.01 ? y : null;
}

type Unit = Box[];

/** Heading + first ad as one unit (kept together), then each further ad alone. */
function unitsOf(groups: Array<{ group: Classification; ads: LayoutAd[] }>, m: Metrics, g: Geometry, input: LayoutInput): Unit[] {
  const units: Unit[] = [];
  for (const { group, ads } of groups) {
    ads.forEach((ad, i) => units.push(i === 0 ? [headingBox(group, m, g), adBox(ad, m, g, input)] : [adBox(ad, m, g, input)]));
  }
  return units;
}

/**
 * Flows units into the given pages (in order) from their first column; returns the units that did not fit when
 * `pages` is finite, and records ads taller than a column in `overflow`.
 */
function flow(
  units: Unit[],
  pages: () => LayoutPage,
  obstaclesOf: (page: number) => Box[],
  m: Metrics,
  g: Geometry,
  overflow: number[],
  finite: boolean,
): Unit[] {
  let page: LayoutPage | null = null;
  let column = 1;
  let y = m.top;
  const columnHeight = m.bottom - m.top;
  for (let i = 0; i < units.length; i += 1) {
    const unit = units[i];
    const h = unit.reduce((s, b) => s + b.h, 0);
    page ??= pages();
    let at: number | null = null;
    for (let tries = 0; at === null; tries += 1) {
      at = h > columnHeight ? (y === m.top ? m.top : null) : fitIn(column, y, h, obstaclesOf(page.number), m);
      if (at !== null) break;
      column += 1;
      y = m.top;
      if (column > g.columns) {
        if (finite) return units.slice(i);
        page = pages();
        column = 1;
      }
      if (tries > 10_000) throw new Error('layout did not converge');
    }
    if (h > columnHeight) overflow.push(...unit.filter((b) => b.orderId !== undefined).map((b) => b.orderId!));
    let by = at;
    for (const b of unit) {
      page.boxes.push({ ...b, column, x: m.colX(column), y: by });
      by += b.h;
    }
    y = by + m.gap;
  }
  return [];
}

/** The edition's pages. */
export function layoutEdition(input: LayoutInput): Layout {
  const g = input.geometry;
  const m = metrics(g);
  const byId = new Map(input.ads.map((a) => [a.orderId, a]));
  const placements = (input.placements ?? []).filter((p) => byId.get(p.orderId)?.kind === 'display');
  const displays = displayBoxes(byId, placements, m, g, input);
  const obstaclesOf = (page: number) => displays.get(page) ?? [];
  const lines = input.ads.filter((a) => a.kind === 'line');
  const pages = new Map<number, LayoutPage>();
  const pageOf = (n: number, locked = false): LayoutPage => {
    if (!pages.has(n)) pages.set(n, { number: n, locked, boxes: [] });
    return pages.get(n)!;
  };
  const overflow: number[] = [];
  const placed = new Set<number>();
  const lockedNumbers = new Set((input.locks ?? []).map((l) => l.page));

  // Locked pages first: their own ads, set again on the same page in the same order.
  for (const lock of [...(input.locks ?? [])].sort((a, b) => a.page - b.page)) {
    const mine = new Set(lock.orderIds);
    const own = lines.filter((a) => mine.has(a.orderId) && !placed.has(a.orderId));
    const page = pageOf(lock.page, true);
    const rest = flow(
      unitsOf(groupAds(own, input.classifications, input.manualOrder), m, g, input),
      () => page,
      obstaclesOf,
      m,
      g,
      overflow,
      true,
    );
    const left = new Set(rest.flat().map((b) => b.orderId));
    for (const a of own) if (!left.has(a.orderId)) placed.add(a.orderId);
  }

  let next = 1;
  const nextFlowPage = () => {
    while (lockedNumbers.has(next)) next += 1;
    const page = pageOf(next);
    next += 1;
    return page;
  };
  flow(
    unitsOf(
      groupAds(
        lines.filter((a) => !placed.has(a.orderId)),
        input.classifications,
        input.manualOrder,
      ),
      m,
      g,
      input,
    ),
    nextFlowPage,
    obstaclesOf,
    m,
    g,
    overflow,
    false,
  );

  for (const [page, boxes] of displays) pageOf(page).boxes.push(...boxes);
  const last = Math.max(1, ...pages.keys());
  for (let n = 1; n <= last; n += 1) pageOf(n);
  return {
    widthPt: m.width, heightPt: m.height, geometry: g, pages: [...pages.values()].sort((a, b) => a.number - b.number),
    unplaced: input.ads.filter((a) => a.kind === 'display' && !placements.some((p) => p.orderId === a.orderId)).map((a) => a.orderId),
    overflow,
  };
}

/**
 * Why a display ad cannot go where the desk asked (a message key), or null: inside the type area, within the
 * columns, not over another placed display ad on that page.
 */
export function placementError(
  g: Geometry,
  ad: Pick<LayoutAd, 'orderId' | 'columns' | 'cm'>,
  p: Placement,
  others: Placement[],
  sizes: ReadonlyMap<number, { columns: number; cm: number }>,
): string | null {
  const span = ad.columns ?? 1;
  const heightMm = (ad.cm ?? 1) * 10;
  const typeHeightMm = g.pageHeightMm - 2 * g.marginMm;
  if (p.page < 1 || p.page > 99 || p.column < 1 || p.column + span - 1 > g.columns) return 'print.error.column';
  if (p.topMm < 0 || p.topMm + heightMm > typeHeightMm + 0.01) return 'print.error.top';
  for (const o of others) {
    if (o.orderId === ad.orderId || o.page !== p.page) continue;
    const s = sizes.get(o.orderId);
    if (!s) continue;
    const cols = p.column <= o.column + s.columns - 1 && o.column <= p.column + span - 1;
    const rows = p.topMm < o.topMm + s.cm * 10 && o.topMm < p.topMm + heightMm;
    if (cols && rows) return 'print.error.overlap';
  }
  return null;
}

/** The page an ad is on (1-based), or null when it is not in the layout. */
export function pageOfAd(layout: Layout, orderId: number): number | null {
  return layout.pages.find((p) => p.boxes.some((b) => b.orderId === orderId))?.number ?? null;
}
