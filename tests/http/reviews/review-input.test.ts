/**
 * SECURITY-CHECKS I3/I4 (and I5, I7) on the residents' forms: the review form (multipart), the owner's reply, the
 * review report and the saved-shop note. Repeated keys, arrays, objects, `1e309` and negative ids → 400/404/422,
 * never a 500 and never a row written; `__proto__` / `constructor.prototype` in form, multipart, JSON and query have
 * no effect on later requests.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { DAY, keywordIds, loginAs, publishedListing, reviewsOf, type Agent } from './review-helpers.js';

describe.each(engines())('residents\' forms with hostile input on %s', (engine) => {
  let t: TestApp;
  let shop: { id: number; path: string };
  let kind: number;
  let alice: Agent;
  let ownerAgent: Agent;
  let reviewId: number;
  beforeAll(async () => {
    t = await createTestApp({
      engine,
      env: { REVIEW_LIMIT_PER_HOUR: '1000', REPORT_LIMIT_PER_HOUR: '1000', SAVED_WRITE_LIMIT_PER_HOUR: '1000' },
    });
    const owner = await createUser(t, { email: 'owner@example.kr' });
    shop = await publishedListing(t, owner.id, '입력 검사 가게');
    [kind] = await keywordIds(t, 'kind');
    const other = await createUser(t, { email: 'other@example.kr' });
    await createUser(t, { email: 'alice@example.kr' });
    const now = t.clock.now();
    const [row] = await t
      .db('reviews')
      .insert({ listing_id: shop.id, user_id: other.id, body: '원래 리뷰', status: 'visible', created_at: now, updated_at: now })
      .returning('id');
    reviewId = Number(typeof row === 'object' ? row.id : row);
    t.clock.advance(DAY + 60_000);
    alice = await loginAs(t, 'alice@example.kr');
    ownerAgent = await loginAs(t, owner.email);
  });
  afterAll(async () => t.close());

  const tokenOf = async (agent: Agent) => csrfFrom((await agent.get('/account')).text);
  const snapshot = async () => ({
    reviews: (await t.db('reviews').count({ n: '*' }).first())?.n,
    picks: (await t.db('review_keyword_picks').count({ n: '*' }).first())?.n,
    replies: (await t.db('review_replies').count({ n: '*' }).first())?.n,
    reports: (await t.db('review_reports').count({ n: '*' }).first())?.n,
    saved: (await t.db('saved_listings').count({ n: '*' }).first())?.n,
  });
  const notPolluted = () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  };

  it('I3 review form: keywords as objects or non-ids, the text repeated or bracketed, ids 1e309 / -1 / 0 in the path → 400/404/422, nothing stored', async () => {
    const before = await snapshot();
    const token = await tokenOf(alice);
    const post = (path: string) => alice.post(`${path}?_csrf=${encodeURIComponent(token)}`);
    const cases: Array<[string, (r: ReturnType<typeof post>) => ReturnType<typeof post>, number[]]> = [
      ['keywords[a]', (r) => r.field('keywords[a]', String(kind)).field('body', '객체 키워드'), [422]],
      ['keywords=1e309', (r) => r.field('keywords', '1e309').field('body', '큰 수'), [422]],
      ['keywords=-1', (r) => r.field('keywords', '-1'), [422]],
      ['body twice', (r) => r.field('keywords', String(kind)).field('body', '하나').field('body', '둘'), [400]],
      ['body[x]', (r) => r.field('keywords', String(kind)).field('body[x]', '괄호'), [400]],
    ];
    for (const [name, build, statuses] of cases) {
      const res = await build(post(`/listings/${shop.id}/reviews`));
      expect(statuses, `${name}: ${res.status}`).toContain(res.status);
    }
    for (const bad of ['1e309', '-1', '0', '1.5', '%2F1']) {
      expect((await post(`/listings/${bad}/reviews`).field('keywords', String(kind))).status, bad).toBe(404);
      expect((await alice.get(`/listings/${bad}/reviews`)).status, bad).toBe(404);
      expect((await alice.get(`/listings/${bad}/reviews/new`)).status, bad).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
    expect(await reviewsOf(t, shop.id)).toHaveLength(1);
  });

  it('I3 reply, report, delete: arrays, objects and bad ids → 400/404/422, never 500; nothing written', async () => {
    const before = await snapshot();
    const ownerToken = await tokenOf(ownerAgent);
    const form = (agent: Agent, path: string, body: string) => agent.post(path).type('form').send(body);
    expect((await form(ownerAgent, `/reviews/${reviewId}/reply`, `_csrf=${encodeURIComponent(ownerToken)}&body=one&body=two`)).status).toBe(
      400,
    );
    expect((await form(ownerAgent, `/reviews/${reviewId}/reply`, `_csrf=${encodeURIComponent(ownerToken)}&body[a]=x`)).status).toBe(422);
    for (const bad of ['1e309', '-1', '0', 'abc']) {
      expect((await form(ownerAgent, `/reviews/${bad}/reply`, `_csrf=${encodeURIComponent(ownerToken)}&body=hi`)).status, bad).toBe(404);
      expect((await form(ownerAgent, `/reviews/${bad}/delete`, `_csrf=${encodeURIComponent(ownerToken)}`)).status, bad).toBe(404);
      expect((await request(t.app).get(`/reviews/${bad}/report`)).status, bad).toBe(404);
    }
    const visitor = request.agent(t.app);
    const token = csrfFrom((await visitor.get(`/reviews/${reviewId}/report`).expect(200)).text);
    for (const body of [
      'reason=spam&reason=fraud',
      'reason[a]=spam',
      'reason=spam&note=a&note=b',
      'reason=spam&target=reply&target=review',
    ]) {
      const res = await form(visitor as unknown as Agent, `/reviews/${reviewId}/report`, `_csrf=${encodeURIComponent(token)}&${body}`);
      expect([400, 404, 422], `${body}: ${res.status}`).toContain(res.status);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('I3 saved note: a repeated, bracketed or JSON-object note and bad ids → 400/404, never 500; the note is unchanged', async () => {
    const token = await tokenOf(alice);
    expect((await alice.post('/saved').type('form').send({ _csrf: token, listing: String(shop.id) })).status).toBe(303);
    await alice.post(`/saved/${shop.id}/note`).type('form').send({ _csrf: token, note: '처음 메모' }).expect(303);
    const before = await snapshot();
    const note = async () => (await t.db('saved_listings').where({ listing_id: shop.id }).first('note')).note;
    expect(
      (
        await alice
          .post(`/saved/${shop.id}/note`)
          .type('form')
          .send(`_csrf=${encodeURIComponent(token)}&note=a&note=b`)
      ).status,
    ).toBe(400);
    expect((await alice.post(`/saved/${shop.id}/note`).set('x-csrf-token', token).send({ note: { toString: 'x' } })).status).toBe(400);
    expect((await alice.post(`/saved/${shop.id}/note`).set('x-csrf-token', token).send({ note: ['a'] })).status).toBe(400);
    for (const bad of ['1e309', '-1', '0']) {
      expect((await alice.post(`/saved/${bad}/note`).type('form').send({ _csrf: token, note: 'x' })).status, bad).toBe(404);
      expect((await alice.post(`/saved/${bad}/delete`).type('form').send({ _csrf: token })).status, bad).toBe(404);
    }
    expect(await note()).toBe('처음 메모');
    expect(await snapshot()).toEqual(before);
  });

  it('I4: __proto__ and constructor.prototype in form, multipart, JSON and query change nothing for later requests, and never 500', async () => {
    const token = await tokenOf(alice);
    const ownerToken = await tokenOf(ownerAgent);
    const enc = encodeURIComponent;
    const responses = [
      await ownerAgent
        .post(`/reviews/${reviewId}/reply`)
        .type('form')
        .send(`_csrf=${enc(ownerToken)}&__proto__[polluted]=1&constructor[prototype][polluted]=1&body=${enc('감사합니다 또 오세요')}`),
      await ownerAgent
        .post(`/reviews/${reviewId}/reply`)
        .set('x-csrf-token', ownerToken)
        .set('Content-Type', 'application/json')
        .send(
          `{"_csrf":"${ownerToken}","body":"감사합니다 또 오세요!","__proto__":{"polluted":1},"constructor":{"prototype":{"isAdmin":true}}}`,
        ),
      await alice
        .post(`/listings/${shop.id}/reviews?_csrf=${enc(token)}`)
        .field('__proto__[polluted]', '1')
        .field('constructor[prototype][isAdmin]', '1')
        .field('keywords', '__proto__')
        .field('body', '프로토'),
      await alice
        .post(`/saved/${shop.id}/note`)
        .set('x-csrf-token', token)
        .set('Content-Type', 'application/json')
        .send('{"note":"메모","__proto__":{"polluted":1}}'),
      await alice
        .post(`/saved/${shop.id}/note`)
        .type('form')
        .send(`_csrf=${enc(token)}&note=${enc('메모 둘')}&__proto__[isAdmin]=1`),
      await request(t.app).get(`/listings/${shop.id}/reviews?__proto__[polluted]=1&constructor[prototype][polluted]=1&page[__proto__]=2`),
    ];
    for (const r of responses) expect(r.status, r.text.slice(0, 200)).toBeLessThan(500);
    notPolluted();
    // Later requests behave as before: an anonymous visitor is still anonymous, a page still renders.
    const later = await request(t.app).get(shop.path).expect(200);
    expect(later.text).toContain('로그인하고 리뷰 쓰기');
    expect(later.text).not.toContain('답글 고치기');
    expect((await request(t.app).get('/mod/reviews')).status).not.toBe(200);
    expect((await reviewsOf(t, shop.id)).length).toBe(1);
  });

  it('I5/I7: a 10,000-character reply or note → 422 with nothing stored; EJS option keys in the query and form render the page normally', async () => {
    const before = await snapshot();
    const ownerToken = await tokenOf(ownerAgent);
    expect(
      (
        await ownerAgent
          .post(`/reviews/${reviewId}/reply`)
          .type('form')
          .send({ _csrf: ownerToken, body: '가'.repeat(10_000) })
      ).status,
    ).toBe(422);
    const snap = await snapshot();
    expect(snap.replies).toEqual(before.replies);
    const evil =
      'settings[view options][outputFunctionName]=x;process.exit(1);s&settings[view options][client]=1&settings[view options][escapeFunction]=1;process.exit(1)';
    const page = await request(t.app).get(`/listings/${shop.id}/reviews?${evil}`).expect(200);
    expect(page.text).toContain('입력 검사 가게 리뷰');
    const res = await ownerAgent
      .post(`/reviews/${reviewId}/reply`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(ownerToken)}&${evil}&body=${encodeURIComponent('정상 답글입니다')}`);
    expect(res.status).toBe(303);
    expect((await request(t.app).get(shop.path).expect(200)).text).toContain('정상 답글입니다');
  });
});
