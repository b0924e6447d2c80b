/** The featured slots of a page → what partials/ads/slots.ejs prints. */
import type { Lang } from '../../core/i18n.js';
import { listingPath } from '../listings/index.js';
import { plainText } from '../../lib/plain-text.js';
import type { SlotPick } from './placements.js';

type T = (k: string, p?: Record<string, string | number>) => string;

/** Null when the page has no slot; each link names its placement (?ad=) so the visit and later calls are counted for it. */
export function slotsVM(pick: SlotPick, lang: Lang, t: T) {
  if (!pick.slots.length) return null;
  return {
    label: t('ads.slot.label'),
    note: t('ads.slots.note'),
    items: pick.slots.map((s) => {
      const excerpt = plainText(s.tagline || s.description).replace(/\s+/g, ' ');
      return {
        placementId: s.placementId, name: s.name, href: `${listingPath({ id: s.listingId, slug: s.slug })}?ad=${s.placementId}`,
        category: lang === 'en' ? s.categoryNameEn : s.categoryNameKo, excerpt: excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt,
      };
    }),
  };
}

