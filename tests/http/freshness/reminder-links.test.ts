/**
 * The one-click links of reminder mails, with a fixed clock: they work once without logging in, change only what they
 * say, expire, and refuse tampering; GET changes nothing. The 12-month stale notice on the public page.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUserRow } from '../../helpers/as-user.js';
import { csrfFrom, readOutbox } from '../../helpers/auth.js';
import { submitListing } from '../../helpers/drafts.js';

const DAY = 86_400_000;

describe.each(engines())('reminder links (%s)', (engine) => {
  let t: TestApp;
  let shop: number;
  let ad: number;
  const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);
  /** The link in the (one) reminder mail about a listing. */
  const linkAbout = (name: string) =>
    new URL(
      readOutbox(t)
        .filter((m) => m.subject.includes(name))
        .pop()!
        .text.match(/https?:\/\/\S+\/reminders\/\S+/)![0],
    ).pathname;
  const row = (id: number) => t.db('listings').where({ id }).first();
  /** GET the link's page with a fresh visitor, then POST its form: what a click in the mail and one button press do. */
  async function press(path: string) {
    const agent = request.agent(t.app);
    const page = await agent.get(path);
    return page.status === 200 && page.text.includes('name="_csrf"')
      ? agent
          .post(path)
          .type('form')
          .send({ _csrf: csrfFrom(page.text) })
      : page;
  }

  beforeAll(async () => {
    t = await createTestApp({ engine });
    const owner = await createUserRow(t, 'shop@example.kr');
    shop = await submitListing(t, owner.id, { name: '확인링크꽃집' });
    await t
      .db('listings')
      .where({ id: shop })
      .update({ status: 'published', published_at: ago(300), last_confirmed_at: ago(200), updated_at: ago(50) });
    ad = await submitListing(t, owner.id, { name: '연장링크광고', kind: 'classified' });
    await t
      .db('listings')
      .where({ id: ad })
      .update({ status: 'published', published_at: ago(28), expires_at: new Date(t.clock.now().getTime() + 2 * DAY) });
    await t.services.jobs.runOnce();
  });
  afterAll(async () => t.close());

  it('GET shows one button and changes nothing; POST confirms: last_confirmed_at only; the second use → "already used"', async () => {
    const link = linkAbout('확인링크꽃집');
    expect(link).toMatch(/^\/reminders\//);
    const before = await row(shop);
    const page = await request(t.app).get(link).expect(200);
    expect(page.text).toContain('정보가 맞습니다');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(await row(shop)).toEqual(before);
    const done = await press(link);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/reminders/done?kind=confirm');
    const after = await row(shop);
    expect(new Date(after.last_confirmed_at).getTime()).toBe(t.clock.now().getTime());
    // version (a cache stamp bumped by triggers on any write) and is_listed (the browse shelves) are bookkeeping.
    const own = (r: Record<string, unknown>) => ({ ...r, last_confirmed_at: null, version: null, is_listed: null });
    expect(own(after)).toEqual(own(before));
    const again = await press(link);
    expect(again.status).toBe(200);
    expect(again.text).toContain('이미 사용한 링크입니다');
    expect(await row(shop)).toEqual(after);
  });

  it('a tampered link (id, expiry or signature changed) → 404 and nothing changes', async () => {
    const link = linkAbout('확인링크꽃집');
    const [, , token] = link.split('/');
    const [id, exp, mac] = token.split('.');
    const before = await row(ad);
    for (const bad of [
      `${Number(id) + 1}.${exp}.${mac}`,
      `${id}.${Number(exp) + 86400}.${mac}`,
      `${id}.${exp}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${exp}`,
      'x'.repeat(500),
    ]) {
      expect((await request(t.app).get(`/reminders/${bad}`)).status).toBe(404);
      expect((await request(t.app).post(`/reminders/${bad}`).type('form').send({})).status).toBeGreaterThanOrEqual(403);
    }
    expect(await row(ad)).toEqual(before);
  });

  it('the renew link renews the classified ad; after 14 days a link has expired (410)', async () => {
    const link = linkAbout('연장링크광고');
    expect((await request(t.app).get(link).expect(200)).text).toContain('연장하기');
    t.clock.advance(15 * DAY);
    const late = await press(link);
    expect(late.status).toBe(410);
    expect(late.text).toContain('기간이 지난 링크입니다');
    t.clock.advance(-15 * DAY);
    t.clock.advance(3 * DAY); // the ad has ended meanwhile
    await t.services.jobs.runOnce();
    expect((await row(ad)).status).toBe('expired');
    const renewed = await press(link);
    expect(renewed.status).toBe(303);
    const after = await row(ad);
    expect(after.status).toBe('published');
    expect(new Date(after.expires_at).getTime()).toBe(t.clock.now().getTime() + 30 * DAY);
    t.clock.advance(-3 * DAY);
  });

  it('the public page: "정보가 오래되었을 수 있습니다" after 12 months without confirmation, not before', async () => {
    const path = async () => (await request(t.app).get(`/listings/${shop}`)).headers.location ?? `/listings/${shop}`;
    const p = await path();
    expect((await request(t.app).get(p).expect(200)).text).not.toContain('정보가 오래되었을 수 있습니다');
    await t.db('listings').where({ id: shop }).update({ last_confirmed_at: ago(366) });
    expect((await request(t.app).get(p).expect(200)).text).toContain('정보가 오래되었을 수 있습니다');
  });
});
