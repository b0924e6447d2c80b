/**
 * Keyword reviews: who may write (24 h, owner, 90 days), input checks, the listing page section, owner replies, deleting, XSS, CSRF, page
 * cache.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { DAY, HOUR, keywordIds, loginAs, postForm, postReview, publishedListing, reviewsOf, type Agent } from './review-helpers.js';

describe.each(engines())('keyword reviews on %s', (engine) => {
  let t: TestApp;
  let shop: { id: number; path: string };
  let owner: { id: number; email: string };
  let ownerAgent: Agent;
  let kind: number, fresh: number, tasty: number;
  let alice: Agent;
  let bob: Agent;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { REVIEW_LIMIT_PER_HOUR: '1000' } });
    owner = await createUser(t, { email: 'owner@example.kr' });
    shop = await publishedListing(t, owner.id, '리뷰 꽃집');
    [kind, fresh, tasty] = await keywordIds(t, 'kind', 'fresh-flowers', 'tasty');
    await createUser(t, { email: 'alice@example.kr' });
    await createUser(t, { email: 'bob@example.kr' });
    ownerAgent = await loginAs(t, owner.email);
  });
  afterAll(async () => t.close());

  it('a visitor sees an empty section with a sign-in link; the form and the post send them to log in', async () => {
    const page = await request(t.app).get(shop.path).expect(200);
    expect(page.text).toContain('id="reviews"');
    expect(page.text).toContain('아직 리뷰가 없습니다.');
    expect(page.text).toContain('로그인하고 리뷰 쓰기');
    const form = await request(t.app).get(`/listings/${shop.id}/reviews/new`);
    expect(form.headers.location).toBe(`/login?next=${encodeURIComponent(`/listings/${shop.id}/reviews/new`)}`);
  });

  it('an account younger than 24 hours cannot review (403, nothing stored); the form says when it can', async () => {
    alice = await loginAs(t, 'alice@example.kr');
    const form = await alice.get(`/listings/${shop.id}/reviews/new`).expect(200);
    expect(form.text).toContain('가입한 지 24시간이 지나면');
    expect((await postReview(alice, shop.id, { keywords: [kind] })).status).toBe(403);
    t.clock.advance(23 * HOUR);
    expect((await postReview(alice, shop.id, { keywords: [kind] })).status).toBe(403);
    expect(await reviewsOf(t, shop.id)).toHaveLength(0);
  });

  it('the owner cannot review their own listing (403) and is not offered the link', async () => {
    t.clock.advance(2 * HOUR);
    expect((await postReview(ownerAgent, shop.id, { keywords: [kind] })).status).toBe(403);
    expect((await ownerAgent.get(`/listings/${shop.id}/reviews/new`)).text).toContain('내 광고에는 리뷰를 쓸 수 없습니다.');
    expect((await ownerAgent.get(shop.path)).text).not.toContain('리뷰 쓰기');
    expect(await reviewsOf(t, shop.id)).toHaveLength(0);
  });

  it('no keyword, a keyword of another category, 6 keywords or 401 characters → 422 with the form refilled; nothing stored', async () => {
    const none = await postReview(alice, shop.id, { keywords: [], body: '꽃이 예뻐요' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('좋았던 점을 1~5개 골라 주세요.');
    expect(none.text).toContain('꽃이 예뻐요</textarea>');
    expect((await postReview(alice, shop.id, { keywords: [tasty] })).status).toBe(422);
    const six = (await t.db('review_keywords').whereNull('category_slug').limit(6).pluck('id')).map(Number);
    expect((await postReview(alice, shop.id, { keywords: six })).status).toBe(422);
    const long = await postReview(alice, shop.id, { keywords: [kind], body: '가'.repeat(401) });
    expect(long.status).toBe(422);
    expect(long.text).toContain('400자까지 쓸 수 있습니다.');
    expect(long.text).toContain('checked');
    expect(await reviewsOf(t, shop.id)).toHaveLength(0);
  });

  it('a valid review → 303 to the listing with a flash; the page shows keyword counts as text, the text, no star average', async () => {
    const res = await postReview(alice, shop.id, { keywords: [kind, fresh], body: '꽃이 싱싱하고 사장님이 친절하세요' });
    expect(res.status).toBe(303);
    expect(decodeURI(res.headers.location)).toBe(`${shop.path}?done=posted#reviews`);
    const [row] = await reviewsOf(t, shop.id);
    expect(row).toMatchObject({ status: 'visible', body: '꽃이 싱싱하고 사장님이 친절하세요' });
    expect((await t.db('review_keyword_picks').where({ review_id: row.id })).length).toBe(2);
    const page = await alice.get(`${shop.path}?done=posted`).expect(200);
    expect(page.text).toContain('리뷰를 올렸습니다.');
    // The author is offered their review, not a form that would refuse them, and never a report link on it.
    expect(page.text).not.toContain('>리뷰 쓰기<');
    expect(page.text).toContain(`href="#review-${row.id}">내 리뷰 보기</a>`);
    expect(page.text).not.toContain(`/reviews/${row.id}/report`);
    const visitor = await request(t.app).get(shop.path).expect(200);
    // The heading says the word once: "리뷰 1개" as the section's name plus its count, not "리뷰 리뷰 1개".
    expect(visitor.text).toMatch(/<h2 id="reviews-title">리뷰 <span class="muted">1개<\/span><\/h2>/);
    expect(visitor.text).not.toContain('리뷰 리뷰');
    // Others may report it, and see who wrote it by a nickname that is not the e-mail.
    expect(visitor.text).toContain(`/reviews/${row.id}/report`);
    expect(visitor.text).toMatch(/<strong class="review-author">[가-힣]+ [가-힣]+ \d{1,2} 님<\/strong>/);
    expect(visitor.text).not.toContain('alice@');
    expect(visitor.text).not.toContain('alice');
    expect(visitor.text).toMatch(/친절해요<\/span> <strong>1명<\/strong>/);
    expect(visitor.text).toContain('친절해요: 1명이 골랐습니다');
    expect(visitor.text).toContain('꽃이 싱싱해요');
    expect(visitor.text).toContain('꽃이 싱싱하고 사장님이 친절하세요');
    expect(visitor.text).not.toMatch(/별점|★/);
    const en = await request(t.app).get(`${shop.path}?lang=en`).expect(200);
    expect(en.text).toContain('Friendly: chosen by 1');
    expect(en.text).toContain('Reviews <span class="muted">(1)</span>');
  });

  it('a second review of the same listing within 90 days → 409 and the form says when; after 90 days it is allowed', async () => {
    const again = await postReview(alice, shop.id, { keywords: [kind] });
    expect(again.status).toBe(409);
    expect(again.text).toContain('90일에 한 번');
    expect(await reviewsOf(t, shop.id)).toHaveLength(1);
    t.clock.advance(89 * DAY);
    alice = await loginAs(t, 'alice@example.kr');
    expect((await postReview(alice, shop.id, { keywords: [kind] })).status).toBe(409);
    t.clock.advance(1 * DAY + HOUR);
    alice = await loginAs(t, 'alice@example.kr');
    expect((await postReview(alice, shop.id, { keywords: [fresh], body: '두 번째 주문도 좋았어요' })).status).toBe(303);
    expect(await reviewsOf(t, shop.id)).toHaveLength(2);
    ownerAgent = await loginAs(t, owner.email);
    bob = await loginAs(t, 'bob@example.kr');
  });

  it('the owner replies once per review and edits it; someone else replying to the owner\'s review → 404, nothing written', async () => {
    const [first] = await reviewsOf(t, shop.id);
    expect((await bob.get(`/reviews/${first.id}/reply`)).status).toBe(404);
    expect((await postForm(bob, `/reviews/${first.id}/reply`, { body: '가짜 사장 답글' })).status).toBe(404);
    expect(await t.db('review_replies')).toHaveLength(0);
    expect((await ownerAgent.get(shop.path)).text).toContain(`href="/reviews/${first.id}/reply"`);
    const empty = await postForm(ownerAgent, `/reviews/${first.id}/reply`, { body: '   ' });
    expect(empty.status).toBe(422);
    const res = await postForm(ownerAgent, `/reviews/${first.id}/reply`, { body: '감사합니다. 또 들러 주세요!' });
    expect(res.status).toBe(303);
    expect(decodeURI(res.headers.location)).toBe(`${shop.path}?done=replied#reviews`);
    const edit = await ownerAgent.get(`/reviews/${first.id}/reply`).expect(200);
    expect(edit.text).toContain('감사합니다. 또 들러 주세요!</textarea>');
    expect((await postForm(ownerAgent, `/reviews/${first.id}/reply`, { body: '감사합니다! 다음에는 서비스 드릴게요.' })).status).toBe(303);
    const replies = await t.db('review_replies').where({ review_id: first.id });
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toBe('감사합니다! 다음에는 서비스 드릴게요.');
    const page = await request(t.app).get(shop.path).expect(200);
    expect(page.text).toContain('사장님 답글');
    expect(page.text).toContain('감사합니다! 다음에는 서비스 드릴게요.');
    expect(page.text).not.toContain('또 들러 주세요');
  });

  it('deleting someone else\'s review → 404; the author deletes their own: gone from the page, and the 90 days still hold', async () => {
    const [, second] = await reviewsOf(t, shop.id);
    expect((await bob.get(`/reviews/${second.id}/delete`)).status).toBe(404);
    expect((await postForm(bob, `/reviews/${second.id}/delete`, {})).status).toBe(404);
    expect((await t.db('reviews').where({ id: second.id }).first()).status).toBe('visible');
    expect((await alice.get(`/reviews/${second.id}/delete`)).status).toBe(200);
    const res = await postForm(alice, `/reviews/${second.id}/delete`, {});
    expect(res.status).toBe(303);
    const row = await t.db('reviews').where({ id: second.id }).first();
    expect(row).toMatchObject({ status: 'deleted', body: null });
    expect(await t.db('review_keyword_picks').where({ review_id: second.id })).toHaveLength(0);
    expect((await request(t.app).get(shop.path)).text).not.toContain('두 번째 주문도 좋았어요');
    expect((await postReview(alice, shop.id, { keywords: [kind] })).status).toBe(409);
    // The page says when the author may write again instead of offering a form that refuses them.
    const own = (await alice.get(shop.path).expect(200)).text;
    expect(own).not.toContain('>리뷰 쓰기<');
    expect(own).toMatch(/이 가게에는 \d{4}-\d{2}-\d{2}부터 다시 리뷰를 쓸 수 있습니다/);
  });

  it('X1: markup in a review and a reply is inert text on the listing page and the reply form', async () => {
    const other = await publishedListing(t, owner.id, 'XSS 가게');
    const payload = '<script>alert(1)</script>"><svg onload=alert(2)>';
    expect((await postReview(bob, other.id, { keywords: [kind], body: payload })).status).toBe(303);
    const review = await t.db('reviews').where({ listing_id: other.id }).first();
    expect((await postForm(ownerAgent, `/reviews/${review.id}/reply`, { body: '</textarea><img src=x onerror=alert(3)>' })).status).toBe(
      303,
    );
    const page = (await request(t.app).get(other.path).expect(200)).text;
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<svg onload');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(3)&gt;');
    const form = (await ownerAgent.get(`/reviews/${review.id}/reply`).expect(200)).text;
    expect(form).toContain('&lt;/textarea&gt;&lt;img src=x');
  });

  it("F1/F2/F4: posting, replying and deleting without a token, with another session's token or from another origin → 403; nothing changes", async () => {
    const other = await publishedListing(t, owner.id, 'CSRF 가게');
    const before = [
      await t.db('reviews').count({ n: '*' }).first(),
      await t.db('review_replies').select('body').orderBy('id'),
      await t.db('media').count({ n: '*' }).first(),
    ];
    const [first] = await reviewsOf(t, shop.id);
    const foreign = csrfFrom((await request.agent(t.app).get('/login')).text);
    expect(
      (
        await bob
          .post(`/listings/${other.id}/reviews`)
          .field('keywords', String(kind))
          .attach('photos', Buffer.from('x'), { filename: 'a.png' })
      ).status,
    ).toBe(403);
    expect(
      (await bob.post(`/listings/${other.id}/reviews?_csrf=${encodeURIComponent(foreign)}`).field('keywords', String(kind))).status,
    ).toBe(403);
    expect((await ownerAgent.post(`/reviews/${first.id}/reply`).type('form').send({ body: 'x' })).status).toBe(403);
    const own = csrfFrom((await ownerAgent.get('/account')).text);
    expect(
      (
        await ownerAgent
          .post(`/reviews/${first.id}/reply`)
          .set('Origin', 'https://evil.example')
          .type('form')
          .send({ _csrf: own, body: 'x' })
      ).status,
    ).toBe(403);
    expect((await alice.post(`/reviews/${first.id}/delete`).type('form').send({ _csrf: foreign })).status).toBe(403);
    expect(await alice.get(`/reviews/${first.id}/delete?_csrf=x`).then((r) => r.status)).toBe(200); // GET only asks
    expect([
      await t.db('reviews').count({ n: '*' }).first(),
      await t.db('review_replies').select('body').orderBy('id'),
      await t.db('media').count({ n: '*' }).first(),
    ]).toEqual(before);
  });

  it('the rendered-page cache never serves a listing page from before a review change', async () => {
    const cached = await publishedListing(t, owner.id, '캐시 가게');
    const anon = () => request(t.app).get(cached.path).set('Host', 'golmok.test').expect(200);
    await anon();
    expect((await anon()).headers['x-page-cache']).toBe('hit');
    expect((await postReview(bob, cached.id, { keywords: [kind], body: '캐시 확인용 리뷰입니다' })).status).toBe(303);
    const after = await anon();
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(after.text).toContain('캐시 확인용 리뷰입니다');
    expect((await anon()).headers['x-page-cache']).toBe('hit');
    const review = await t.db('reviews').where({ listing_id: cached.id }).first();
    expect((await postForm(ownerAgent, `/reviews/${review.id}/reply`, { body: '캐시 답글입니다' })).status).toBe(303);
    expect((await anon()).text).toContain('캐시 답글입니다');
    expect((await postForm(bob, `/reviews/${review.id}/delete`, {})).status).toBe(303);
    expect((await anon()).text).not.toContain('캐시 확인용 리뷰입니다');
  });
});

describe('review rate limit', () => {
  it('reviews and replies count against REVIEW_LIMIT_PER_HOUR per account → 429', async () => {
    const t = await createTestApp({ env: { REVIEW_LIMIT_PER_HOUR: '3' } });
    try {
      const owner = await createUser(t, { email: 'o@example.kr' });
      const shop = await publishedListing(t, owner.id, '한도 가게');
      await createUser(t, { email: 'busy@example.kr' });
      t.clock.advance(DAY + HOUR);
      const agent = await loginAs(t, 'busy@example.kr');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await postReview(agent, shop.id, { keywords: [] })).status);
      expect(statuses).toEqual([422, 422, 422, 429]);
    } finally {
      await t.close();
    }
  });

  it('R2: review reports in a loop trip REPORT_LIMIT_PER_HOUR per IP → 429; only the first is stored', async () => {
    const t = await createTestApp({ env: { REPORT_LIMIT_PER_HOUR: '3' } });
    try {
      const owner = await createUser(t, { email: 'o@example.kr' });
      const shop = await publishedListing(t, owner.id, '신고 가게');
      const u = await createUser(t, { email: 'writer@example.kr' });
      const [row] = await t
        .db('reviews')
        .insert({
          listing_id: shop.id,
          user_id: u.id,
          body: '좋아요',
          status: 'visible',
          created_at: t.clock.now(),
          updated_at: t.clock.now(),
        })
        .returning('id');
      const id = Number(typeof row === 'object' ? row.id : row);
      const visitor = request.agent(t.app);
      const token = csrfFrom((await visitor.get(`/reviews/${id}/report`).expect(200)).text);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await visitor.post(`/reviews/${id}/report`).type('form').send({ _csrf: token, reason: 'spam' })).status);
      expect(statuses).toEqual([303, 303, 303, 429]);
      expect(await t.db('review_reports').where({ review_id: id })).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
