/** Rows → exactly what the moderation and admin templates print. */
import { seoulParts } from '../../lib/clock.js';
import type { Lang } from '../../core/i18n.js';
import { listingPath, type ListingGraph } from '../listings/index.js';
import type { AuditRow, QueueItem } from './moderation.repository.js';
import type { AdminUserRow, BannedTermRow, CategoryRow } from './admin.repository.js';
import type { ReportRow } from './reports.repository.js';
import { REJECT_REASONS, type ListingDecision } from './moderation.service.js';
import { historyVM } from './review.view-models.js';

type T = (key: string, params?: Record<string, string | number>) => string;
const seoulDay = (d: Date | null) => (d ? seoulParts(d).day : '');
const seoulTime = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export function queueVM(
  items: QueueItem[],
  q: { kind?: string; category?: number; district?: string; flagged?: string },
  categories: Array<{ id: number; nameKo: string; nameEn: string; parentId: number | null }>,
  done: string | null,
  lang: Lang,
  t: T,
) {
  return {
    flash: done ? t(`moderation.done.${done}`) : null,
    filters: {
      kind: q.kind ?? '',
      category: q.category ?? 0,
      district: q.district ?? '',
      flagged: q.flagged === '1',
      categories: categories.filter((c) => c.parentId !== null).map((c) => ({ id: c.id, name: lang === 'en' ? c.nameEn : c.nameKo })),
      districts: ['동구', '서구', '남구', '북구', '광산구'],
    },
    items: items.map((i) => ({
      type: t(`moderation.type.${i.type}`),
      name: i.name,
      kind: t(`submission.kind.${i.kind}`),
      owner: i.ownerEmail ?? '—',
      since: seoulTime(i.waitingSince),
      href: `/mod/listings/${i.listingId}`,
      flags: i.flags.map((f) => ({ label: t(`moderation.flag.${f.check}`), detail: f.detail })),
    })),
  };
}

export function reviewVM(
  d: {
    listing: ListingGraph;
    flags: Array<{ check: string; detail: string }>;
    history: AuditRow[];
    reports: ReportRow[];
    revision: { id: number; changes: Array<{ field: string; before: string; after: string }> } | null;
    allowed: ListingDecision['action'][];
  },
  lang: Lang,
  t: T,
) {
  const l = d.listing;
  return {
    id: l.id,
    name: l.name,
    status: t(`status.${l.status}`),
    publicUrl: listingPath(l),
    tagline: l.tagline ?? '',
    description: l.description,
    featuredUntil: seoulDay(l.featuredUntil),
    flags: d.flags.map((f) => ({ label: t(`moderation.flag.${f.check}`), detail: f.detail })),
    phones: [...l.phones, ...l.branches.flatMap((b) => b.phones)].map((p) => p.display),
    revision: d.revision
      ? {
          id: d.revision.id,
          action: `/mod/revisions/${d.revision.id}/decide`,
          changes: d.revision.changes.map((c) => ({ field: t(`field.${c.field}`), before: c.before, after: c.after })),
        }
      : null,
    can: Object.fromEntries(d.allowed.map((a) => [a, true])) as Partial<Record<ListingDecision['action'], boolean>>,
    action: `/mod/listings/${l.id}/decide`,
    reasons: REJECT_REASONS.map((r) => ({ value: r, label: t(`moderation.reason.${r}`) })),
    reports: d.reports.map((r) => ({
      reason: t(`report.reason.${r.reason}`),
      note: r.note ?? '',
      status: t(`moderation.reportStatus.${r.status}`),
      since: seoulTime(r.createdAt),
      owner: r.ownerResponse ? t(`moderation.owner.${r.ownerResponse}`, { note: r.ownerNote ?? '' }) : '',
    })),
    lang,
  };
}

export function auditVM(rows: AuditRow[], t: T, lang: Lang = 'ko') {
  return { rows: historyVM(rows, t, [], lang) };
}

export function reportsVM(rows: ReportRow[], t: T) {
  return {
    reports: rows.map((r) => ({
      id: r.id,
      listing: r.listingName,
      href: `/mod/listings/${r.listingId}`,
      reason: t(`report.reason.${r.reason}`),
      note: r.note ?? '',
      since: seoulTime(r.createdAt),
      waiting: r.status === 'awaiting_owner' ? t('moderation.ownerUntil', { day: seoulDay(r.ownerDeadline) }) : '',
      owner: r.ownerResponse ? t(`moderation.owner.${r.ownerResponse}`, { note: r.ownerNote ?? '' }) : '',
      action: `/mod/reports/${r.id}/decide`,
    })),
  };
}

export function ownerReportsVM(rows: ReportRow[], t: T) {
  return {
    reports: rows.map((r) => ({
      id: r.id,
      listing: r.listingName,
      reason: t(`report.reason.${r.reason}`),
      note: r.note ?? '',
      deadline: seoulDay(r.ownerDeadline),
      action: `/my/reports/${r.id}/respond`,
    })),
  };
}

export function usersVM(rows: AdminUserRow[], q: string, done: string | null, selfId: number, t: T) {
  return {
    q,
    flash: done ? t(`admin.done.${done}`) : null,
    users: rows.map((u) => ({
      id: u.id,
      email: u.email,
      role: u.role,
      disabled: u.isDisabled,
      reason: u.disabledReason ?? '',
      totp: u.totpEnabled,
      listings: u.listings,
      joined: seoulDay(u.createdAt),
      isSelf: u.id === selfId,
    })),
    roles: ['advertiser', 'desk', 'moderator', 'admin'].map((r) => ({ value: r, label: t(`admin.role.${r}`) })),
  };
}

export function categoriesVM(rows: CategoryRow[], done: string | null, lang: Lang) {
  const parents = rows.filter((c) => c.parentId === null);
  return {
    done,
    lang,
    parents: parents.map((p) => ({ id: p.id, name: `${p.nameKo} / ${p.nameEn}` })),
    categories: rows.map((c) => ({
      ...c,
      isParent: c.parentId === null,
      parentName: parents.find((p) => p.id === c.parentId)?.nameKo ?? '',
    })),
  };
}

export function bannedVM(rows: BannedTermRow[], done: string | null) {
  return { done, words: rows.filter((r) => r.kind === 'word'), phones: rows.filter((r) => r.kind === 'phone') };
}
