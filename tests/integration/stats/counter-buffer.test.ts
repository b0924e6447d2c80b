/**
 * Buffered counters on two instances sharing one database (two stats services, two buffers): the 10-minute rule holds
 * across them, a failed flush keeps its events, and nothing reaches the database before a flush.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatsService } from '../../../src/components/stats/index.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const MIN = 60_000;

describe.each(engines())('buffered counters on two instances (%s)', (engine) => {
  let t: TestApp;
  let hd: number;
  let phoneId: number;
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const instance = () => createStatsService({ db: t.db, clock, isVisible: async () => true });
  const calls = async () => Number((await t.db('listing_daily_stats').where({ listing_id: hd, day: '2026-11-24' }).first())?.calls ?? 0);
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    hd = await listingIdByName(t, 'HDKorea');
    phoneId = Number((await t.db('phones').where({ listing_id: hd, e164: '+82625222000' }).first('id')).id);
  });
  afterAll(async () => t.close());

  it('nothing is written before a flush; one flush writes all in one go', async () => {
    clock.set('2026-11-24T02:00:00Z');
    const a = instance();
    const before = await calls();
    for (let i = 0; i < 5; i++) expect(await a.recordCall({ listingId: hd, phoneId, ip: '10.0.0.1', userAgent: `${UA} n${i}` })).toBe(true);
    expect(await calls()).toBe(before);
    expect(a.waiting()).toBe(5);
    expect(await a.flush()).toBe(5);
    expect(await calls()).toBe(before + 5);
    expect(a.waiting()).toBe(0);
  });

  it('the same visitor on A and B within 10 minutes counts once, whichever flushes first; 11 minutes later it counts again', async () => {
    const [a, b] = [instance(), instance()];
    const visit = { listingId: hd, phoneId, ip: '10.0.0.2', userAgent: UA };
    const before = await calls();
    clock.set('2026-11-24T03:00:00Z');
    await a.recordCall(visit);
    clock.advance(2 * MIN);
    await b.recordCall(visit);
    await Promise.all([b.flush(), a.flush()]);
    expect(await calls()).toBe(before + 1);
    clock.advance(11 * MIN);
    await b.recordCall(visit);
    await b.flush();
    expect(await calls()).toBe(before + 2);
    // The later instance's event flushed first, the earlier one's afterwards: still once.
    clock.set('2026-11-24T05:00:00Z');
    await a.recordCall(visit);
    clock.advance(3 * MIN);
    await b.recordCall(visit);
    await b.flush();
    await a.flush();
    expect(await calls()).toBe(before + 3);
  });

  it('both instances flushing at once, their views of the same listings in opposite orders → both flushes succeed, every view counted', async () => {
    // PostgreSQL locks each upserted counter row until commit: rows taken in opposite orders deadlocked one flush
    // ("deadlock detected"; its events waited for the next flush). Rows are now written in one order everywhere.
    const ids = (await t.db('listings').where({ status: 'published' }).orderBy('id').limit(12).pluck('id')).map(Number);
    const views = async () => Number((await t.db('listing_daily_stats').whereIn('listing_id', ids).sum({ n: 'views' }).first())?.n ?? 0);
    for (let round = 0; round < 3; round++) {
      clock.set(`2026-11-2${5 + round}T02:00:00Z`);
      const [a, b] = [instance(), instance()];
      for (const [i, id] of ids.entries()) await a.recordView({ listingId: id, ip: `10.1.${round}.${i}`, userAgent: UA });
      for (const [i, id] of [...ids].reverse().entries()) await b.recordView({ listingId: id, ip: `10.2.${round}.${i}`, userAgent: UA });
      const before = await views();
      const flushed = await Promise.allSettled([a.flush(), b.flush()]);
      expect(flushed.map((f) => (f.status === 'rejected' ? String(f.reason) : 'ok'))).toEqual(['ok', 'ok']);
      expect(await views()).toBe(before + 2 * ids.length);
    }
  });

  it('a flush that fails keeps its events and their lag (reported as failed); the next one writes them', async () => {
    clock.set('2026-11-24T02:00:00Z');
    const flushes: boolean[] = [];
    const a = createStatsService({ db: t.db, clock, isVisible: async () => true, onFlush: (ok) => flushes.push(ok) });
    expect(a.flushLagMs()).toBe(0);
    const before = await calls();
    const impressions = async () =>
      Number((await t.db('search_query_daily').where({ listing_id: hd, query: '드론' }).first())?.impressions ?? 0);
    const shown = await impressions();
    await a.recordCall({ listingId: hd, phoneId, ip: '10.0.0.3', userAgent: `${UA} failing` });
    a.recordSearchResults('드론', [hd]);
    const lag = a.flushLagMs();
    expect(lag).toBeGreaterThan(0);
    await t.db.schema.renameTable('search_query_daily', 'search_query_daily_away');
    await expect(a.flush()).rejects.toThrow();
    expect(a.waiting()).toBe(2);
    // Still behind since the first of them, not since the failed attempt.
    expect(a.flushLagMs()).toBeGreaterThan(lag);
    expect(await calls()).toBe(before);
    await t.db.schema.renameTable('search_query_daily_away', 'search_query_daily');
    await a.flush();
    expect(await calls()).toBe(before + 1);
    expect(await impressions()).toBe(shown + 1);
    expect([a.waiting(), a.flushLagMs(), flushes]).toEqual([0, 0, [false, true]]);
  });

  it('a call for a phone row that an edit replaced meanwhile is still counted by number and does not fail the flush', async () => {
    clock.set('2026-11-24T02:00:00Z');
    const a = instance();
    const before = await calls();
    const extra = await t
      .db('phones')
      .insert({
        listing_id: hd,
        type: 'mobile',
        e164: '+821099998888',
        display: '010-9999-8888',
        national_digits: '01099998888',
        sort_order: 9,
      })
      .returning('id');
    const extraId = Number(typeof extra[0] === 'object' ? extra[0].id : extra[0]);
    await a.recordCall({ listingId: hd, phoneId: extraId, ip: '10.0.0.4', userAgent: UA });
    await t.db('phones').where({ id: extraId }).del();
    await a.flush();
    expect(Number((await t.db('listing_phone_daily_calls').where({ listing_id: hd, e164: '+821099998888' }).first()).calls)).toBe(1);
    expect(await calls()).toBe(before + 1);
  });

  it('a flush of hundreds of rows (more than one statement holds) counts every impression, view and call exactly, and later flushes add to the same rows', async () => {
    clock.set('2026-12-15T02:00:00Z');
    const a = instance();
    const ids = ((await t.db('listings').orderBy('id').limit(3).pluck('id')) as unknown[]).map(Number);
    const queries = Array.from({ length: 150 }, (_, i) => `묶음 검색어 ${i}`);
    for (const q of queries) a.recordSearchResults(q, ids);
    a.recordSearchResults(queries[0], ids);
    for (const [i, id] of ids.entries()) await a.recordView({ listingId: id, ip: `10.0.1.${i}`, userAgent: UA });
    await a.flush();
    a.recordSearchResults(queries[0], ids);
    a.recordSearchResults(queries[1], ids);
    await a.recordCall({ listingId: hd, phoneId, ip: '10.0.1.9', userAgent: UA });
    await a.flush();
    const rows = await t
      .db('search_query_daily')
      .where({ day: '2026-12-15' })
      .whereIn('listing_id', ids)
      .select('query', 'impressions', 'clicks');
    expect(rows).toHaveLength(450);
    const expected = (q: string) => (q === queries[0] ? 3 : q === queries[1] ? 2 : 1);
    expect(rows.filter((r) => Number(r.impressions) !== expected(String(r.query)) || Number(r.clicks) !== 0)).toEqual([]);
    const day = await t
      .db('listing_daily_stats')
      .where({ day: '2026-12-15' })
      .whereIn('listing_id', [...ids, hd])
      .select('listing_id', 'views', 'calls');
    const of = (id: number) => day.find((r) => Number(r.listing_id) === id);
    for (const id of ids) expect(Number(of(id)?.views)).toBe(1);
    expect(Number(of(hd)?.calls)).toBe(1);
    expect(Number(of(hd)?.views)).toBe(ids.includes(hd) ? 1 : 0);
  });
});
