/**
 * The facts routes against the security checks: the desk's /checks behind its roles and second factor (C3), every
 * state-changing route refused without a CSRF token (F1), reports in a tight loop rate-limited (R2), the door notice
 * (A4/A5, QR to the listing) only for who manages the listing (C1).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom, loginAgent } from '../../helpers/auth.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { createStaff } from '../../helpers/staff.js';
import { createShop, everyDay, seoul } from './facts-helpers.js';

describe.each(engines())('facts security (%s)', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let shop: number;
  const counts = async () =>
    Promise.all(['fact_reports', 'listing_checks', 'listing_special_days'].map((tbl) => t.db(tbl).count({ n: '*' }).first()));

  beforeAll(async () => {
    t = await createTestApp({ engine, now: seoul('2026-12-07 11:00'), env: { REPORT_LIMIT_PER_HOUR: '3' } });
    owner = await createUserRow(t, 'door-owner@example.kr');
    shop = await createShop(t, '안내문꽃집', everyDay('10:00', '20:00'), owner.id);
  });
  afterAll(async () => t.close());

  it('/checks: visitor → login, advertiser → 403, desk without the second factor → /account/2fa; POST without a token → 403', async () => {
    expect((await request(t.app).get('/checks')).headers.location).toMatch(/^\/login\?next=/);
    const advertiser = await agentsFor(t)(owner);
    expect((await advertiser.get(`/checks/${shop}`)).status).toBe(403);
    const clerk = await createStaff(t, 'desk');
    const half = await loginAgent(t, clerk.email, clerk.password);
    expect((await half.get('/checks')).headers.location).toMatch(/^\/account\/2fa/);
    const before = await counts();
    expect((await half.post(`/checks/${shop}`).type('form').send({ method: 'called', outcome: 'closed' })).status).toBe(403);
    expect(
      (
        await advertiser
          .post(`/my/listings/${shop}/facts/special-days`)
          .type('form')
          .send({ kind: 'closed', startsOn: '2026-12-10', endsOn: '2026-12-10', reason: 'other' })
      ).status,
    ).toBe(403);
    expect((await request(t.app).post(`/listings/${shop}/facts`).type('form').send({ reason: 'closed' })).status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await t.db('listings').where({ id: shop }).first('out_of_business_at')).toEqual({ out_of_business_at: null });
  });

  it('R2: reports in a tight loop → 429 after the hourly limit; counts not inflated', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get(`/listings/${shop}/facts`)).text);
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push(
        (await agent.post(`/listings/${shop}/facts`).set('user-agent', `loop-${i}`).type('form').send({ _csrf: token, reason: 'closed' }))
          .status,
      );
    expect(statuses.slice(0, 3)).toEqual([303, 303, 303]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(await t.db('fact_reports').where({ listing_id: shop })).toHaveLength(3);
  });

  it('the door notice: A4 and A5 with the dates, the reason, the day it reopens and a QR code; another user → 404', async () => {
    const agent = await agentsFor(t)(owner);
    const form = await agent.get(`/my/listings/${shop}/facts`).expect(200);
    await agent.post(`/my/listings/${shop}/facts/special-days`).type('form')
      .send({ _csrf: tokenFrom(form.text), kind: 'closed', startsOn: '2026-12-30', endsOn: '2027-01-02', reason: 'vacation' }).expect(303);
    const sid = Number((await t.db('listing_special_days').where({ listing_id: shop }).first('id')).id);
    const manage = await agent.get(`/my/listings/${shop}/facts`).expect(200);
    expect(manage.text).toContain(`/my/listings/${shop}/facts/door-notice/${sid}?size=a5`);
    for (const size of ['a4', 'a5']) {
      const res = await agent.get(`/my/listings/${shop}/facts/door-notice/${sid}?size=${size}`).expect(200);
      expect(res.text).toContain(`notice-${size}`);
      expect(res.text).toContain('12/30–1/2 휴무 · 휴가');
      expect(res.text).toContain('1월 3일부터 다시 문을 엽니다');
      expect(res.text).toContain('<svg');
      expect(res.text).toContain(`/listings/${shop}-`);
    }
    const stranger = await agentsFor(t)(await createUserRow(t, 'door-stranger@example.kr'));
    expect((await stranger.get(`/my/listings/${shop}/facts/door-notice/${sid}`)).status).toBe(404);
  });
});
