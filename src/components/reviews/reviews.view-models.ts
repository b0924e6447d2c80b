/** Rows → exactly what the review templates print. */
import type { Lang } from '../../core/i18n.js';
import { generatedNickname } from '../../lib/nickname.js';
import type { Viewer } from '../../core/viewer.js';
import type { ListingGraph } from '../listings/index.js';
import type { Keyword } from './reviews.repository.js';
import type { SectionData, SectionReview } from './review-section.repository.js';
import type { QueueItem } from './review-section.repository.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The Seoul date of an instant, YYYY-MM-DD. */
export const day = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
export const keywordLabel = (k: Keyword, lang: Lang) => (lang === 'en' ? k.labelEn : k.labelKo);
const upload = (file: string) => `/uploads/${encodeURIComponent(file)}`;

export function photoVM(variants: Array<{ name: string; file: string; width: number; height: number }>, alt: string) {
  const big = variants.find((v) => v.name === '1600') ?? variants[0];
  const small = variants.find((v) => v.name === '480') ?? big;
  return {
    src: upload(small.file),
    srcset: variants.map((v) => `${upload(v.file)} ${v.width}w`).join(', '),
    width: small.width,
    height: small.height,
    alt,
  };
}

type Section = SectionData & { all: Keyword[]; own: SectionReview[]; recent: { id: number; createdAt: Date; status: string } | null };

/** One review as the listing page and the reviews page print it. `own`: the viewer's own review that only they see. */
function reviewVM(r: SectionReview, byId: Map<number, Keyword>, o: { viewer: Viewer; isOwner: boolean; lang: Lang; t: T }) {
  const { t, lang, viewer } = o;
  const mine = viewer.userId !== null && viewer.userId === r.userId;
  const shown = r.status === 'visible';
  return {
    id: r.id,
    author: generatedNickname(r.userId),
    date: t('review.by', { date: day(r.createdAt) }),
    body: r.body,
    keywords: r.keywordIds.map((k) => byId.get(k)).filter((k): k is Keyword => Boolean(k)).map((k) => keywordLabel(k, lang)),
    photos: r.photos.map((v, i) => photoVM(v, t('review.photoAlt', { n: i + 1 }))),
    reply: r.reply ? { body: r.reply.body, date: day(r.reply.updatedAt) } : null,
    // Held or hidden: marked for its author, who alone sees it; nobody reports or answers it meanwhile.
    notice: shown ? null : t(r.status === 'held' ? 'review.ownHeld' : 'review.ownHidden'),
    // Nobody reports their own review.
    reportUrl: shown && !mine ? `/reviews/${r.id}/report` : null,
    replyReportUrl: `/reviews/${r.id}/report?target=reply`,
    replyUrl: o.isOwner && shown ? `/reviews/${r.id}/reply` : null,
    replyLabel: r.reply ? t('review.editReply') : t('review.reply'),
    deleteUrl: mine ? `/reviews/${r.id}/delete` : null,
  };
}

function barsOf(s: Section, byId: Map<number, Keyword>, lang: Lang, t: T) {
  const max = Math.max(1, ...s.counts.values());
  return [...s.counts].filter(([id]) => byId.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id, n]) => {
    const label = keywordLabel(byId.get(id)!, lang);
    return {
      label,
      count: t('review.keywordCount', { count: n }),
      percent: Math.round((n / max) * 100),
      text: t('review.keywordBar', { label, count: n }),
    };
  });
}

