import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, loginAgent } from '../../helpers/auth.js';

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

describe.each(engines())('call and view counting (%s)', (engine) => {
  let t: TestApp;
  let hd: number;
  let phoneId: number;
  // Counters are buffered: every read of them first writes what is waiting (as the server's timer would).
  const flush = () => t.services.stats.flush();
  const calls = async () => {
    await flush();
    return Number((await t.db('listing_daily_stats').where({ listing_id: hd }).first())?.calls ?? 0);
  };
  const beacon = (ua: string, body: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const r = request(t.app).post(`/listings/${hd}/calls`).set('User-Agent', ua).type('form');
    for (const [k, v] of Object.entries(extra)) r.set(k, v);
    return r.send(body);
  };
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    hd = await listingIdByName(t, 'HDKorea');
    phoneId = Number((await t.db('phones').where({ listing_id: hd, e164: '+82625222000' }).first('id')).id);
  });
  afterAll(async () => t.close());

  it('a call beacon → 204 and counted per listing, phone and day; the same visitor again the same day → not counted twice', async () => {
    const ua = `${PHONE_UA} first`;
    const before = await calls();
    const phoneCalls = async () =>
      Number((await t.db('phone_daily_calls').where({ phone_id: phoneId, day: '2026-11-24' }).first())?.calls ?? 0);
    const phoneBefore = await phoneCalls();
    await beacon(ua, { phone: phoneId }).expect(204);
    await beacon(ua, { phone: phoneId }).expect(204);
    expect(await calls()).toBe(before + 1);
    expect(await phoneCalls()).toBe(phoneBefore + 1);
    expect(Number((await t.db('listing_daily_stats').where({ listing_id: hd, day: '2026-11-24' }).first()).calls)).toBeGreaterThanOrEqual(
      1,
    );
    // No raw IP or user agent is stored anywhere.
    const events = await t.db('counter_events');
    expect(JSON.stringify(events)).not.toMatch(/127\.0\.0\.1|Android/);
  });

  it('a beacon neither reads nor makes a session, even from a signed-in visitor (counted all the same)', async () => {
    const user = await createUser(t, { email: 'beacon-reader@example.com' });
    const agent = await loginAgent(t, user.email);
    const sessions = async () => Number((await t.db('sessions').count({ n: '*' }).first())?.n ?? 0);
    const sessionsBefore = await sessions();
    const touched: string[] = [];
    const onQuery = (q: { sql: string }) => { if (/\bsessions\b/.test(q.sql)) touched.push(q.sql); };
    t.db.on('query', onQuery);
    const before = await calls();
    try {
      const res = await agent
        .post(`/listings/${hd}/calls`)
        .set('User-Agent', `${PHONE_UA} signed-in`)
        .type('form')
        .send({ phone: phoneId })
        .expect(204);
      const cookieless = await beacon(`${PHONE_UA} cookieless`, { phone: phoneId }).expect(204);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(cookieless.headers['set-cookie']).toBeUndefined();
    } finally {
      t.db.off('query', onQuery);
    }
    expect(touched).toEqual([]);
    expect(await sessions()).toBe(sessionsBefore);
    expect(await calls()).toBe(before + 2);
  });

  it('another visitor counts; the next day the same visitor counts again', async () => {
    const ua = `${PHONE_UA} other`;
    const before = await calls();
    await beacon(ua, { phone: phoneId }).expect(204);
    expect(await calls()).toBe(before + 1);
    t.clock.advance(86400_000);
    await beacon(ua, { phone: phoneId }).expect(204);
    await flush();
    expect(Number((await t.db('listing_daily_stats').where({ listing_id: hd, day: '2026-11-25' }).first()).calls)).toBe(1);
    t.clock.set('2026-11-24T02:00:00Z');
  });

  it('bots, a phone of another listing, a foreign Origin and a missing phone → 204 but not counted', async () => {
    const before = await calls();
    await beacon('Googlebot/2.1 (+http://www.google.com/bot.html)', { phone: phoneId }).expect(204);
    await beacon('curl/8.0', { phone: phoneId }).expect(204);
    const otherPhone = Number((await t.db('phones').whereNot({ listing_id: hd }).first('id')).id);
    await beacon(`${PHONE_UA} x`, { phone: otherPhone }).expect(204);
    await beacon(`${PHONE_UA} y`, { phone: phoneId }, { Origin: 'https://evil.example' }).expect(204);
    await beacon(`${PHONE_UA} z`, {}).expect(204);
    expect(await calls()).toBe(before);
  });

  it('page views: counted once per visitor and day; no CSRF token needed; not for unpublished listings', async () => {
    await request(t.app).post(`/listings/${hd}/views`).set('User-Agent', PHONE_UA).expect(204);
    await request(t.app).post(`/listings/${hd}/views`).set('User-Agent', PHONE_UA).expect(204);
    await flush();
    expect(Number((await t.db('listing_daily_stats').where({ listing_id: hd, day: '2026-11-24' }).first()).views)).toBe(1);
    const flower = await listingIdByName(t, '60플라워');
    await t.db('listings').where({ id: flower }).update({ status: 'pending' });
    await request(t.app).post(`/listings/${flower}/views`).set('User-Agent', PHONE_UA).expect(204);
    await flush();
    expect(await t.db('listing_daily_stats').where({ listing_id: flower }).first()).toBeUndefined();
    await t.db('listings').where({ id: flower }).update({ status: 'published' });
  });

  it('sort=calls puts the most called listing first', async () => {
    await beacon(`${PHONE_UA} sorting`, { phone: phoneId }).expect(204);
    await flush();
    const res = await request(t.app).get('/categories/drones-cameras?sort=calls').expect(200);
    expect(res.text.match(/<h3><a href="\/listings\/[^"]+">([^<]+)<\/a><\/h3>/)![1]).toBe('HDKorea');
  });

  it('R2: beacons in a tight loop → rate-limited (429), counts not inflated', async () => {
    // An app of its own: the limit it reaches would otherwise answer the other tests' beacons.
    const own = await createTestApp({ engine, seed: true });
    try {
      const id = await listingIdByName(own, 'HDKorea');
      const phone = Number((await own.db('phones').where({ listing_id: id, e164: '+82625222000' }).first('id')).id);
      const statuses: number[] = [];
      for (let i = 0; i < 70; i++)
        statuses.push(
          (await request(own.app).post(`/listings/${id}/calls`).set('User-Agent', `${PHONE_UA} loop${i}`).type('form').send({ phone }))
            .status,
        );
      expect(statuses).toContain(429);
      await own.services.stats.flush();
      expect(Number((await own.db('listing_daily_stats').where({ listing_id: id }).first())?.calls ?? 0)).toBeLessThanOrEqual(60);
    } finally {
      await own.close();
    }
  });
});
