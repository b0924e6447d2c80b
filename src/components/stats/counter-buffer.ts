/**
 * Counters buffered in memory and written in one transaction every few seconds and on shutdown, so a beacon or a
 * search costs no write of its own. Repeats within the window are dropped here (one instance) and again by the
 * database when flushing (several instances). A failed flush keeps its events for the next one: nothing is lost.
 */
import type { Knex } from 'knex';
import * as repo from './stats.repository.js';

/** `via`: a visit through a short code (/p/CODE); its subjectId is the code's id. */
export type EventKind = 'view' | 'call' | 'map' | 'vcard' | 'share' | 'qr' | 'click' | 'ad_visit' | 'ad_call' | 'via';

export interface BufferedEvent {
  kind: EventKind;
  /**
   * The phone id for calls, the placement id for ad visits and calls, else the listing id: the key of the repeat rule with visitor and day.
   */
  subjectId: number;
  listingId: number;
  day: string;
  visitorHash: string;
  /** Epoch ms. */
  at: number;
  phone?: { id: number; e164: string };
  query?: string;
  /** The short code a visit came through, or a call made on a page reached through it. */
  codeId?: number;
}

const COLUMN: Record<Exclude<EventKind, 'click' | 'ad_visit' | 'ad_call' | 'via'>, repo.ListingCounter> = {
  view: 'views', call: 'calls', map: 'map_taps', vcard: 'vcard_downloads', share: 'shares', qr: 'qr_scans',
};
/** Beyond this many waiting events a flush starts at once; a database that stays away cannot grow memory without bound. */
const FLUSH_AT = 5_000;
const MAX_WAITING = 200_000;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byEventKey = (a: BufferedEvent, b: BufferedEvent) => compare(repo.eventKeyOf(a), repo.eventKeyOf(b));
/** A map's values sorted by their keys: the one order in which every instance writes (and locks) counter rows. */
function inKeyOrder<V>(map: Map<string, V>): V[] {
  return [...map.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

export function createCounterBuffer(deps: {
  db: Knex; windowMs: number; onError?: (err: unknown, waiting: number) => void;
  /** Told of each flush that had something to write (for metrics): whether it was written, and how long it took. */
  onFlush?: (ok: boolean, ms: number) => void;
}) {
  let events: BufferedEvent[] = [];
  /**
   * When the oldest counter now waiting was accepted (performance.now(), ms), null when none waits: how far the
   * database's counts are behind what visitors did, which a flush that keeps failing or a stuck timer makes grow.
   */
  let waitingSince: number | null = null;
  let impressions = new Map<string, { listingId: number; day: string; query: string; count: number }>();
  /** Featured slot impressions: placement id|day → count. */
  let adShown = new Map<string, { placementId: number; day: string; count: number }>();
  /** key → epoch ms of the last event accepted on this instance. */
  const lastAccepted = new Map<string, number>();
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function prune(now: number): void {
    for (const [key, at] of lastAccepted) if (at <= now - deps.windowMs) lastAccepted.delete(key);
  }

  async function write(batch: BufferedEvent[], shown: typeof impressions, ads: typeof adShown): Promise<number> {
    const listingIds = [...batch.map((e) => e.listingId), ...[...shown.values()].map((s) => s.listingId)];
    const phoneIds = batch.flatMap((e) => (e.phone ? [e.phone.id] : []));
    const placementIds = [
      ...batch.filter((e) => e.kind === 'ad_visit' || e.kind === 'ad_call').map((e) => e.subjectId),
      ...[...ads.values()].map((a) => a.placementId),
    ];
    const codeIds = batch.flatMap((e) => (e.codeId ? [e.codeId] : []));
    return deps.db.transaction(async (trx) => {
      const listings = await repo.existingIds(trx, 'listings', listingIds);
      const phones = await repo.existingIds(trx, 'phones', phoneIds);
      const placements = await repo.existingIds(trx, 'ad_placements', placementIds);
      const codes = await repo.existingIds(trx, 'short_codes', codeIds);
      const perPlacement = new Map<string, { placementId: number; day: string; impressions: number; visits: number; calls: number }>();
      const placementRow = (placementId: number, day: string) => () => ({ placementId, day, impressions: 0, visits: 0, calls: 0 });
      // One statement per round; a key occurs once per round (the same visitor 11 minutes later goes to the next).
      const rounds: BufferedEvent[][] = [];
      const roundOf = new Map<string, number>();
      for (const e of [...batch].sort((a, b) => a.at - b.at)) {
        if (!listings.has(e.listingId)) continue;
        const key = repo.eventKeyOf(e);
        const r = (roundOf.get(key) ?? -1) + 1;
        roundOf.set(key, r);
        (rounds[r] ??= []).push(e);
      }
      const perDay = new Map<string, { listingId: number; day: string; add: Partial<Record<repo.ListingCounter, number>> }>();
      const perNumber = new Map<string, { listingId: number; day: string; e164: string; n: number }>();
      const perPhone = new Map<string, { phoneId: number; day: string; n: number }>();
      const perQuery = new Map<string, { listingId: number; day: string; query: string; impressions: number; clicks: number }>();
      const perCode = new Map<string, { codeId: number; day: string; visits: number; calls: number }>();
      const bump = <V>(map: Map<string, V>, key: string, make: () => V, change: (v: V) => void) => {
        const v = map.get(key) ?? make();
        change(v);
        map.set(key, v);
      };
      let counted = 0;
      for (const round of rounds) {
        const ok = await repo.markCounted(trx, round.sort(byEventKey), deps.windowMs);
        for (const e of round) {
          if (!ok.has(repo.eventKeyOf(e))) continue;
          counted += 1;
          if (e.kind === 'ad_visit' || e.kind === 'ad_call') {
            const kind = e.kind;
            if (placements.has(e.subjectId))
              bump(perPlacement, `${e.subjectId}|${e.day}`, placementRow(e.subjectId, e.day), (v) => {
                if (kind === 'ad_visit') v.visits += 1;
                else v.calls += 1;
              });
            continue;
          }
          if (e.codeId && codes.has(e.codeId) && (e.kind === 'via' || e.kind === 'call')) {
            const newCode = () => ({ codeId: e.codeId!, day: e.day, visits: 0, calls: 0 });
            bump(perCode, `${e.codeId}|${e.day}`, newCode, (v) => { if (e.kind === 'via') v.visits += 1; else v.calls += 1; });
          }
          if (e.kind === 'via') continue;
          if (e.kind === 'click') {
            bump(
              perQuery,
              `${e.listingId}|${e.day}|${e.query}`,
              () => ({ listingId: e.listingId, day: e.day, query: e.query!, impressions: 0, clicks: 0 }),
              (v) => {
                v.clicks += 1;
              },
            );
            continue;
          }
          const col = COLUMN[e.kind];
          bump(
            perDay,
            `${e.listingId}|${e.day}`,
            () => ({ listingId: e.listingId, day: e.day, add: {} as Partial<Record<repo.ListingCounter, number>> }),
            (v) => {
              v.add[col] = (v.add[col] ?? 0) + 1;
            },
          );
          if (e.phone) {
            bump(
              perNumber,
              `${e.listingId}|${e.day}|${e.phone.e164}`,
              () => ({ listingId: e.listingId, day: e.day, e164: e.phone!.e164, n: 0 }),
              (v) => {
                v.n += 1;
              },
            );
            if (phones.has(e.phone.id))
              bump(
                perPhone,
                `${e.phone.id}|${e.day}`,
                () => ({ phoneId: e.phone!.id, day: e.day, n: 0 }),
                (v) => {
                  v.n += 1;
                },
              );
          }
        }
      }
      for (const s of shown.values()) {
        if (listings.has(s.listingId))
          bump(
            perQuery,
            `${s.listingId}|${s.day}|${s.query}`,
            () => ({ listingId: s.listingId, day: s.day, query: s.query, impressions: 0, clicks: 0 }),
            (v) => {
              v.impressions += s.count;
            },
          );
      }
      for (const a of ads.values()) {
        if (placements.has(a.placementId))
          bump(perPlacement, `${a.placementId}|${a.day}`, placementRow(a.placementId, a.day), (v) => {
            v.impressions += a.count;
          });
      }
      // One multi-row upsert per table (per 400 rows), rows in key order as on every instance: PostgreSQL locks each
      // upserted row until commit, and two flushes taking the same rows in different orders deadlock.
      await repo.addListingCounts(trx, inKeyOrder(perDay));
      await repo.addNumberCalls(trx, inKeyOrder(perNumber));
      await repo.addPhoneCalls(trx, inKeyOrder(perPhone));
      await repo.addQueryCounts(trx, inKeyOrder(perQuery));
      await repo.addPlacementCounts(trx, inKeyOrder(perPlacement));
      await repo.addCodeCounts(trx, inKeyOrder(perCode));
      return counted;
    });
  }

  async function flushOnce(): Promise<number> {
    if (!events.length && !impressions.size && !adShown.size) return 0;
    const batch = events;
    const shown = impressions;
    const ads = adShown;
    const batchSince = waitingSince;
    events = [];
    impressions = new Map();
    adShown = new Map();
    waitingSince = null;
    const started = performance.now();
    try {
      const counted = await write(batch, shown, ads);
      deps.onFlush?.(true, performance.now() - started);
      return counted;
    } catch (err) {
      deps.onFlush?.(false, performance.now() - started);
      // Put them back in front of whatever arrived meanwhile; the next flush tries again.
      waitingSince = batchSince ?? waitingSince;
      events = [...batch, ...events].slice(-MAX_WAITING);
      for (const [k, v] of shown) {
        const now = impressions.get(k);
        impressions.set(k, now ? { ...now, count: now.count + v.count } : v);
      }
      for (const [k, v] of ads) {
        const now = adShown.get(k);
        adShown.set(k, now ? { ...now, count: now.count + v.count } : v);
      }
      deps.onError?.(err, events.length);
      throw err;
    }
  }

  /** Waits for a flush in progress, then writes everything waiting (one flush at a time). Resolves to events counted. */
  function flush(): Promise<number> {
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(flushOnce);
    running = next;
    void next.catch(() => undefined).finally(() => { if (running === next) running = null; });
    return next;
  }

  return {
    /** Accepts an event unless this instance accepted the same key within the window. */
    add(e: BufferedEvent): boolean {
      const key = repo.eventKeyOf(e);
      const last = lastAccepted.get(key);
      if (last !== undefined && Math.abs(e.at - last) < deps.windowMs) return false;
      lastAccepted.set(key, e.at);
      if (lastAccepted.size > MAX_WAITING) prune(e.at);
      if (events.length >= MAX_WAITING) return false;
      events.push(e);
      waitingSince ??= performance.now();
      if (events.length >= FLUSH_AT) void flush().catch(() => undefined);
      return true;
    },

    addImpressions(listingIds: number[], day: string, query: string): void {
      for (const listingId of new Set(listingIds)) {
        const key = `${listingId}|${day}|${query}`;
        const v = impressions.get(key);
        if (v) v.count += 1;
        else if (impressions.size < MAX_WAITING) impressions.set(key, { listingId, day, query, count: 1 });
        else continue;
        waitingSince ??= performance.now();
      }
    },

    /** One impression of each featured slot a page showed (the caller has left bots out). */
    addAdImpressions(placementIds: number[], day: string): void {
      for (const placementId of new Set(placementIds)) {
        const key = `${placementId}|${day}`;
        const v = adShown.get(key);
        if (v) v.count += 1;
        else if (adShown.size < MAX_WAITING) adShown.set(key, { placementId, day, count: 1 });
        else continue;
        waitingSince ??= performance.now();
      }
    },

    flush,
    waiting: () => events.length + impressions.size + adShown.size,
    /** How long the oldest counter now waiting has waited for a flush, in ms (0 when none waits). */
    lagMs: () => (waitingSince === null ? 0 : performance.now() - waitingSince),

    start(intervalMs: number): void {
      if (timer) return;
      timer = setInterval(() => {
        prune(Date.now());
        void flush().catch(() => undefined);
      }, intervalMs);
      timer.unref();
    },

    /** Stops the timer and writes what is waiting (graceful shutdown). */
    async stop(): Promise<number> {
      if (timer) clearInterval(timer);
      timer = null;
      return flush();
    },
  };
}

export type CounterBuffer = ReturnType<typeof createCounterBuffer>;
