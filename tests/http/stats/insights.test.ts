/**
 * Advertiser insights over HTTP with a fixed clock: Seoul day buckets, the 10-minute repeat rule, every counter's
 * beacon, the chart, table and CSV agreeing with the rows, who may see them, and rare queries grouped as "기타".
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, type TestUser } from '../../helpers/as-user.js';
import { submitListing } from '../../helpers/drafts.js';
import { reindexListings } from '../../../src/components/search/index.js';

const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const MIN = 60_000;

describe.each(engines())('advertiser insights (%s)', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let owner: TestUser;
  let other: TestUser;
  let moderator: TestUser;
  // Each test works on a published listing of its own (fresh()), so tests do not depend on each other's taps.
  let id: number;
  let phoneId: number;
  let made = 0;
  const stats = async (day: string) => {
    await t.services.stats.flush();
    return t.db('listing_daily_stats').where({ listing_id: id, day }).first();
  };
  const call = (ua = UA) =>
    request(t.app).post(`/listings/${id}/calls`).set('User-Agent', ua).type('form').send({ phone: phoneId }).expect(204);

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { RATE_LIMIT_ENABLED: 'false' } });
    as = agentsFor(t);
    owner = await createUserRow(t, 'flowers@example.kr');
    other = await createUserRow(t, 'other@example.kr');
    moderator = await createUserRow(t, 'mod@example.kr', 'moderator');
  });
  afterAll(async () => t.close());

  /** A new published listing of the owner with two phones; `id` and `phoneId` point at it. */
  async function fresh(name = `인사이트화원 ${++made}`): Promise<void> {
    id = await submitListing(t, owner.id, { name, phones: [{ number: '062-522-2000' }, { number: '010-2345-6789' }] });
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
      await reindexListings(trx, [id]);
    });
    phoneId = Number((await t.db('phones').where({ listing_id: id, e164: '+82625222000' }).first('id')).id);
  }

  /** A fresh listing with a week of taps: calls on 11-20, 11-21 and two on 11-22 (4), one the week before; now 11-24. */
  async function freshWithAWeek(): Promise<void> {
    await fresh();
    for (const at of ['2026-11-20T14:59:00Z', '2026-11-20T15:01:00Z', '2026-11-22T01:00:00Z', '2026-11-22T01:11:00Z']) {
      t.clock.set(at);
      await call();
    }
    await request(t.app).post(`/listings/${id}/views`).set('User-Agent', UA).type('form').send({}).expect(204);
    await t.services.stats.flush();
    await t.db('listing_daily_stats').insert({ listing_id: id, day: '2026-11-15', views: 3, calls: 1 }); // the previous period
    t.clock.set('2026-11-24T02:00:00Z');
  }

  it('a tap at 23:59 and one at 00:01 Seoul time land on different days (one visitor, two minutes apart)', async () => {
    await fresh();
    t.clock.set('2026-11-20T14:59:00Z'); // 23:59 on 11-20 in Seoul
    await call();
    t.clock.set('2026-11-20T15:01:00Z'); // 00:01 on 11-21 in Seoul
    await call();
    expect(Number((await stats('2026-11-20')).calls)).toBe(1);
    expect(Number((await stats('2026-11-21')).calls)).toBe(1);
    const perNumber = await t.db('listing_phone_daily_calls').where({ listing_id: id }).orderBy('day');
    expect(perNumber.map((r) => [r.day, r.e164, Number(r.calls)])).toEqual([
      ['2026-11-20', '+82625222000', 1],
      ['2026-11-21', '+82625222000', 1],
    ]);
  });

  it('the same visitor again within 10 minutes → not counted; after 10 minutes → counted; bots never', async () => {
    await fresh();
    t.clock.set('2026-11-22T01:00:00Z');
    await call();
    t.clock.advance(5 * MIN);
    await call();
    expect(Number((await stats('2026-11-22')).calls)).toBe(1);
    t.clock.advance(6 * MIN);
    await call();
    await call('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)');
    await call('Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)');
    expect(Number((await stats('2026-11-22')).calls)).toBe(2);
  });

  it('views, QR scans (?src=qr), map taps, vCard downloads and shares each go to their own counter', async () => {
    await fresh();
    t.clock.set('2026-11-23T03:00:00Z');
    await request(t.app).post(`/listings/${id}/views`).set('User-Agent', UA).type('form').send({ src: 'qr' }).expect(204);
    await request(t.app).post(`/listings/${id}/views`).set('User-Agent', `${UA} b`).type('form').send({}).expect(204);
    for (const type of ['map', 'vcard', 'share'])
      await request(t.app).post(`/listings/${id}/actions`).set('User-Agent', UA).type('form').send({ type }).expect(204);
    await request(t.app).post(`/listings/${id}/actions`).set('User-Agent', UA).type('form').send({ type: 'password_hash' }).expect(204);
    const row = await stats('2026-11-23');
    expect([row.views, row.qr_scans, row.map_taps, row.vcard_downloads, row.shares].map(Number)).toEqual([2, 1, 1, 1, 1]);
  });

  it('searches: impressions per normalised query, clicks from a search page; a query seen under 3 times → only "기타"', async () => {
    await fresh('인사이트꽃집');
    t.clock.set('2026-11-24T02:00:00Z');
    // One Host, so the second and third results pages come from the page cache: each still counts its impressions.
    const pages = [];
    for (let i = 0; i < 3; i++)
      pages.push(
        await request(t.app)
          .get(`/search?q=${encodeURIComponent('인사이트꽃집')}`)
          .set('Host', 'golmok.test')
          .expect(200),
      );
    expect(pages.map((p) => p.headers['x-page-cache'])).toEqual([undefined, 'hit', 'hit']);
    await request(t.app).get(`/api/search?q=${encodeURIComponent('  인사이트꽃집  ')}`).expect(200);
    await request(t.app).get(`/search?q=${encodeURIComponent('축하화환')}`).expect(200);
    await request(t.app).post(`/listings/${id}/views`).set('User-Agent', `${UA} c`).type('form').send({ q: '인사이트꽃집' }).expect(204);
    await t.services.stats.flush();
    const rows = await t.db('search_query_daily').where({ listing_id: id }).orderBy('query');
    expect(rows.map((r) => [r.query, Number(r.impressions), Number(r.clicks)])).toContainEqual(['인사이트꽃집', 4, 1]);
    const page = await (await as(owner)).get(`/my/listings/${id}/insights?days=7&lang=ko`).expect(200);
    expect(page.text).toMatch(/<th scope="row">인사이트꽃집<\/th><td>4<\/td><td>1<\/td>/);
    expect(page.text).not.toContain('축하화환');
    expect(page.text).toMatch(/<th scope="row">기타<\/th><td>1<\/td><td>0<\/td>/);
  });

  it('the chart, the table and the CSV agree with the rows; totals and change against the previous 7 days', async () => {
    await freshWithAWeek();
    const page = await (await as(owner)).get(`/my/listings/${id}/insights?days=7&lang=ko`).expect(200);
    const rows = (await t.db('listing_daily_stats').where({ listing_id: id }).where('day', '>=', '2026-11-18')) as Array<
      Record<string, unknown>
    >;
    const byDay = new Map(rows.map((r) => [String(r.day), r]));
    const bars = [...page.text.matchAll(/<rect [^>]*data-day="([\d-]+)" data-calls="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars.map((b) => b[0])).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    for (const [day, calls] of bars) expect(calls).toBe(Number(byDay.get(String(day))?.calls ?? 0));
    const dots = [...page.text.matchAll(/<circle [^>]*data-day="([\d-]+)" data-views="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    for (const [day, views] of dots) expect(views).toBe(Number(byDay.get(String(day))?.views ?? 0));
    const tableRows = [...page.text.matchAll(/<tr><th scope="row">(2026-[\d-]+)<\/th>((?:<td>[\d,]+<\/td>)+)<\/tr>/g)]
      .map((m) => [m[1], [...m[2].matchAll(/<td>([\d,]+)<\/td>/g)].map((c) => Number(c[1].replace(/,/g, '')))]);
    expect(tableRows).toHaveLength(7);
    for (const [day, cells] of tableRows) {
      const r = byDay.get(String(day));
      expect(cells).toEqual(['views', 'calls', 'map_taps', 'vcard_downloads', 'shares', 'qr_scans'].map((c) => Number(r?.[c] ?? 0)));
    }
    // Totals: 4 calls this week (1 + 1 + 2 from the beacons), 1 call the week before → +300%.
    expect(page.text).toMatch(/data-metric="calls">4<\/strong>\s*<span class="change trend-up">\+300%<\/span>/);
    expect(page.text).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(page.text).toMatch(/<desc id="chart-desc">최근 7일 동안 조회 \d+회, 전화 4회/);

    const csv = await (await as(owner)).get(`/my/listings/${id}/insights.csv?days=7&lang=ko`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="golmok-insights-\d+-2026-11-18-2026-11-24\.csv"/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('날짜,조회,전화,지도 열기,연락처 저장,공유,QR 스캔');
    for (const line of lines.slice(1, -1)) {
      const [day, ...cells] = line.split(',');
      const r = byDay.get(day);
      expect(cells.map(Number)).toEqual(
        ['views', 'calls', 'map_taps', 'vcard_downloads', 'shares', 'qr_scans'].map((c) => Number(r?.[c] ?? 0)),
      );
    }
    expect(lines.at(-1)!.startsWith('합계,')).toBe(true);
  });

  it('calls per phone number; English page; 30 and 90 days', async () => {
    await freshWithAWeek();
    const page = await (await as(owner)).get(`/my/listings/${id}/insights?days=30&lang=en`).expect(200);
    expect(page.text).toContain('Calls per phone number');
    expect(page.text).toMatch(/<th scope="row">062-522-2000<\/th><td>[^<]*<\/td><td><\/td><td>4<\/td>/);
    expect(page.text).toMatch(/<th scope="row">010-2345-6789<\/th><td>[^<]*<\/td><td><\/td><td>0<\/td>/);
    const ninety = await (await as(owner)).get(`/my/listings/${id}/insights?days=90`).expect(200);
    expect([...ninety.text.matchAll(/<rect [^>]*data-day=/g)]).toHaveLength(90);
    const odd = await (await as(owner)).get(`/my/listings/${id}/insights?days=1e309`).expect(200);
    expect([...odd.text.matchAll(/<rect [^>]*data-day=/g)]).toHaveLength(30);
  });

  it('another owner → 404 (page and CSV); a visitor → login; a moderator → 200; "my listings" shows the sparkline', async () => {
    await freshWithAWeek();
    await (await as(other)).get(`/my/listings/${id}/insights`).expect(404);
    await (await as(other)).get(`/my/listings/${id}/insights.csv`).expect(404);
    const anon = await request(t.app).get(`/my/listings/${id}/insights`).expect(303);
    expect(anon.headers.location).toMatch(/^\/login\?next=/);
    await (await as(moderator)).get(`/my/listings/${id}/insights`).expect(200);
    await (await as(owner)).get('/my/listings/999999/insights').expect(404);
    const mine = await (await as(owner)).get('/my/listings?lang=ko').expect(200);
    // Four weekly bars, and the same figures as words: a bare 30-day line read as a stray stroke.
    expect(mine.text).toMatch(/<div class="sparkline"><svg [^>]*aria-hidden="true"[^>]*>(<rect [^>]+><\/rect>){4}<\/svg>/);
    expect(mine.text).toMatch(/주별 전화 \(4주 전 → 이번 주\): \d+ · \d+ · \d+ · \d+/);
    expect(mine.text).toContain('최근 30일 전화 5회');
    // The confirmation day in words, in Seoul's calendar (03:00 UTC on 12-06 is 12:00 on 12-06 in Seoul; 20:00 UTC is the 7th).
    await t.db('listings').where({ id }).update({ last_confirmed_at: new Date(`${t.clock.now().getUTCFullYear()}-12-06T20:00:00Z`) });
    const confirmed = await (await as(owner)).get('/my/listings?lang=ko').expect(200);
    expect(confirmed.text).toContain('정보 확인일 12월 7일');
    expect(confirmed.text).not.toMatch(/\d{4}-\d{2}-\d{2} 확인/);
    const en = await (await as(owner)).get('/my/listings?lang=en').expect(200);
    expect(en.text).toContain('details confirmed Dec 7');
    expect(en.text).toContain('5 calls');
    expect(en.text).not.toMatch(/\b1 (calls|views)\b/);
    expect(mine.text).toContain(`href="/my/listings/${id}/insights"`);
  });
});
