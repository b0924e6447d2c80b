/**
 * Counting views, call taps, map taps, vCard downloads, shares, QR scans and search impressions without storing who:
 * the visitor is a salted hash of IP and user agent, with a salt that changes every day (so hashes cannot be joined
 * across days). Bots are not counted; the same visitor, listing (phone) and day counts once per 10 minutes.
 * Everything goes through the in-memory buffer (counter-buffer.ts) and reaches the database on the next flush.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import * as repo from './stats.repository.js';
import { createCounterBuffer, type EventKind } from './counter-buffer.js';

const BOT =
  /bot|crawl|spider|slurp|facebookexternalhit|kakaotalk-scrap|yeti|daum|bingpreview|headless|python-requests|curl|wget|httpclient|axios|node-fetch|go-http|java\/|phantom|lighthouse/i;
export const REPEAT_WINDOW_MS = 10 * 60_000;
const MAX_QUERY = 60;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.length < 10 || BOT.test(userAgent);
}

/** How a query is stored: NFC, lower case, single spaces, at most 60 characters; '' for nothing worth keeping. */
export function normaliseQuery(q: unknown): string {
  if (typeof q !== 'string') return '';
  return [...q.normalize('NFC').toLowerCase().replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim()].slice(0, MAX_QUERY).join('').trim();
}

export type ActionKind = 'map' | 'vcard' | 'share';
interface Visit { listingId: number; ip: string; userAgent: string | undefined }

