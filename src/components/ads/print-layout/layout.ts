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
import { OTHER, type Classification } from './classifications.js';
import {
  adBox,
  displayBoxes,
  headingBox,
  metrics,
  type Box,
  type Geometry,
  type Layout,
  type LayoutAd,
  type LayoutInput,
  type LayoutPage,
  type Metrics,
  type Placement,
} from './boxes.js';

export { PT_PER_MM, metrics } from './boxes.js';
export type { Box, Geometry, Layout, LayoutAd, LayoutInput, LayoutPage, PageLock, Placement } from './boxes.js';

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
