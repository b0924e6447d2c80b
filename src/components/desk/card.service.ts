/**
 * Printable shop-window cards: a listing's name, main phone, the offers that fit and a QR code to its page with
 * a source marker (?src=card) so scans can be told apart from other visits.
 */
import QRCode from 'qrcode';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { findListingGraphs, isPubliclyVisible, type ListingGraph, type ListingsService } from '../listings/index.js';
import type { Viewer } from '../../core/viewer.js';

export type CardSize = 'a6' | 'biz';
export const CARD_SOURCE_MARKER = 'card';

export interface CardData { listing: ListingGraph; qrSvg: string; url: string }

export function createCardService(deps: { db: Knex; clock: Clock; listings: ListingsService }) {
  async function withQr(listing: ListingGraph, origin: string): Promise<CardData> {
    const url = `${origin}/listings/${listing.id}-${listing.slug}?src=${CARD_SOURCE_MARKER}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
    return { listing, qrSvg, url };
  }
  return {
    /** One listing's card: public listings for everyone, others only for their owner and moderators (else 404). */
    async cardFor(id: number, viewer: Viewer, origin: string): Promise<CardData> {
      const { listing } = await deps.listings.getListingForViewer(id, viewer);
      return withQr(listing, origin);
    },
    /** Cards of many listings (a batch), public ones only, in the given order. */
    async cardsFor(ids: number[], origin: string): Promise<CardData[]> {
      const graphs = await findListingGraphs(deps.db, ids);
      const now = deps.clock.now();
      const out: CardData[] = [];
      for (const id of ids) {
        const g = graphs.get(id);
        if (g && isPubliclyVisible(g, now)) out.push(await withQr(g, origin));
      }
      return out;
    },
  };
}
export type CardService = ReturnType<typeof createCardService>;
