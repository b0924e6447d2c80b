/** Reports from the public: the form, dedup, rate limit, and the owner's 7-day grace on closed/moved reports. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent, readOutbox } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

const DAY = 86_400_000;
const UA = 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36';

describe.each(engines())('reports on %s', (engine) => {
  let t: TestApp;
  let owner: { id: number; email: string };
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true, env: { REPORT_LIMIT_PER_HOUR: '50' } });
    owner = await createUser(t, { email: 'hd@example.kr' });
    await t.db('listings').update({ owner_id: owner.id });
  });
  afterAll(async () => t.close());

  /** Posts a report as a visitor (the user agent stands for a different visitor, since every test request has one IP). */
  async function report(id: number, body: Record<string, string>, ua = UA): Promise<{ status: number; text: string }> {
    const agent = request.agent(t.app);
    const form = await agent.get(`/listings/${id}/report`).set('user-agent', ua).expect(200);
    const res = await agent.post(`/listings/${id}/report`).set('user-agent', ua).type('form').send({ _csrf: csrfFrom(form.text), ...body });
    return { status: res.status, text: res.text };
  }
  const reportsOf = (id: number) => t.db('reports').where({ listing_id: id }).orderBy('id');
  /** The n-th published demo listing other than the two that tests below close: a listing of one test's own. */
  const ownListing = async (n: number) =>
    Number(
      (
        await t
          .db('listings')
          .where({ status: 'published' })
          .whereNotIn('name', ['HDKorea', '60플라워'])
          .orderBy('id')
          .offset(n)
          .first('id')
      ).id,
    );

  it('no reason → 422 with a Korean message and the note kept; nothing stored', async () => {
    const id = await ownListing(0);
    const res = await report(id, { note: '번호가 안 됩니다' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('신고 사유를 골라 주세요');
    expect(res.text).toContain('번호가 안 됩니다');
    expect(await reportsOf(id)).toHaveLength(0);
  });

  it('a spam report is stored once per visitor (a repeat is not counted twice) and shows for moderators', async () => {
    const id = await ownListing(1);
    expect((await report(id, { reason: 'spam', note: '<script>alert(1)</script>' })).status).toBe(200);
    expect((await report(id, { reason: 'spam' })).status).toBe(200);
    expect(await reportsOf(id)).toHaveLength(1);
    const mod = await staffAgent(t, await createStaff(t));
    const page = await mod.get('/mod/reports').expect(200);
    expect(page.text).toContain('스팸이에요');
    expect(page.text).not.toContain('<script>alert(1)');
    const review = await mod.get(`/mod/listings/${id}`).expect(200);
    expect(review.text).toContain('스팸이에요');
    expect(review.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('reports in a tight loop → 429 with a Korean message (R2)', async () => {
    const own = await createTestApp({ engine, seed: true, env: { REPORT_LIMIT_PER_HOUR: '4' } });
    const id = await listingIdByName(own, 'HDKorea');
    const agent = request.agent(own.app);
    const token = csrfFrom((await agent.get(`/listings/${id}/report`)).text);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push(
        (await agent.post(`/listings/${id}/report`).set('user-agent', `${UA} ${i}`).type('form').send({ _csrf: token, reason: 'other' }))
          .status,
      );
    expect(statuses.slice(-1)[0]).toBe(429);
    const blocked = await agent.post(`/listings/${id}/report`).type('form').send({ _csrf: token, reason: 'other' }).expect(429);
    expect(blocked.text).toMatch(/요청이 너무 많|잠시 후/);
    expect(Number((await own.db('reports').where({ listing_id: id }).count({ n: '*' }).first())?.n)).toBe(4);
    await own.close();
  });

  it('a "closed" report keeps the listing public, mails the owner, and a moderator may act only after 7 days', async () => {
    const id = await listingIdByName(t, 'HDKorea');
    await t.db('reports').where({ listing_id: id }).del();
    expect((await report(id, { reason: 'closed' }, `${UA} closed`)).status).toBe(200);
    const [r] = await reportsOf(id);
    expect(r.status).toBe('awaiting_owner');
    await request(t.app).get(`/listings/${id}`).redirects(1).expect(200);
    expect(readOutbox(t).filter((m) => m.to.includes(owner.email)).pop()?.text).toMatch(/https?:\/\/[^\s]+\/my\/reports/);
    const mod = await staffAgent(t, await createStaff(t));
    const token = csrfFrom((await mod.get('/mod/reports')).text);
    await mod.post(`/mod/reports/${r.id}/decide`).type('form').send({ _csrf: token, action: 'close_listing' }).expect(409);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('published');
    t.clock.advance(7 * DAY + 60_000);
    const fresh = await staffAgent(t, await createStaff(t));
    const token2 = csrfFrom((await fresh.get('/mod/reports')).text);
    await fresh
      .post(`/mod/reports/${r.id}/decide`)
      .type('form')
      .send({ _csrf: token2, action: 'close_listing', note: '7일 동안 답 없음' })
      .expect(303);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('closed');
    await request(t.app).get(`/listings/${id}`).redirects(1).expect(404);
    expect((await t.db('reports').where({ id: r.id }).first('status')).status).toBe('resolved');
  });

  it('the owner disputes a "moved" report → it goes to the moderators with the note; confirming "closed" closes the listing', async () => {
    const id = await listingIdByName(t, '60플라워');
    expect((await report(id, { reason: 'moved' }, `${UA} moved`)).status).toBe(200);
    expect((await report(id, { reason: 'closed' }, `${UA} closed2`)).status).toBe(200);
    const ownerAgent = await loginAgent(t, owner.email);
    const page = await ownerAgent.get('/my/reports').expect(200);
    expect(page.text).toContain('이전했어요');
    const token = csrfFrom(page.text);
    const [moved, closed] = await t.db('reports').where({ listing_id: id, status: 'awaiting_owner' }).orderBy('id');
    await ownerAgent
      .post(`/my/reports/${moved.id}/respond`)
      .type('form')
      .send({ _csrf: token, response: 'dispute', note: '같은 자리에서 영업 중입니다' })
      .expect(303);
    expect(await t.db('reports').where({ id: moved.id }).first()).toMatchObject({ status: 'open', owner_response: 'disputed' });
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('published');
    const stranger = await loginAgent(t, (await createUser(t)).email);
    await stranger
      .post(`/my/reports/${closed.id}/respond`)
      .type('form')
      .send({ _csrf: csrfFrom((await stranger.get('/my/reports')).text), response: 'confirm' })
      .expect(404);
    await ownerAgent.post(`/my/reports/${closed.id}/respond`).type('form').send({ _csrf: token, response: 'confirm' }).expect(303);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('closed');
  });

  it('reporting an unpublished listing → 404', async () => {
    const id = await ownListing(2);
    await t.db('listings').where({ id }).update({ status: 'pending' });
    await request(t.app).get(`/listings/${id}/report`).expect(404);
  });
});
