/**
 * Printable shop-window cards: a listing's name, main phone, the offers that fit and a QR code. With short codes
 * wired (components/codes) the QR and the printed address are the card's own /p/CODE, whose visits and calls are
 * counted for the card; without, the QR leads to the page with a source marker (?src=card).
 */
import QRCode from 'qrcode';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { findListingGraphs, isPubliclyVisible, type ListingGraph, type ListingsService } from '../listings/index.js';
import type { Viewer } from '../../core/viewer.js';

export type CardSize = 'a6' | 'biz';
export const CARD_SOURCE_MARKER = 'card';

export interface CardData { listing: ListingGraph; qrSvg: string; url: string; shortText?: string }

/** The card's own short link: its code, URL (origin + /p/CODE) and QR code as SVG. */
export type CardLink = (listingId: number, origin: string) => Promise<{ code: string; url: string; qrSvg: string }>;

export function createCardService(deps: { db: Knex; clock: Clock; listings: ListingsService; cardLink?: CardLink }) {
  async function withQr(listing: ListingGraph, origin: string): Promise<CardData> {
    if (deps.cardLink) {
      const link = await deps.cardLink(listing.id, origin);
      const shortText = `${new URL(link.url).host}/p/${link.code.slice(0, 3)}-${link.code.slice(3)}`;
      return { listing, qrSvg: link.qrSvg, url: link.url, shortText };
    }
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
