/**
 * Reviews and replies through the spam checks, reports, moderators' hide/restore with the audit log, and review photos (uploads rows U*).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { jpegWithGpsAndRotation, smallPng } from '../../helpers/images.js';
import { DAY, keywordIds, loginAs, postForm, postReview, publishedListing, type Agent } from './review-helpers.js';

describe.each(engines())('review moderation on %s', (engine) => {
  let t: TestApp;
  let shop: { id: number; path: string };
  let ownerAgent: Agent;
  let kind: number;
  const agents: Agent[] = [];
  let mod: Agent;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { REVIEW_LIMIT_PER_HOUR: '1000', REPORT_LIMIT_PER_HOUR: '1000' } });
    const owner = await createUser(t, { email: 'owner@example.kr' });
    shop = await publishedListing(t, owner.id, '검토 꽃집');
    [kind] = await keywordIds(t, 'kind');
    for (let i = 0; i < 5; i++) await createUser(t, { email: `r${i}@example.kr` });
    t.clock.advance(DAY + 60_000);
    for (let i = 0; i < 5; i++) agents.push(await loginAs(t, `r${i}@example.kr`));
    ownerAgent = await loginAs(t, owner.email);
    mod = await staffAgent(t, await createStaff(t, 'moderator', 'mod@example.kr'));
  });
  afterAll(async () => t.close());

  const status = async (id: number) => String((await t.db('reviews').where({ id }).first()).status);
  const latest = async () => (await t.db('reviews').orderBy('id', 'desc').first()) as { id: number; status: string; flags: string | null };

  it('a banned word (spaces ignored), a link or a text already posted → held: not on the page, flagged in the queue; a clean one is shown', async () => {
    const banned = await postReview(agents[0], shop.id, { keywords: [kind], body: '급 전 필요하면 연락주세요' });
    expect(decodeURI(banned.headers.location)).toContain('done=held');
    expect(await latest()).toMatchObject({ status: 'held' });
    expect((await latest()).flags).toContain('banned_word');
    await postReview(agents[1], shop.id, { keywords: [kind], body: '여기 말고 www.example.com 으로 오세요' });
    expect((await latest()).flags).toContain('links');
    await postReview(agents[2], shop.id, { keywords: [kind], body: '꽃다발이 정말 예쁘고 배달도 빨랐습니다' });
    expect((await latest()).status).toBe('visible');
    const other = await publishedListing(t, (await createUser(t)).id, '다른 가게');
    await postReview(agents[3], other.id, { keywords: [kind], body: '꽃다발이 정말 예쁘고 배달도 빨랐습니다' });
    expect(await latest()).toMatchObject({ status: 'held', flags: 'duplicate_text' });
    const page = (await request(t.app).get(shop.path).expect(200)).text;
    expect(page).toContain('리뷰 <span class="muted">1개</span>');
    expect(page).not.toContain('급 전');
    const queue = (await mod.get('/mod/reviews').expect(200)).text;
    expect(queue).toContain('스팸 검사에 걸림: banned_word: 급전');
    expect(queue).toContain('www.example.com');
  });

  it('a reply with a link is held until a moderator restores it; restoring is audited', async () => {
    const visible = await t.db('reviews').where({ listing_id: shop.id, status: 'visible' }).first();
    const res = await postForm(ownerAgent, `/reviews/${visible.id}/reply`, { body: '자세한 건 http://spam.example 에서' });
    expect(decodeURI(res.headers.location)).toContain('done=replyHeld');
    expect((await request(t.app).get(shop.path)).text).not.toContain('spam.example');
    const token = csrfFrom((await mod.get('/mod/reviews')).text);
    await mod
      .post(`/mod/reviews/${visible.id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'restore', target: 'reply', note: '정상 링크' })
      .expect(303);
    expect((await request(t.app).get(shop.path)).text).toContain('자세한 건 http://spam.example 에서');
    const audit = await t.db('audit_log').where({ action: 'review_restore', subject_type: 'review_reply', subject_id: visible.id }).first();
    expect(JSON.parse(audit.before_json)).toEqual({ status: 'held' });
    expect(audit.reason).toBe('정상 링크');
  });

  it('anyone can report a shown review (once per visitor), not a held one; bad input → 422', async () => {
    const visible = await t.db('reviews').where({ listing_id: shop.id, status: 'visible' }).first();
    const held = await t.db('reviews').where({ listing_id: shop.id, status: 'held' }).first();
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/reviews/${visible.id}/report`).expect(200);
    const token = csrfFrom(form.text);
    expect((await visitor.post(`/reviews/${visible.id}/report`).type('form').send({ _csrf: token, reason: 'nonsense' })).status).toBe(422);
    const res = await visitor.post(`/reviews/${visible.id}/report`).type('form').send({ _csrf: token, reason: 'fraud', note: '가족이 쓴 리뷰' });
    expect(res.status).toBe(303);
    await visitor.post(`/reviews/${visible.id}/report`).type('form').send({ _csrf: token, reason: 'fraud' }).expect(303);
    expect(await t.db('review_reports').where({ review_id: visible.id })).toHaveLength(1);
    expect(await t.db('audit_log').where({ action: 'review_report', subject_id: visible.id })).toHaveLength(1);
    expect((await visitor.get(`/reviews/${held.id}/report`)).status).toBe(404);
    expect((await visitor.post(`/reviews/${held.id}/report`).type('form').send({ _csrf: token, reason: 'spam' })).status).toBe(404);
    expect((await mod.get('/mod/reviews')).text).toContain('신고 1건: 거짓·조작된 리뷰');
  });

  it('a moderator hides a reported review (counts drop, reports resolved, audited) and restores it', async () => {
    const visible = await t.db('reviews').where({ listing_id: shop.id, status: 'visible' }).first();
    const token = csrfFrom((await mod.get('/mod/reviews')).text);
    await mod.post(`/mod/reviews/${visible.id}/decide`).type('form').send({ _csrf: token, action: 'hide', note: '조작 의심' }).expect(303);
    expect(await status(visible.id)).toBe('hidden');
    const page = (await request(t.app).get(shop.path)).text;
    expect(page).toContain('아직 리뷰가 없습니다.');
    expect(page).not.toContain('꽃다발이 정말 예쁘고');
    expect((await t.db('review_reports').where({ review_id: visible.id }).first()).status).toBe('resolved');
    const hide = await t.db('audit_log').where({ action: 'review_hide', subject_type: 'review', subject_id: visible.id }).first();
    expect(JSON.parse(hide.before_json)).toEqual({ status: 'visible' });
    expect(JSON.parse(hide.after_json)).toMatchObject({ status: 'hidden', reportsSettled: 1 });
    expect((await mod.get('/mod/reviews')).text).toContain('숨김');
    await mod.post(`/mod/reviews/${visible.id}/decide`).type('form').send({ _csrf: token, action: 'restore' }).expect(303);
    expect(await status(visible.id)).toBe('visible');
    expect((await request(t.app).get(shop.path)).text).toContain('꽃다발이 정말 예쁘고');
    expect(await t.db('audit_log').where({ action: 'review_restore', subject_type: 'review', subject_id: visible.id })).toHaveLength(1);
    expect(
      (
        await agents[0]
          .post(`/mod/reviews/${visible.id}/decide`)
          .type('form')
          .send({ _csrf: csrfFrom((await agents[0].get('/account')).text), action: 'hide' })
      ).status,
    ).toBe(403);
    expect(await status(visible.id)).toBe('visible');
  });

  it('U2/U3/U6: photos are re-encoded without metadata, served while the review is shown; hostile files → 422 and 4 photos → 413, nothing stored', async () => {
    const shop2 = await publishedListing(t, (await createUser(t)).id, '사진 가게');
    const media = async () => Number((await t.db('media').count({ n: '*' }).first())!.n);
    const before = await media();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const bad = await postReview(agents[4], shop2.id, { keywords: [kind] }, [[html, 'photo.png']]);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('JPEG·PNG·WebP만');
    const png = await smallPng();
    const four = await postReview(agents[4], shop2.id, { keywords: [kind] }, [
      [png, '1.png'],
      [png, '2.png'],
      [png, '3.png'],
      [png, '4.png'],
    ]);
    expect(four.status).toBe(413);
    expect(await media()).toBe(before);
    expect(await t.db('reviews').where({ listing_id: shop2.id })).toHaveLength(0);
    const ok = await postReview(agents[4], shop2.id, { keywords: [kind] }, [
      [await jpegWithGpsAndRotation(), '../../golmok.sqlite.jpg'],
      [png, 'b.png'],
    ]);
    expect(ok.status).toBe(303);
    const review = await t.db('reviews').where({ listing_id: shop2.id }).first();
    const rows = await t.db('media').where({ review_id: review.id });
    expect(rows).toHaveLength(2);
    const file = (JSON.parse(rows[0].variants) as Array<{ file: string }>)[0].file;
    expect(file).toMatch(/^[0-9a-f]{64}-\d+\.webp$/);
    const page = (await request(t.app).get(shop2.path).expect(200)).text;
    expect(page).toContain(`/uploads/${file}`);
    const img = await request(t.app).get(`/uploads/${file}`).expect(200);
    expect(img.headers['content-type']).toBe('image/webp');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.body.includes(Buffer.from('SERIAL-12345'))).toBe(false);
    const token = csrfFrom((await mod.get('/mod/reviews')).text);
    await mod.post(`/mod/reviews/${review.id}/decide`).type('form').send({ _csrf: token, action: 'hide' }).expect(303);
    await request(t.app).get(`/uploads/${file}`).expect(404);
    // the media cleanup keeps a review's photos
    await t.services.media.removeUnattached(0);
    expect(await t.db('media').where({ review_id: review.id })).toHaveLength(2);
  });
});
