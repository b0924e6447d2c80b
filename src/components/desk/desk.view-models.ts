/** Desk rows, batches and forms → exactly what the templates print. */
import { seoulParts } from '../../lib/clock.js';
import { GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import type { Lang } from '../../core/i18n.js';
import { listingPath } from '../listings/index.js';
import type { BatchListing, BatchRow } from './desk.repository.js';
import type { EvaluatedRow } from './desk.service.js';

type T = (key: string, params?: Record<string, string | number>) => string;
export const PREVIEW_PAGE_SIZE = 50;

const when = (d: Date) => {
  const p = seoulParts(d);
  return `${p.day} ${String(Math.floor(p.minutes / 60)).padStart(2, '0')}:${String(p.minutes % 60).padStart(2, '0')}`;
};

export const needsLook = (r: EvaluatedRow) => !r.dropped && (!r.draft || r.existing !== null || r.unsure.length > 0);

export function homeVM(
  p: {
    batches: BatchRow[];
    isAdmin: boolean;
    categories: Array<{ id: number; nameKo: string; nameEn: string }>;
    csrfToken: string;
    error: string | null;
    errorParams?: Record<string, string | number>;
    pasted: string;
  },
  lang: Lang,
  t: T,
) {
  return {
    pasteAction: '/desk/paste',
    csvAction: '/desk/csv',
    error: p.error ? t(p.error, p.errorParams) : null,
    pasted: p.pasted,
    batches: p.batches.map((b) => ({
      url: `/desk/batches/${b.id}`,
      title: t('desk.batch.title', { id: b.id }),
      summary: batchSummary(b, t),
      undone: b.undoneAt !== null,
    })),
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
  return t('desk.batch.summary', {
    when: when(b.createdAt),
    who: b.actorEmail ?? '—',
    created: b.createdCount,
    merged: b.mergedCount,
    skipped: b.skippedCount,
  });
}

export function batchVM(
  p: {
    batch: BatchRow;
    items: BatchListing[];
    canUndo: boolean;
    undoHours: number;
    done: string | null;
    kept: string | null;
    waiting?: { draftId: number; rows: number } | null;
  },
  t: T,
) {
  const b = p.batch;
  return {
    waiting: p.waiting
      ? {
          text: t('desk.batch.waiting', { n: p.waiting.rows }),
          href: `/desk/imports/${p.waiting.draftId}?show=problems`,
          link: t('desk.batch.waitingLink'),
        }
      : null,
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
    items: p.items.map((i) => ({
      name: i.name,
      url: listingPath({ id: i.listingId, slug: i.slug }),
      action: t(`desk.batch.action.${i.action}`),
      status: t(`status.${i.status}`),
    })),
  };
}
