/** Desk rows, batches and forms → exactly what the templates print. */
import { seoulParts } from '../../lib/clock.js';
import { GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import type { Lang } from '../../web/i18n.js';
import { listingPath } from '../listings/index.js';
import type { BatchListing, BatchRow, DeskDraft } from './desk.repository.js';
import { DESK_COLUMNS, type DeskColumn } from './desk-rows.js';
import type { Evaluation, EvaluatedRow } from './desk.service.js';

type T = (key: string, params?: Record<string, string | number>) => string;
export const PREVIEW_PAGE_SIZE = 50;
const LONG: ReadonlySet<DeskColumn> = new Set(['branches', 'offers', 'description']);

const when = (d: Date) => {
  const p = seoulParts(d);
  return `${p.day} ${String(Math.floor(p.minutes / 60)).padStart(2, '0')}:${String(p.minutes % 60).padStart(2, '0')}`;
};

export const needsLook = (r: EvaluatedRow) => !r.dropped && (!r.draft || r.existing !== null || r.unsure.length > 0);

export function homeVM(
  p: { batches: BatchRow[]; isAdmin: boolean; categories: Array<{ id: number; nameKo: string; nameEn: string }>; csrfToken: string; error: string | null; errorParams?: Record<string, string | number>; pasted: string },
  lang: Lang, t: T,
) {
  return {
    pasteAction: `/desk/paste?_csrf=${encodeURIComponent(p.csrfToken)}`,
    csvAction: `/desk/csv?_csrf=${encodeURIComponent(p.csrfToken)}`,
    error: p.error ? t(p.error, p.errorParams) : null,
    pasted: p.pasted,
    batches: p.batches.map((b) => ({ url: `/desk/batches/${b.id}`, title: t('desk.batch.title', { id: b.id }), summary: batchSummary(b, t), undone: b.undoneAt !== null })),
    exportForm: p.isAdmin
      ? {
          statuses: ['published', 'pending', 'draft', 'expired', 'closed', 'suspended', 'rejected'],
          categories: p.categories.map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.nameKo })),
          districts: [...GWANGJU_DISTRICTS],
        }
      : null,
  };
}

function batchSummary(b: BatchRow, t: T): string {
  return t('desk.batch.summary', { when: when(b.createdAt), who: b.actorEmail ?? '—', created: b.createdCount, merged: b.mergedCount, skipped: b.skippedCount });
}

export function previewVM(
  p: { draft: DeskDraft; evaluation: Evaluation; show: 'all' | 'problems'; page: number; csrfToken: string; notice: string | null; error: string | null; encoding: string | null; ignored: string | null },
  t: T,
) {
  const { draft, evaluation } = p;
  const filtered = p.show === 'problems' ? evaluation.rows.filter(needsLook) : evaluation.rows;
  const pageCount = Math.max(1, Math.ceil(filtered.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, p.page), pageCount);
  const shown = filtered.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE);
  const base = `/desk/imports/${draft.id}`;
  const rowLabel = (r: EvaluatedRow) => (draft.source === 'csv' ? String(r.line) : String(r.line));
  return {
    action: base,
    csrfToken: p.csrfToken,
    source: draft.source,
    notice: p.notice ? t(p.notice) : null,
    error: p.error ? t(p.error) : null,
    encoding: p.encoding ? t('desk.preview.encoding', { encoding: p.encoding }) : null,
    ignored: p.ignored ? t('desk.preview.ignored', { columns: p.ignored }) : null,
    summary: t('desk.preview.summary', evaluation.counts),
    canImport: evaluation.counts.invalid === 0 && evaluation.counts.total > evaluation.counts.dropped,
    tabs: [
      { label: t('desk.preview.showAll'), href: `${base}?show=all`, current: p.show === 'all' },
      { label: t('desk.preview.showProblems'), href: `${base}?show=problems`, current: p.show === 'problems' },
    ],
    pages: pageCount > 1 ? Array.from({ length: pageCount }, (_, i) => ({ n: i + 1, href: `${base}?show=${p.show}&page=${i + 1}`, current: i + 1 === page })) : [],
    columns: DESK_COLUMNS.map((c) => ({ key: c, label: t(`desk.col.${c}`) })),
    shownIndexes: shown.map((r) => r.index).join(','),
    rows: shown.map((r) => {
      const state = r.dropped ? 'dropped' : !r.draft ? 'error' : r.existing ? 'existing' : 'ok';
      return {
        index: r.index,
        label: rowLabel(r),
        state,
        stateText: state === 'existing' ? t('desk.preview.existing') : t(`desk.preview.${state}`),
        existing: r.existing ? { name: r.existing.name, url: listingPath(r.existing) } : null,
        duplicate: r.duplicate,
        dropped: r.dropped,
        dropName: `r${r.index}_drop`,
        dupName: `r${r.index}_dup`,
        cells: DESK_COLUMNS.map((col) => {
          const err = r.errors[col];
          return {
            col, name: `r${r.index}_${col}`, id: `r${r.index}-${col}`, value: r.cells[col], long: LONG.has(col),
            label: t('desk.preview.cellLabel', { row: rowLabel(r), column: t(`desk.col.${col}`) }),
            error: err ? t(err) : null, unsure: r.unsure.includes(col),
          };
        }),
      };
    }),
  };
}

export function batchVM(p: { batch: BatchRow; items: BatchListing[]; canUndo: boolean; undoHours: number; done: string | null; kept: string | null }, t: T) {
  const b = p.batch;
  return {
    id: b.id,
    title: t('desk.batch.title', { id: b.id }),
    summary: batchSummary(b, t),
    hash: t('desk.batch.hash', { hash: b.sourceHash }),
    undone: b.undoneAt ? t('desk.batch.undone', { when: when(b.undoneAt) }) : null,
    done: p.done ? t(`desk.done.${p.done}`) : null,
    kept: p.kept ? t('desk.batch.kept', { names: p.kept }) : null,
    canUndo: p.canUndo,
    undoAction: `/desk/batches/${b.id}/undo`,
    undoHelp: t('desk.batch.undoHelp', { hours: p.undoHours }),
    cardsA6: `/desk/batches/${b.id}/cards?size=a6`,
    cardsBiz: `/desk/batches/${b.id}/cards?size=biz`,
    items: p.items.map((i) => ({ name: i.name, url: listingPath({ id: i.listingId, slug: i.slug }), action: t(`desk.batch.action.${i.action}`), status: t(`status.${i.status}`) })),
  };
}