/** The listing page's review section. `done`: the flash key after a redirect here. */
export function sectionVM(s: Section, listing: ListingGraph, viewer: Viewer, lang: Lang, t: T, done: string | null, allUrl: string) {
  const byId = new Map(s.all.map((k) => [k.id, k]));
  const isOwner = viewer.userId !== null && viewer.userId === listing.ownerId;
  const o = { viewer, isOwner, lang, t };
  return {
    listingId: listing.id,
    total: s.total,
    countText: t('review.countShort', { count: s.total }),
    bars: barsOf(s, byId, lang, t),
    flash: done ? t(`review.done.${done}`) : null,
    // Within 90 days of their last review the viewer is shown it instead of a form that would refuse them.
    write: {
      url: `/listings/${listing.id}/reviews/new`,
      label: viewer.userId === null ? t('review.writeSignIn') : t('review.write'),
      show: !isOwner && !s.recent,
    },
    mine: s.recent && s.recent.status !== 'deleted' ? { url: `#review-${s.recent.id}`, label: t('review.seeMine') } : null,
    againFrom:
      s.recent && s.recent.status === 'deleted'
        ? t('review.againFrom', { date: day(new Date(s.recent.createdAt.getTime() + 90 * 86_400_000)) })
        : null,
    own: s.own.map((r) => reviewVM(r, byId, o)),
    reviews: s.newest.filter((r) => !s.own.some((m) => m.id === r.id)).map((r) => reviewVM(r, byId, o)),
    // Past the newest shown here, the rest are on the reviews page.
    all: s.total > s.newest.length ? { url: allUrl, label: t('review.seeAll', { count: s.total }) } : null,
  };
}

/** The page of all of a listing's reviews. */
export function reviewPageVM(
  s: Section & { page: number; pages: number },
  listing: ListingGraph,
  listingUrl: string,
  viewer: Viewer,
  lang: Lang,
  t: T,
) {
  const byId = new Map(s.all.map((k) => [k.id, k]));
  const o = { viewer, isOwner: viewer.userId !== null && viewer.userId === listing.ownerId, lang, t };
  const pageUrl = (n: number) => `/listings/${listing.id}/reviews${n > 1 ? `?page=${n}` : ''}`;
  return {
    name: listing.name,
    listingUrl,
    countText: t('review.count', { count: s.total }),
    bars: barsOf(s, byId, lang, t),
    reviews: s.newest.map((r) => reviewVM(r, byId, o)),
    page: s.page,
    pages: s.pages,
    prev: s.page > 1 ? pageUrl(s.page - 1) : null,
    next: s.page < s.pages ? pageUrl(s.page + 1) : null,
    canonical: pageUrl(s.page),
  };
}

export function queueVM(items: QueueItem[], t: T, done: string | null) {
  return {
    flash: done ? t(`review.done.${done}`) : null,
    items: items.map((i) => ({
      id: i.reviewId,
      listingName: i.listingName,
      listingUrl: `/listings/${i.listingId}-${i.listingSlug}#reviews`,
      author: i.authorEmail,
      date: day(i.createdAt),
      action: `/mod/reviews/${i.reviewId}/decide`,
      review: {
        body: i.body,
        status: i.status,
        hidden: i.status === 'hidden',
        notes: [
          i.flags && i.status === 'held' ? t('review.queueHeld', { flags: i.flags }) : null,
          i.reportReasons.length
            ? t('review.queueReports', {
                count: i.reportReasons.length,
                reasons: i.reportReasons.map((r) => t(`review.reportReason.${r}`)).join(', '),
              })
            : null,
          i.status === 'hidden' ? t('review.queueHidden') : null,
        ].filter(Boolean),
      },
      reply: i.reply
        ? {
            body: i.reply.body,
            hidden: i.reply.status === 'hidden',
            held: i.reply.status === 'held',
            notes: [
              i.reply.flags && i.reply.status === 'held' ? t('review.queueHeld', { flags: i.reply.flags }) : null,
              i.reply.reportReasons.length
                ? t('review.queueReports', {
                    count: i.reply.reportReasons.length,
                    reasons: i.reply.reportReasons.map((r) => t(`review.reportReason.${r}`)).join(', '),
                  })
                : null,
              i.reply.status === 'hidden' ? t('review.queueHidden') : null,
            ].filter(Boolean),
          }
        : null,
    })),
  };
}