export function createStatsService(deps: {
  db: Knex; reader?: Knex; clock: Clock; isVisible: (listingId: number) => Promise<boolean>; logger?: Logger; flushSeconds?: number;
  /** Whether a featured placement shows this listing (the ads component); without it no ad visit or call is counted. */
  isAdPlacement?: (placementId: number, listingId: number) => Promise<boolean>;
  /** The id of a short code that leads to this listing (components/codes), or null: a forged or foreign code counts nothing. */
  codeFor?: (code: string, listingId: number) => Promise<number | null>;
  /** Told of each counter flush (for metrics): written or not, and how long it took. */
  onFlush?: (ok: boolean, ms: number) => void;
}) {
  const { db, clock } = deps;
  const buffer = createCounterBuffer({
    db, windowMs: REPEAT_WINDOW_MS, onFlush: deps.onFlush,
    onError: (err, waiting) => deps.logger?.error({ err, waiting }, 'counter flush failed; kept for the next one'),
  });
  const salts = new Map<string, string>();

  async function visitor(ip: string, userAgent: string, day: string): Promise<string> {
    let salt = salts.get(day);
    if (!salt) {
      salt = await repo.saltForDay(db, day);
      salts.clear();
      salts.set(day, salt);
    }
    return crypto.createHmac('sha256', salt).update(`${ip}\n${userAgent}`).digest('hex');
  }

  /** The visit's day and visitor, or null for bots and listings the public cannot see. */
  async function admit(v: Visit): Promise<{ day: string; at: number; visitorHash: string } | null> {
    if (isBot(v.userAgent) || !(await deps.isVisible(v.listingId))) return null;
    const now = clock.now();
    const day = seoulParts(now).day;
    return { day, at: now.getTime(), visitorHash: await visitor(v.ip, v.userAgent ?? '', day) };
  }

  type Extra = { phone?: { id: number; e164: string }; query?: string; codeId?: number };
  function add(kind: EventKind, listingId: number, base: { day: string; at: number; visitorHash: string }, extra: Extra = {}): boolean {
    const subjectId = kind === 'via' ? extra.codeId! : (extra.phone?.id ?? listingId);
    return buffer.add({ kind, subjectId, listingId, ...base, ...extra });
  }

  /** Counts a visit or call that came from a featured slot, when the placement named really shows this listing. */
  async function fromSlot(
    kind: 'ad_visit' | 'ad_call',
    placementId: number | undefined,
    listingId: number,
    base: { day: string; at: number; visitorHash: string },
  ): Promise<void> {
    if (!placementId || !deps.isAdPlacement || !(await deps.isAdPlacement(placementId, listingId))) return;
    buffer.add({ kind, subjectId: placementId, listingId, ...base });
  }

  return {
    /**
     * A call tap on one of the listing's phones (after arriving from a featured slot: `ad`, its placement; through a short
     * code: `via`). Returns whether it was accepted (false for bots, repeats, unknown phones).
     */
    async recordCall(v: Visit & { phoneId: number; ad?: number; via?: string }): Promise<boolean> {
      const base = await admit(v);
      // A read: on SQLite it goes to the read pool, not to the one writer that flushes the counters and saves drafts.
      const phone = base ? await repo.phoneOf(deps.reader ?? db, v.phoneId, v.listingId) : null;
      // The code the visit came through (the page keeps it for the tab's session) counts the call to its edition or card.
      const codeId = phone && v.via && deps.codeFor ? await deps.codeFor(v.via, v.listingId) : null;
      const extra = { phone: phone ? { id: v.phoneId, e164: phone.e164 } : undefined, ...(codeId ? { codeId } : {}) };
      const counted = Boolean(base && phone && add('call', v.listingId, base, extra));
      if (base && phone) await fromSlot('ad_call', v.ad, v.listingId, base);
      return counted;
    },

    /** A visit through a short code (/p/CODE) to the listing it leads to: once per visitor, code and 10 minutes. */
    async recordCodeVisit(v: Visit & { codeId: number }): Promise<boolean> {
      const base = await admit(v);
      return Boolean(base && add('via', v.listingId, base, { codeId: v.codeId }));
    },

    /** A page view; from a QR code (src=qr) it is also a scan, and a view that came from a search page is that query's click. */
    async recordView(v: Visit & { fromQr?: boolean; query?: string; ad?: number }): Promise<boolean> {
      const base = await admit(v);
      if (!base) return false;
      const counted = add('view', v.listingId, base);
      await fromSlot('ad_visit', v.ad, v.listingId, base);
      if (v.fromQr) add('qr', v.listingId, base);
      const query = normaliseQuery(v.query);
      if (query) add('click', v.listingId, base, { query });
      return counted;
    },

    /** A map-link tap, a vCard download or a share. */
    async recordAction(kind: ActionKind, v: Visit): Promise<boolean> {
      const base = await admit(v);
      return Boolean(base && add(kind, v.listingId, base));
    },

    /** Called by search with the listings a result page showed (no visitor is known or kept). Never waits, never throws. */
    recordSearchResults(query: string, listingIds: number[]): void {
      const q = normaliseQuery(query);
      if (q && listingIds.length) buffer.addImpressions(listingIds, seoulParts(clock.now()).day, q);
    },

    /** Called with the featured slots a page showed, once per page sent; bots are left out. Never waits, never throws. */
    recordAdImpressions(placementIds: number[], userAgent: string | undefined): void {
      if (placementIds.length && !isBot(userAgent)) buffer.addAdImpressions(placementIds, seoulParts(clock.now()).day);
    },

    /** Writes everything waiting in one transaction; resolves to the number of events counted. */
    flush: () => buffer.flush(),
    waiting: () => buffer.waiting(),
    /** How long the oldest counter waiting for a flush has waited, in ms. */
    flushLagMs: () => buffer.lagMs(),
    /** Starts the flush timer (the server does; tests flush by hand). */
    start: () => buffer.start((deps.flushSeconds ?? 5) * 1000),
    /** Stops the timer and flushes (graceful shutdown). */
    stop: () => buffer.stop(),

    /** Today's salted hash of a visitor (reports use it to deduplicate without storing an IP). */
    visitorHash: (ip: string, userAgent: string) => visitor(ip, userAgent, seoulParts(clock.now()).day),
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
