/**
 * Residents' fact reports and the desk's checks, with a fixed clock: distinct visitors add up to the threshold
 * ("정보를 확인하고 있습니다", the queue), the owner is mailed and can answer, a check applies its change in one
 * step (audit, "정보 확인 날짜 · 전화 확인"), and 폐업 keeps the page but drops the call button, the shelves and the rank.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom, readOutbox } from '../../helpers/auth.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { createShop, everyDay, seoul } from './facts-helpers.js';

describe.each(engines())('fact reports and checks (%s)', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  const page = async (id: number) => (await request(t.app).get(`/listings/${id}`).redirects(1).expect(200)).text;
  /** One tap as a visitor (the user agent stands for a different visitor: every test request has one IP). */
  async function report(id: number, reason: string, ua: string, note = '') {
    const agent = request.agent(t.app);
    const form = await agent.get(`/listings/${id}/facts`).set('user-agent', ua).expect(200);
    return agent.post(`/listings/${id}/facts`).set('user-agent', ua).type('form').send({ _csrf: csrfFrom(form.text), reason, note });
  }
  async function check(agent: Awaited<ReturnType<typeof staffAgent>>, id: number, body: Record<string, string | string[]>) {
    const form = await agent.get(`/checks/${id}`).expect(200);
    return agent.post(`/checks/${id}`).type('form').send({ _csrf: csrfFrom(form.text), ...body });
  }

  beforeAll(async () => {
    t = await createTestApp({ engine, now: seoul('2026-12-07 11:00'), env: { FACT_REPORT_THRESHOLD: '3', REPORT_LIMIT_PER_HOUR: '50' } });
    owner = await createUserRow(t, 'report-owner@example.kr');
  });
  afterAll(async () => t.close());

  it('three distinct visitors reach the threshold (a repeat does not count); the owner is mailed and answers; the queue lists it', async () => {
    const shop = await createShop(t, '제보받는분식', everyDay('10:00', '20:00'), owner.id);
    const sent = await report(shop, 'no_answer', 'visitor-a', '<script>alert(1)</script> 없는 번호래요');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/listings/${shop}/facts?sent=1`);
    expect((await request(t.app).get(sent.headers.location).expect(200)).text).toContain('알려 주셔서 고맙습니다');
    expect((await report(shop, 'no_answer', 'visitor-a')).status).toBe(303);
    await report(shop, 'closed', 'visitor-b');
    expect(await t.db('fact_reports').where({ listing_id: shop }).count({ n: '*' }).first()).toEqual({ n: 2 });
    expect(await page(shop)).not.toContain('정보를 확인하고 있습니다');
    await report(shop, 'closed', 'visitor-c');
    const text = await page(shop);
    expect(text).toContain('정보를 확인하고 있습니다');
    // Never shown one by one.
    expect(text).not.toContain('없는 번호래요');
    const mails = readOutbox(t).filter((m) => m.to === owner.email && m.subject.includes('제보받는분식'));
    expect(mails).toHaveLength(3);
    expect(mails[0].text).toContain(`/my/listings/${shop}/facts`);

    const agent = await agentsFor(t)(owner);
    const mine = await agent.get(`/my/listings/${shop}/facts`).expect(200);
    expect(mine.text).toContain('전화가 안 돼요: 1건');
    expect(mine.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 없는 번호래요');
    expect(
      (
        await agent
          .post(`/my/listings/${shop}/facts/answer`)
          .type('form')
          .send({ _csrf: tokenFrom(mine.text), answer: '번호 그대로입니다. 점심에만 못 받아요.' })
      ).status,
    ).toBe(303);

    const desk = await staffAgent(t, await createStaff(t, 'desk'));
    const queue = await desk.get('/checks').expect(200);
    expect(queue.text).toContain('제보받는분식');
    const form = await desk.get(`/checks/${shop}`).expect(200);
    expect(form.text).toContain('번호 그대로입니다');
    expect((await request(t.app).get('/checks')).status).toBe(303);
    const advertiser = await agentsFor(t)(owner);
    expect((await advertiser.get('/checks')).status).toBe(403);
  });

  it('a check "number changed" replaces the number in the same step: audit, reports settled, "정보 확인 2026-12-07 · 전화 확인"', async () => {
    const shop = await createShop(t, '번호바뀐세탁소', everyDay('09:00', '19:00'), owner.id);
    for (const ua of ['v1', 'v2', 'v3']) await report(shop, 'no_answer', ua);
    const desk = await staffAgent(t, await createStaff(t, 'desk'));
    const bad = await check(desk, shop, { method: 'called', outcome: 'number', newPhone: '12' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('새 전화번호를 올바르게 적어 주세요');
    expect(await t.db('listing_checks').where({ listing_id: shop })).toHaveLength(0);
    const res = await check(desk, shop, { method: 'called', outcome: 'number', newPhone: '062-973-5555', note: '새 번호 안내받음' });
    expect(res.status).toBe(303);
    expect((await t.db('phones').where({ listing_id: shop }).first()).e164).toBe('+82629735555');
    expect(await t.db('fact_reports').where({ listing_id: shop }).whereNull('check_id')).toHaveLength(0);
    expect(await t.db('audit_log').where({ action: 'facts_check', subject_id: shop })).toHaveLength(1);
    const row = await t.db('listings').where({ id: shop }).first();
    expect(new Date(row.last_confirmed_at).getTime()).toBe(t.clock.now().getTime());
    const text = await page(shop);
    expect(text).toContain('정보 확인 2026-12-07 · 전화 확인');
    expect(text).toContain('062-973-5555');
    expect(text).not.toContain('정보를 확인하고 있습니다');
    expect((await desk.get('/checks')).text).not.toContain('번호바뀐세탁소');
  });

  it('confirmed closed → 폐업: the page stays with a notice and no call button, leaves browse pages, ranks below open shops', async () => {
    // The closed one is the newer: among equals search puts newer listings first, so only the demotion puts it last.
    const open = await createShop(t, '골목국밥 새집', everyDay('10:00', '20:00'), owner.id);
    const gone = await createShop(t, '골목국밥 본점', everyDay('10:00', '20:00'), owner.id);
    const before = (await request(t.app).get(`/search?q=${encodeURIComponent('골목국밥')}`).expect(200)).text;
    expect(before.indexOf(`/listings/${gone}-`)).toBeLessThan(before.indexOf(`/listings/${open}-`));
    const desk = await staffAgent(t, await createStaff(t, 'moderator'));
    expect((await check(desk, gone, { method: 'visited', outcome: 'closed' })).status).toBe(303);
    const text = await page(gone);
    expect(text).toContain('폐업한 가게입니다 (2026-12-07 확인)');
    expect(text).not.toContain('tel:');
    expect(await t.db('listings').where({ id: gone }).first('status')).toEqual({ status: 'published' });
    const browse = (await request(t.app).get(`/districts/${encodeURIComponent('북구')}`).expect(200)).text;
    expect(browse).not.toContain(`/listings/${gone}-`);
    expect(browse).toContain(`/listings/${open}-`);
    const results = (await request(t.app).get(`/search?q=${encodeURIComponent('골목국밥')}`).expect(200)).text;
    expect(results.indexOf(`/listings/${open}-`)).toBeGreaterThan(-1);
    expect(results.indexOf(`/listings/${gone}-`)).toBeGreaterThan(results.indexOf(`/listings/${open}-`));
    const openNow = (await request(t.app).get(`/search?q=${encodeURIComponent('골목국밥')}&open=now`).expect(200)).text;
    expect(openNow).toContain(`/listings/${open}-`);
    expect(openNow).not.toContain(`/listings/${gone}-`);
  });
});
