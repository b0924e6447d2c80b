import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { smallPng } from '../../helpers/images.js';

const DAY = 86_400_000;

describe.each(engines())('owner actions and access control on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let bob: TestUser;
  let moderator: TestUser;
  let categoryId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { UPLOAD_MAX_FILE_MB: '1' } });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice@example.kr');
    bob = await createUserRow(t, 'bob@example.kr');
    moderator = await createUserRow(t, 'mod@example.kr', 'moderator');
    categoryId = Number((await t.db('categories').where({ slug: 'flowers' }).first('id')).id);
  });
  afterAll(async () => t.close());

  // A photo of its own per listing: the same image is one shared file, public as soon as any listing using it is.
  let photos = 0;
  async function create(user: TestUser, name: string, action: 'draft' | 'submit' = 'submit', kind = 'business'): Promise<number> {
    const token = tokenFrom((await (await as(user)).get('/submissions/new')).text);
    await (await as(user)).post(`/submissions/new?_csrf=${token}`).field('_csrf', token).field('kind', kind).field('name', name)
      .field('categoryIds', String(categoryId)).field('phones[0][number]', '010-9984-0151').field('newPhotoAlts[0]', `${name} 사진`)
      .attach('photos', await smallPng(40 + ++photos, 30), 'p.png').field('action', action).expect(303);
    return Number((await t.db('listings').where({ name }).first('id')).id);
  }
  const row = async (id: number) => t.db('listings').where({ id }).first();
  const publish = (id: number) => t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });

  it('draft → preview on the listing page for its owner with the status banner; visitor and another user → 404 without the name (C2)', async () => {
    const id = await create(alice, '비밀의 꽃집', 'draft');
    const own = await (await as(alice)).get(`/listings/${id}`).expect(200);
    expect(own.text).toContain('비밀의 꽃집');
    expect(own.text).toContain('임시저장');
    for (const who of [null, bob]) {
      const res = await (await as(who)).get(`/listings/${id}`).expect(404);
      expect(res.text).not.toContain('비밀의 꽃집');
    }
    const photo = await t.db('media').where({ listing_id: id }).first();
    const file = JSON.parse(photo.variants)[0].file;
    await (await as(null)).get(`/uploads/${file}`).expect(404);
    await (await as(bob)).get(`/uploads/${file}`).expect(404);
    await (await as(alice)).get(`/uploads/${file}`).expect(200);
  });

  it("user B: edit form, edit post, renew, reconfirm, close, delete on A's listing → 404 and nothing changes (C1)", async () => {
    const id = await create(alice, '앨리스 가게');
    const before = await row(id);
    const bobApp = await as(bob);
    const bobToken = tokenFrom((await bobApp.get('/my/listings')).text);
    await bobApp.get(`/submissions/${id}/edit`).expect(404);
    await bobApp.post(`/submissions/${id}/edit?_csrf=${bobToken}`).field('name', 'hacked').field('action', 'submit').expect(404);
    for (const action of ['renew', 'reconfirm', 'close', 'delete'])
      await bobApp.post(`/submissions/${id}/${action}`).type('form').send({ _csrf: bobToken }).expect(404);
    // Without a token (or with the owner's session absent) the same requests are refused before any lookup (F1).
    await bobApp.post(`/submissions/${id}/delete`).type('form').send({}).expect(403);
    expect(await row(id)).toEqual(before);
    expect(await t.db('media').where({ owner_id: bob.id }).count({ n: '*' }).first().then((r) => Number(r?.n))).toBe(0);
  });

  it('a moderator may open the edit form of any listing', async () => {
    const id = await create(alice, '모더레이터 확인');
    await (await as(moderator)).get(`/submissions/${id}/edit`).expect(200);
  });

  it('unknown action, non-numeric and huge ids → 404, never 500', async () => {
    const id = await create(alice, '아이디 확인');
    const token = tokenFrom((await (await as(alice)).get('/my/listings')).text);
    await (await as(alice)).post(`/submissions/${id}/approve`).type('form').send({ _csrf: token }).expect(404);
    for (const bad of ['abc', '0', '-1', '1e309', '99999999999', '1%20OR%201=1'])
      await (await as(alice)).get(`/submissions/${bad}/edit`).expect(404);
  });

  it('editing a published listing → 303 "revision", the public page still shows the approved name and phone (C5)', async () => {
    const id = await create(alice, '승인된 이름');
    await publish(id);
    const page = await (await as(alice)).get(`/submissions/${id}/edit`).expect(200);
    expect(page.text).toContain('게시 중인 광고입니다');
    const token = tokenFrom(page.text);
    const keptId = page.text.match(/name="media\[0\]\[id\]" value="(\d+)"/)![1];
    const res = await (await as(alice)).post(`/submissions/${id}/edit?_csrf=${token}`).field('_csrf', token).field('kind', 'business')
      .field('name', '바뀐 이름').field('categoryIds', String(categoryId)).field('phones[0][number]', '062-522-2000')
      .field('removeMedia' + keptId, '1').field('media[0][id]', keptId).field('action', 'submit').expect(303);
    expect(res.headers.location).toBe('/my/listings?done=revision');
    const pub = await (await as(null)).get(`/listings/${id}`).redirects(1).expect(200);
    expect(pub.text).toContain('승인된 이름');
    expect(pub.text).not.toContain('바뀐 이름');
    expect(pub.text).toContain('tel:+821099840151');
    expect((await row(id)).status).toBe('published');
    expect(await t.db('media').where({ listing_id: id }).count({ n: '*' }).first().then((r) => Number(r?.n))).toBe(1);
    const again = await (await as(alice)).get(`/submissions/${id}/edit`).expect(200);
    expect(again.text).toContain('value="바뀐 이름"');
    expect(again.text).toContain('검토를 기다리는 수정 내용이 있습니다');
  });

  it('renew an expired classified ad → published with a new expiry; close → closed; delete → gone from my listings and 404 to me', async () => {
    const id = await create(alice, '중고 자전거', 'submit', 'classified');
    await t
      .db('listings')
      .where({ id })
      .update({ status: 'expired', expires_at: new Date(t.clock.now().getTime() - DAY) });
    const mine = await (await as(alice)).get('/my/listings').expect(200);
    const token = tokenFrom(mine.text);
    await (await as(alice)).post(`/submissions/${id}/renew`).type('form').send({ _csrf: token }).expect(303);
    expect((await row(id)).status).toBe('published');
    await (await as(alice)).post(`/submissions/${id}/close`).type('form').send({ _csrf: token }).expect(303);
    expect((await row(id)).status).toBe('closed');
    const del = await (await as(alice)).post(`/submissions/${id}/delete`).type('form').send({ _csrf: token }).expect(303);
    expect(del.headers.location).toBe('/my/listings?done=delete');
    expect((await row(id)).status).toBe('removed');
    expect((await (await as(alice)).get('/my/listings')).text).not.toContain('중고 자전거');
    await (await as(alice)).get(`/submissions/${id}/edit`).expect(404);
  });

  it('a photo over UPLOAD_MAX_FILE_MB → 413 with the Korean message and the name typed before it kept (U1)', async () => {
    const token = tokenFrom((await (await as(alice)).get('/submissions/new')).text);
    const before = await t.db('listings').count({ n: '*' }).first();
    const res = await (await as(alice)).post(`/submissions/new?_csrf=${token}`).field('_csrf', token).field('name', '큰 사진 가게')
      .field('action', 'submit').attach('photos', Buffer.alloc(1.5 * 1024 * 1024, 7), 'big.jpg').expect(413);
    expect(res.text).toContain('보낸 사진이 너무 크거나 많습니다');
    expect(res.text).toContain('value="큰 사진 가게"');
    expect(await t.db('listings').count({ n: '*' }).first()).toEqual(before);
  });

  it('an SVG and a text file named .jpg → 422 with a clear message, nothing stored (U2, U4)', async () => {
    const token = tokenFrom((await (await as(alice)).get('/submissions/new')).text);
    const mediaBefore = await t.db('media').count({ n: '*' }).first();
    const res = await (
      await as(alice)
    )
      .post(`/submissions/new?_csrf=${token}`)
      .field('_csrf', token)
      .field('name', 'SVG 가게')
      .field('action', 'draft')
      .attach('photos', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), {
        filename: 'a.svg',
        contentType: 'image/svg+xml',
      })
      .attach('photos', Buffer.from('hello'), { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(422);
    expect(res.text).toContain('JPEG, PNG, WebP, AVIF 사진만 올릴 수 있습니다.');
    expect(await t.db('media').count({ n: '*' }).first()).toEqual(mediaBefore);
  });

  it('200 phones and a 10,000-character name → 422 per field; 2,000 phones → 413; nothing stored (I5)', async () => {
    const token = tokenFrom((await (await as(alice)).get('/submissions/new')).text);
    const before = await t.db('listings').count({ n: '*' }).first();
    const many = (await as(alice))
      .post(`/submissions/new?_csrf=${token}`)
      .field('_csrf', token)
      .field('name', '많은 전화')
      .field('action', 'draft');
    for (let i = 0; i < 200; i++) many.field(`phones[${i}][number]`, '010-1234-5678');
    const res = await many.expect(422);
    expect(res.text).toContain('항목이 너무 많습니다.');
    const long = await (
      await as(alice)
    )
      .post(`/submissions/new?_csrf=${token}`)
      .field('_csrf', token)
      .field('name', '가'.repeat(10_000))
      .field('action', 'draft')
      .expect(422);
    expect(long.text).toContain('너무 깁니다.');
    const huge = (await as(alice)).post(`/submissions/new?_csrf=${token}`).field('_csrf', token).field('name', '아주 많은 전화');
    for (let i = 0; i < 2000; i++) huge.field(`phones[${i}][number]`, '010-1234-5678');
    await huge.expect(413);
    expect(await t.db('listings').count({ n: '*' }).first()).toEqual(before);
  });
});
