/** The classified pages' layout → what the desk's preview page prints (an SVG per page and a readable list). */
import type { Classification } from './print-layout/classifications.js';
import { PT_PER_MM, type Layout } from './print-layout/layout.js';
import type { EditionAd } from './print.service.js';

type T = (k: string, p?: Record<string, string | number>) => string;

const round = (n: number) => Math.round(n * 10) / 10;

export interface PlaceValues { order: string; page: string; column: string; top: string }

export function printPageVM(p: {
  day: string; layout: Layout; ads: EditionAd[]; pending: number; groups: Classification[]; lang: 'ko' | 'en'; notice: string | null;
  error: { orderId: number; message: string; values: PlaceValues } | null;
}, t: T) {
  const byId = new Map(p.ads.map((a) => [a.orderId, a]));
  const groupName = new Map(p.groups.map((g) => [g.code, p.lang === 'en' ? g.en : g.ko]));
  const base = `/desk/ads/print/${p.day}`;
  // An ad's neighbours in its group decide whether it can move up or down.
  const sequence = p.layout.pages.flatMap((pg) =>
    [...pg.boxes].filter((b) => b.kind === 'ad').sort((a, b) => a.column - b.column || a.y - b.y),
  );
  const neighbours = new Map<number, { up: boolean; down: boolean }>();
  sequence.forEach((b, i) =>
    neighbours.set(b.orderId!, {
      up: i > 0 && sequence[i - 1].classification === b.classification,
      down: i < sequence.length - 1 && sequence[i + 1].classification === b.classification,
    }),
  );
  const placeForm = (orderId: number, at?: { page: number; column: number; topMm: number }) => {
    const failed = p.error && p.error.orderId === orderId ? p.error : null;
    return {
      action: `${base}/place`,
      order: String(orderId),
      label: t('print.placeAt', { id: orderId }),
      error: failed?.message ?? null,
      page: failed?.values.page ?? String(at?.page ?? 1),
      column: failed?.values.column ?? String(at?.column ?? 1),
      top: failed?.values.top ?? String(at ? at.topMm / 10 : 0),
    };
  };
  const pages = p.layout.pages.map((page) => ({
    number: page.number,
    heading: t(page.locked ? 'print.pageLocked' : 'print.page', { n: page.number }),
    picture: t('print.pagePicture', { n: page.number }),
    lockLabel: t(page.locked ? 'print.unlock' : 'print.lock', { n: page.number }),
    lockAction: `${base}/${page.locked ? 'unlock' : 'lock'}`,
    svg: {
      viewBox: `0 0 ${round(p.layout.widthPt)} ${round(p.layout.heightPt)}`,
      boxes: page.boxes.map((b) => ({
        x: round(b.x),
        y: round(b.y),
        w: round(b.w),
        h: round(b.h),
        heading: b.kind === 'heading',
        framed: b.box,
        size: b.size,
        bold: b.font === 'bold',
        lines: b.lines.map((text, i) => ({
          x: round(b.x + b.pad + (b.kind === 'heading' ? 3 : 0)),
          y: round(b.y + b.pad + i * b.lineHeight + b.size * (b.kind === 'heading' ? 1.3 : 1)),
          text,
        })),
      })),
    },
    columns: Array.from({ length: p.layout.geometry.columns }, (_, i) => i + 1)
      .map((c) => ({
        label: t('print.column', { n: c }),
        items: page.boxes
          .filter((b) => b.column === c && b.kind !== 'display')
          .sort((a, b) => a.y - b.y)
          .map((b) => {
            if (b.kind === 'heading') return { heading: groupName.get(b.classification) ?? b.label ?? '' };
            const ad = byId.get(b.orderId!)!;
            const n = neighbours.get(b.orderId!) ?? { up: false, down: false };
            return {
              heading: null,
              orderId: b.orderId!,
              copy: ad.copy,
              customer: ad.customer,
              href: `/desk/ads/orders/${b.orderId}`,
              extras: [ad.box ? t('print.extraBox') : '', ad.bold ? t('print.extraBold') : ''].filter(Boolean).join(' · '),
              up: n.up ? { action: `${base}/reorder`, label: t('print.up', { id: b.orderId! }) } : null,
              down: n.down ? { action: `${base}/reorder`, label: t('print.down', { id: b.orderId! }) } : null,
              hold: { action: `${base}/hold`, label: t('print.hold', { id: b.orderId! }) },
            };
          }),
      }))
      .filter((c) => c.items.length > 0),
    displays: page.boxes
      .filter((b) => b.kind === 'display')
      .map((b) => {
        const ad = byId.get(b.orderId!)!;
        const at = { page: page.number, column: b.column, topMm: Math.round((b.y - p.layout.geometry.marginMm * PT_PER_MM) / PT_PER_MM) };
        return {
          orderId: b.orderId!,
          copy: ad.copy,
          customer: ad.customer,
          href: `/desk/ads/orders/${b.orderId}`,
          size: t('print.size', { columns: ad.columns ?? 1, cm: ad.cm ?? 1 }),
          place: placeForm(b.orderId!, at),
          unplace: { action: `${base}/unplace`, label: t('print.unplace', { id: b.orderId! }) },
          hold: { action: `${base}/hold`, label: t('print.hold', { id: b.orderId! }) },
        };
      }),
  }));
  const unplaced = p.layout.unplaced.map((id) => {
    const ad = byId.get(id)!;
    return {
      orderId: id,
      copy: ad.copy,
      customer: ad.customer,
      href: `/desk/ads/orders/${id}`,
      size: t('print.size', { columns: ad.columns ?? 1, cm: ad.cm ?? 1 }),
      place: placeForm(id),
      hold: { action: `${base}/hold`, label: t('print.hold', { id }) },
    };
  });
  return {
    day: p.day,
    title: t('print.title', { date: p.day }),
    notice: p.notice,
    empty: p.ads.length === 0,
    pending: p.pending ? t('print.pending', { n: p.pending }) : null,
    overflow: p.layout.overflow.length ? t('print.overflow', { n: p.layout.overflow.length }) : null,
    downloads: [
      { href: `${base}.pdf`, label: t('print.pdf') },
      { href: `${base}.pdf?crop=1`, label: t('print.pdfCrop') },
      { href: `${base}.xml`, label: t('print.xml') },
      { href: `/desk/ads/runs/${p.day}`, label: t('print.runList') },
    ],
    pages,
    unplaced,
  };
}
