/**
 * The full review page's parts → exactly what the template prints: the listing as the public page renders it, every
 * field, the advertiser, the checks with what triggered them, and the history as sentences (never JSON or codes).
 */
import './review.messages.js';
import { seoulParts } from '../../lib/clock.js';
import { hasMessage, type Lang } from '../../core/i18n.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import { listingDetailVM, listingPath, type Category, type ListingGraph } from '../listings/index.js';
import type { AuditRow, OwnerFacts, SharedPhoneRow } from './moderation.repository.js';

type T = (key: string, params?: Record<string, string | number>) => string;
const DAY = 86_400_000;
const seoulTime = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export function queueCountsVM(c: { listings: number; revisions: number; postReview: number; reports: number }, t: T) {
  return { text: t('review.counts', c), total: c.listings + c.revisions + c.postReview };
}

export interface ReviewData {
  now: Date; listing: ListingGraph; owner: OwnerFacts | null; decisions: { approved: number; rejected: number } | null;
  sharedPhones: SharedPhoneRow[]; categories: Category[]; flags: Array<{ check: string; detail: string }>; history: AuditRow[];
}

/** Mentions like "#12" in a check's detail become links to that listing's review page. */
const listingRefs = (detail: string) =>
  [...detail.matchAll(/#(\d{1,9})/g)].map((m) => ({ text: `#${m[1]}`, href: `/mod/listings/${m[1]}` }));

export function reviewPageVM(d: ReviewData, lang: Lang, t: T) {
  const l = d.listing;
  const none = t('review.fact.none');
  const detail = listingDetailVM(l, lang, t, d.now);
  return {
    preview: {
      listing: detail,
      isPublic: false,
      statusText: t(`status.${l.status}`),
      shareUrl: listingPath(l),
      shareText: listingPath(l),
      reviews: null,
    },
    facts: [
      { label: t('review.fact.kind'), value: t(`submission.kind.${l.kind}`) },
      { label: t('review.fact.categories'), value: l.categories.map((c) => (lang === 'en' ? c.nameEn : c.nameKo)).join(', ') || none },
      {
        label: t('review.fact.branches'),
        value: l.branches.map((b) => [b.name, formatRoadAddress(b)].filter(Boolean).join(' · ')).join(' / ') || none,
      },
      { label: t('review.fact.photos'), value: t('review.photosCount', { n: detail.photos.length }) },
      { label: t('review.fact.businessRegNo'), value: l.businessRegNo ?? none },
      { label: t('review.fact.website'), value: l.website ?? none },
      { label: t('review.fact.expires'), value: l.expiresAt ? seoulParts(l.expiresAt).day : none },
      { label: t('review.fact.origin'), value: t(l.origin === 'print_ad' ? 'review.origin.print_ad' : 'review.origin.web') },
    ],
    advertiser: d.owner
      ? {
          email: d.owner.email,
          name: d.owner.displayName,
          since: t('review.advertiser.since', {
            day: seoulParts(d.owner.createdAt).day,
            days: Math.floor((d.now.getTime() - d.owner.createdAt.getTime()) / DAY) + 1,
          }),
          listings: t('review.advertiser.listings', { n: d.owner.listings }),
          decisions: t('review.advertiser.decisions', { approved: d.decisions?.approved ?? 0, rejected: d.decisions?.rejected ?? 0 }),
        }
      : null,
    shared: d.sharedPhones.map((s) => ({
      phone: s.display,
      name: s.name,
      href: `/mod/listings/${s.listingId}`,
      status: t(`status.${s.status}`),
      owner: t(s.sameOwner ? 'review.shared.sameOwner' : 'review.shared.otherOwner'),
    })),
    checks: d.flags.map((f) => ({
      label: t(`moderation.flag.${f.check}`),
      why: t(hasMessage(`review.flagWhy.${f.check}`) ? `review.flagWhy.${f.check}` : 'review.flagWhy.other', { detail: f.detail }),
      links: listingRefs(f.detail),
    })),
    history: historyVM(d.history, t, d.categories, lang),
  };
}

const FIELD_LABELS: Record<string, string> = {
  status: 'review.field.status',
  featuredUntil: 'review.field.featuredUntil',
  moderationNote: 'review.field.moderationNote',
  ownerId: 'review.field.ownerId',
  role: 'review.field.role',
  isDisabled: 'review.field.isDisabled',
};
const labelOf = (field: string) => FIELD_LABELS[field] ?? (hasMessage(`field.${field}`) ? `field.${field}` : null);

function valueText(field: string, v: unknown, t: T, categories: Category[], lang: Lang): string {
  if (v === null || v === undefined || v === '') return t('review.fact.none');
  if (typeof v === 'boolean') return t(v ? 'review.yes' : 'review.no');
  const s = String(v);
  if (field === 'status' && hasMessage(`status.${s}`)) return t(`status.${s}`);
  if (field === 'role' && hasMessage(`admin.role.${s}`)) return t(`admin.role.${s}`);
  if (field === 'kind' && hasMessage(`submission.kind.${s}`)) return t(`submission.kind.${s}`);
  if (field === 'categoryIds')
    return s
      .split(/,\s*/)
      .map((id) => categories.find((c) => String(c.id) === id))
      .map((c) => (c ? (lang === 'en' ? c.nameEn : c.nameKo) : ''))
      .filter(Boolean)
      .join(', ');
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return seoulParts(new Date(s)).day;
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

function parseJson(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Each audit entry as who, when, what (a verb phrase), why, and the fields it changed with their labels. */
export function historyVM(rows: AuditRow[], t: T, categories: Category[] = [], lang: Lang = 'ko') {
  return rows.map((r) => {
    const before = parseJson(r.before);
    const after = parseJson(r.after);
    const changes = [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((field) => {
      const label = labelOf(field);
      if (!label || JSON.stringify(before[field] ?? null) === JSON.stringify(after[field] ?? null)) return [];
      return [
        t('review.history.change', {
          field: t(label),
          before: valueText(field, before[field], t, categories, lang),
          after: valueText(field, after[field], t, categories, lang),
        }),
      ];
    });
    return {
      when: seoulTime(r.createdAt),
      who: r.actorEmail ?? t('review.history.system'),
      what: t(hasMessage(`review.act.${r.action}`) ? `review.act.${r.action}` : 'review.act.other'),
      subject: t(hasMessage(`review.subject.${r.subjectType}`) ? `review.subject.${r.subjectType}` : 'review.subject.other', {
        id: r.subjectId,
      }),
      why: r.reason ? t('review.history.why', { reason: r.reason }) : null,
      changes,
    };
  });
}
