/**
 * The page of all of a listing's reviews (paginated, both languages, kept by the page cache only until a review
 * changes), and the author's own held or hidden review on the listing page (marked, only for them, deletable).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { DAY, keywordIds, loginAs, postForm, postReview, publishedListing, type Agent } from './review-helpers.js';

describe.each(engines())('the reviews page and held reviews on %s', (engine) => {
  let t: TestApp;
  let shop: { id: number; path: string };
  let kind: number;
  let alice: Agent;
  let bob: Agent;
  let mod: Agent;
  const allPath = () => `/listings/${shop.id}/reviews`;
  const anon = (path: string) => request(t.app).get(path).set('Host', 'golmok.test');

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { REVIEW_LIMIT_PER_HOUR: '1000' } });
    const owner = await createUser(t, { email: 'owner@example.kr' });
    shop = await publishedListing(t, owner.id, '리뷰 많은 꽃집');
    [kind] = await keywordIds(t, 'kind');
    // 25 visible reviews one minute apart (리뷰 1 the oldest), and a hidden one that no page may show.
    const base = t.clock.now().getTime();
    for (let i = 1; i <= 26; i++) {
      const u = await createUser(t, { email: `r${i}@example.kr` });
      const at = new Date(base + i * 60_000);
      const [row] = await t
        .db('reviews')
        .insert({
          listing_id: shop.id,
          user_id: u.id,
          body: i === 26 ? '숨겨진 리뷰 본문' : `리뷰 ${i}번째 글`,
          status: i === 26 ? 'hidden' : 'visible',
          created_at: at,
          updated_at: at,
        })
        .returning('id');
      await t
        .db('review_keyword_picks')
        .insert({ review_id: Number(typeof row === 'object' ? row.id : row), keyword_id: kind, listing_id: shop.id });
    }
    await createUser(t, { email: 'alice@example.kr' });
    await createUser(t, { email: 'bob@example.kr' });
    t.clock.advance(DAY + 60_000);
    alice = await loginAs(t, 'alice@example.kr');
    bob = await loginAs(t, 'bob@example.kr');
    mod = await staffAgent(t, await createStaff(t, 'moderator', 'mod@example.kr'));
  });
  afterAll(async () => t.close());

  const numbers = (html: string) => [...html.matchAll(/리뷰 (\d+)번째 글/g)].map((m) => Number(m[1]));

  it('the listing page shows the newest 10 and links to all of them', async () => {
    const page = (await anon(shop.path).expect(200)).text;
    expect(numbers(page)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(page).toContain(`href="${allPath()}"`);
    expect(page).toContain('리뷰 25개 모두 보기');
  });

  it('the reviews page: 20 a page, newest first, then the rest; the keyword counts; never a hidden review', async () => {
    const first = await anon(allPath()).expect(200);
    expect(numbers(first.text)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
    expect(first.text).toContain('<h1>리뷰 많은 꽃집 리뷰</h1>');
    // The back link picks the particle from the name's last sound (꽃집 ends in ㅂ: 으로), never "(으)로".
    expect(first.text).toContain('리뷰 많은 꽃집으로 돌아가기');
    expect(first.text).not.toContain('(으)로');
    expect(first.text).toContain('리뷰 25개');
    expect(first.text).toMatch(/친절해요<\/span> <strong>25명/);
    expect(first.text).toContain(`href="${allPath()}?page=2" rel="next"`);
    expect(first.text).toMatch(new RegExp(`href="/listings/${shop.id}-[^"]+#reviews"`));
    const second = (await anon(`${allPath()}?page=2`).expect(200)).text;
    expect(numbers(second)).toEqual([5, 4, 3, 2, 1]);
    expect(second).toContain(`href="${allPath()}" rel="prev"`);
    for (const html of [first.text, second]) expect(html).not.toContain('숨겨진 리뷰 본문');
  });

  it('in English, every label is English', async () => {
    const en = (await anon(`${allPath()}?page=2&lang=en`).expect(200)).text;
    expect(en).toContain('Reviews of 리뷰 많은 꽃집 (page 2)');
    expect(en).toContain('All reviews (newest first)');
    expect(en).toContain('Back to 리뷰 많은 꽃집');
    expect(en).not.toContain('모든 리뷰');
  });

  it('I3/I4/X2: a page past the last is the last; array, object, huge, negative, prototype or markup pages are page 1; never a 500', async () => {
    expect(numbers((await anon(`${allPath()}?page=99`).expect(200)).text)).toEqual([5, 4, 3, 2, 1]);
    // A repeated key counts once, its first value (as on the browse pages).
    expect(numbers((await anon(`${allPath()}?page=2&page=1`).expect(200)).text)).toEqual([5, 4, 3, 2, 1]);
    for (const q of [
      'page=1&page=2',
      'page[]=2',
      'page[a]=2',
      'page=1e309',
      'page=-2',
      'page=0',
      'page=%22%3E%3Csvg%20onload%3Dalert(1)%3E',
      'page=__proto__',
    ]) {
      const res = await anon(`${allPath()}?${q}`);
      expect(res.status, q).toBe(200);
      expect(numbers(res.text)[0], q).toBe(25);
      expect(res.text).not.toContain('<svg onload');
    }
  });

  it('a listing that is not public, or no listing → 404', async () => {
    const hidden = await publishedListing(t, (await createUser(t)).id, '내려간 가게');
    await t.db('listings').where({ id: hidden.id }).update({ status: 'closed' });
    await anon(`/listings/${hidden.id}/reviews`).expect(404);
    await anon('/listings/999999/reviews').expect(404);
    await anon('/listings/abc/reviews').expect(404);
  });

  it('kept for visitors like the listing page, and not served once a review changes', async () => {
    const first = await anon(`${allPath()}?page=2`).expect(200);
    expect(first.headers['cache-control']).toMatch(/^public/);
    expect((await anon(`${allPath()}?page=2`)).headers['x-page-cache']).toBe('hit');
    await t.db('reviews').where({ listing_id: shop.id, body: '리뷰 1번째 글' }).update({ status: 'hidden', updated_at: t.clock.now() });
    const after = await anon(`${allPath()}?page=2`).expect(200);
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(numbers(after.text)).toEqual([5, 4, 3, 2]);
    // Signed in, the page is the viewer's own (their delete links): never kept.
    expect((await alice.get(allPath()).expect(200)).headers['cache-control'] ?? '').not.toMatch(/public/);
  });

  it('a held review is shown to its author only, marked as held, with a delete link; the author deletes it', async () => {
    const res = await postReview(alice, shop.id, { keywords: [kind], body: '자세한 건 www.example.com 에서 보세요' });
    expect(decodeURI(res.headers.location)).toContain('done=held');
    const held = (await t.db('reviews').where({ listing_id: shop.id, status: 'held' }).first()) as { id: number };
    const mine = (await alice.get(shop.path).expect(200)).text;
    expect(mine).toContain('<h3>내 리뷰</h3>');
    expect(mine).toContain('검토 중: 운영자가 확인한 뒤 다른 사람에게 보입니다.');
    expect(mine).toContain('www.example.com');
    expect(mine).toContain(`href="/reviews/${held.id}/delete"`);
    expect(mine).not.toContain(`href="/reviews/${held.id}/report"`);
    expect(mine).toContain('리뷰 24개');
    const en = (await alice.get(`${shop.path}?lang=en`).expect(200)).text;
    expect(en).toContain('Under review: others will see it once a moderator has checked it.');
    for (const other of [
      (await bob.get(shop.path)).text,
      (await anon(shop.path)).text,
      (await anon(allPath())).text,
      (await alice.get(allPath())).text,
    ]) {
      expect(other).not.toContain('www.example.com');
    }
    expect((await postForm(alice, `/reviews/${held.id}/delete`, {})).status).toBe(303);
    expect((await t.db('reviews').where({ id: held.id }).first()).status).toBe('deleted');
    expect((await alice.get(shop.path)).text).not.toContain('<h3>내 리뷰</h3>');
  });

  it('a review a moderator hid is shown to its author as hidden, nobody else; bob cannot delete it (404)', async () => {
    const bobs = await postReview(bob, shop.id, { keywords: [kind], body: '배달이 조금 늦었지만 꽃은 좋았어요' });
    expect(decodeURI(bobs.headers.location)).toContain('done=posted');
    const row = (await t.db('reviews').where({ listing_id: shop.id, body: '배달이 조금 늦었지만 꽃은 좋았어요' }).first()) as { id: number };
    const token = csrfFrom((await mod.get('/mod/reviews')).text);
    await mod
      .post(`/mod/reviews/${row.id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'hide', target: 'review', note: '확인용' })
      .expect(303);
    const own = (await bob.get(shop.path)).text;
    expect(own).toContain('숨김 처리됨: 운영자가 숨긴 리뷰로, 나에게만 보입니다.');
    expect(own).toContain('배달이 조금 늦었지만');
    for (const other of [(await alice.get(shop.path)).text, (await anon(shop.path)).text]) expect(other).not.toContain('배달이 조금 늦었지만');
    expect((await postForm(alice, `/reviews/${row.id}/delete`, {})).status).toBe(404);
    expect((await t.db('reviews').where({ id: row.id }).first()).status).toBe('hidden');
  });
});
