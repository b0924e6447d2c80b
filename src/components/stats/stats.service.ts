/**
 * Counting views and call taps without storing who: the visitor is a salted hash of IP and user agent,
 * with a salt that changes every day (so hashes cannot be joined across days). Bots are not counted.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import * as repo from './stats.repository.js';

const BOT = /bot|crawl|spider|slurp|facebookexternalhit|kakaotalk-scrap|yeti|daum|bingpreview|headless|python-requests|curl|wget|httpclient|axios|node-fetch|go-http|java\/|phantom|lighthouse/i;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.length < 10 || BOT.test(userAgent);
}

export function createStatsService(deps: { db: Knex; clock: Clock; isVisible: (listingId: number) => Promise<boolean> }) {
  const { db, clock } = deps;

  async function visitor(ip: string, userAgent: string, day: string): Promise<string> {
    const salt = await repo.saltForDay(db, day);
    return crypto.createHmac('sha256', salt).update(`${ip}\n${userAgent}`).digest('hex');
  }

  return {
    /** Returns whether the event was counted (false for bots, duplicates, unknown listings or phones). */
    async record(kind: 'view' | 'call', e: { listingId: number; phoneId?: number; ip: string; userAgent: string | undefined }): Promise<boolean> {
      if (isBot(e.userAgent) || !(await deps.isVisible(e.listingId))) return false;
      if (kind === 'call' && (!e.phoneId || !(await repo.phoneBelongsTo(db, e.phoneId, e.listingId)))) return false;
      const day = seoulParts(clock.now()).day;
      const visitorHash = await visitor(e.ip, e.userAgent ?? '', day);
      return db.transaction(async (trx) => {
        const subjectId = kind === 'call' ? e.phoneId! : e.listingId;
        if (!(await repo.recordOnce(trx, { kind, subjectId, day, visitorHash }))) return false;
        await repo.incrementListing(trx, e.listingId, day, kind === 'call' ? 'calls' : 'views');
        if (kind === 'call') await repo.incrementPhone(trx, e.phoneId!, day);
        return true;
      });
    },

    /** Today's salted hash of a visitor (reports use it to deduplicate without storing an IP). */
    visitorHash: (ip: string, userAgent: string) => visitor(ip, userAgent, seoulParts(clock.now()).day),

    /** Views and calls per listing since a day (YYYY-MM-DD), for "my listings". */
    totalsForListings: (listingIds: number[], sinceDay: string) => repo.totals(db, listingIds, sinceDay),
    dailySeries: (listingId: number, sinceDay: string) => repo.dailySeries(db, listingId, sinceDay),
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
