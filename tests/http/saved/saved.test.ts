/** Saved shops (저장): save / remove / note, merge at login, shops no longer listed, IDOR, CSRF, limits, caching, privacy. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { giveShopHours } from '../../helpers/hours.js';

type Agent = Awaited<ReturnType<typeof loginAgent>>;
/** A visitor's /saved carries its token for saved.js in data-csrf (there is no form to submit). */
const visitorToken = (html: string): string => /data-csrf="([^"]+)"/.exec(html)![1];

describe.each(engines())('saved shops on %s', (engine) => {
  let t: TestApp;
  let shops: number[];
  let alice: Agent;
  let bob: Agent;
  let aliceId: number;
  let bobId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { SAVED_MAX_LISTINGS: '4', SAVED_WRITE_LIMIT_PER_HOUR: '40' } });
    shops = [];
    for (const [i, name] of ['양림꽃집', '충장수선', '봉선떡집', '첨단사진관', '수완세탁', '상무열쇠'].entries()) {
      shops.push(
        await t.services.listings.createListing({
          kind: 'business',
          status: 'published',
          name,
          description: `${name} 광주`,
          categoryIds: [],
          publishedAt: t.clock.now(),
          phones: [{ type: 'landline', e164: `+8262522200${i}`, display: `062-522-200${i}`, nationalDigits: `06252220${i}` }],
          branches: [{ sido: '광주광역시', sigungu: '남구', roadName: '양림로', buildingNo: String(i + 1), hours: [], phones: [] }],
          offers: [],
          paymentAccounts: [],
        }),
      );
    }
    await giveShopHours(t.db, shops[0]);
    const a = await createUser(t, { email: 'alice@example.kr' });
    const b = await createUser(t, { email: 'bob@example.kr' });
    aliceId = a.id;
    bobId = b.id;
    alice = await loginAgent(t, a.email);
    bob = await loginAgent(t, b.email);
  });
  afterAll(async () => t.close());

  const rows = async (userId: number) =>
    (await t.db('saved_listings').where({ user_id: userId }).orderBy('listing_id')).map((r) => ({
      id: Number(r.listing_id),
      note: r.note ?? null,
    }));
  const tokenOf = async (agent: Agent) => csrfFrom((await agent.get('/saved').expect(200)).text);
  const save = async (agent: Agent, id: number, extra: Record<string, string> = {}) =>
    agent
      .post('/saved')
      .type('form')
      .send({ _csrf: await tokenOf(agent), listing: String(id), ...extra });

  it('a visitor gets 저장 links (to sign-in) on cards and the action bar, and the page stays publicly cacheable', async () => {
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).toContain(`href="/listings/${shops[0]}/save" rel="nofollow" data-save-id="${shops[0]}"`);
    expect(home.headers['cache-control']).toMatch(/^public/);
    expect(home.headers['set-cookie']).toBeUndefined();
    const slug = (await t.db('listings').where({ id: shops[1] }).first()).slug;
    const page = await request(t.app).get(`/listings/${shops[1]}-${encodeURIComponent(slug)}`).expect(200);
    const bar = /<nav class="action-bar"[\s\S]*?<\/nav>/.exec(page.text)![0];
    expect(bar).toContain(`href="/listings/${shops[1]}/save"`);
    expect((await request(t.app).get(`/listings/${shops[1]}/save`).expect(303)).headers.location).toBe(
      `/login?next=${encodeURIComponent(`/listings/${shops[1]}/save`)}`,
    );
  });

  it('signed in, /listings/:id/save shows one button (GET saves nothing); POST saves and returns to the listing; the card shows 저장됨', async () => {
    const confirm = await alice.get(`/listings/${shops[0]}/save`).expect(200);
    expect(confirm.text).toContain('저장한 가게 목록에 넣을까요?');
    expect(await rows(aliceId)).toEqual([]);
    const res = await alice
      .post('/saved')
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text), listing: String(shops[0]), next: `/listings/${shops[0]}-x` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/listings/${shops[0]}-x`);
    expect(await rows(aliceId)).toEqual([{ id: shops[0], note: null }]);
    const home = await alice.get('/').expect(200);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.text).toMatch(new RegExp(`action="/saved/${shops[0]}/delete"[^>]*>[\\s\\S]*?aria-pressed="true"`));
    expect((await alice.get(`/listings/${shops[0]}/save`)).text).toContain('이미 저장한 가게 목록에 있습니다');
    // Saving twice changes nothing.
    expect((await save(alice, shops[0])).status).toBe(303);
    expect(await rows(aliceId)).toHaveLength(1);
  });

  it('/saved (signed in) shows the call button (E.164 tel: with the beacon data), the open line and the note field; no-store', async () => {
    const res = await alice.get('/saved').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('양림꽃집');
    expect(res.text).toMatch(new RegExp(`class="card-call" href="tel:\\+82625222000" data-phone-id="\\d+" data-listing-id="${shops[0]}"`));
    expect(res.text).toContain('영업 중');
    expect(res.text).toContain(`action="/saved/${shops[0]}/note"`);
    expect(res.text).toContain('name="note"');
    const en = await alice.get('/saved?lang=en').expect(200);
    expect(en.text).toContain('Saved shops');
    await alice.get('/saved?lang=ko').expect(200);
  });

  it('a note is saved (303 + flash); a note over 500 characters → 422 with the text kept and nothing changed', async () => {
    const ok = await alice.post(`/saved/${shops[0]}/note`).type('form').send({ _csrf: await tokenOf(alice), note: '  토요일 오전 배달 가능 ' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/saved?done=note');
    expect((await alice.get('/saved?done=note')).text).toContain('메모를 저장했습니다');
    expect(await rows(aliceId)).toEqual([{ id: shops[0], note: '토요일 오전 배달 가능' }]);
    const long = '가'.repeat(501);
    const bad = await alice.post(`/saved/${shops[0]}/note`).type('form').send({ _csrf: await tokenOf(alice), note: long });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('메모는 500자까지');
    expect(bad.text).toContain(long);
    expect(await rows(aliceId)).toEqual([{ id: shops[0], note: '토요일 오전 배달 가능' }]);
  });

  it('IDOR: another account cannot remove or annotate the shop someone else saved (404), and never sees their list', async () => {
    const token = await tokenOf(bob);
    expect((await bob.post(`/saved/${shops[0]}/delete`).type('form').send({ _csrf: token })).status).toBe(404);
    expect((await bob.post(`/saved/${shops[0]}/note`).type('form').send({ _csrf: token, note: 'bob was here' })).status).toBe(404);
    expect(await rows(aliceId)).toEqual([{ id: shops[0], note: '토요일 오전 배달 가능' }]);
    const page = await bob.get('/saved').expect(200);
    expect(page.text).not.toContain('양림꽃집');
    expect(page.text).not.toContain('토요일 오전');
  });

  it('CSRF: every write without a token, with another session\'s token, or from another origin → 403; nothing changes', async () => {
    const bobToken = await tokenOf(bob);
    const aliceToken = await tokenOf(alice);
    const before = await rows(aliceId);
    const writes: Array<[string, Record<string, string>]> = [
      ['/saved', { listing: String(shops[1]) }], [`/saved/${shops[0]}/delete`, {}], [`/saved/${shops[0]}/note`, { note: 'x' }],
    ];
    for (const [path, body] of writes) {
      expect((await alice.post(path).type('form').send(body)).status, path).toBe(403);
      expect((await alice.post(path).type('form').send({ ...body, _csrf: bobToken })).status, path).toBe(403);
      expect(
        (
          await alice
            .post(path)
            .set('Origin', 'https://evil.example')
            .type('form')
            .send({ ...body, _csrf: aliceToken })
        ).status,
        path,
      ).toBe(403);
    }
    expect((await alice.post('/saved/merge').send({ items: [{ id: shops[2] }] })).status).toBe(403);
    expect((await alice.post('/saved/merge').set('x-csrf-token', bobToken).send({ items: [{ id: shops[2] }] })).status).toBe(403);
    expect(await rows(aliceId)).toEqual(before);
    // GET never writes.
    expect((await alice.get(`/saved/${shops[0]}/delete`)).status).toBe(404);
    expect(await rows(aliceId)).toEqual(before);
  });

  it("merge at login: the browser's list joins the account's; duplicates once, an empty note filled, unknown and unlisted ids skipped", async () => {
    const token = await tokenOf(alice);
    await t.db('listings').where({ id: shops[5] }).update({ status: 'pending' });
    const res = await alice
      .post('/saved/merge')
      .set('x-csrf-token', token)
      .set('Accept', 'application/json')
      .send({
        items: [{ id: shops[1], note: '수선 맡긴 바지' }, { id: shops[0], note: '덮어쓰지 않음' }, { id: shops[1] }, { id: shops[5] }],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 1 });
    expect([...res.body.ids].sort((x: number, y: number) => x - y)).toEqual([shops[0], shops[1]]);
    expect(await rows(aliceId)).toEqual([
      { id: shops[0], note: '토요일 오전 배달 가능' },
      { id: shops[1], note: '수선 맡긴 바지' },
    ]);
    // The same list again: nothing new. A browser list longer than SAVED_MAX_LISTINGS (4 here) counts its newest 4 only.
    const again = await alice
      .post('/saved/merge')
      .set('x-csrf-token', token)
      .send({ items: [{ id: shops[1] }, { id: shops[0] }, { id: 999999 }, { id: shops[1] }, { id: 999998 }, { id: shops[3] }] });
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(0);
    expect(await rows(aliceId)).toHaveLength(2);
    await t.db('listings').where({ id: shops[5] }).update({ status: 'published' });
  });

  it('bounded input: bad ids, too many ids, objects and __proto__ → 400 with nothing written', async () => {
    const token = await tokenOf(alice);
    const before = await rows(aliceId);
    for (const items of [
      [{ id: '1e3' }],
      [{ id: -1 }],
      Array.from({ length: 1001 }, (_, i) => ({ id: i + 1 })),
      [{ id: shops[2], role: 'admin' }],
      'x',
    ]) {
      expect((await alice.post('/saved/merge').set('x-csrf-token', token).send({ items })).status, JSON.stringify(items)).toBe(400);
    }
    expect(
      (
        await alice
          .post('/saved/merge')
          .set('x-csrf-token', token)
          .set('Content-Type', 'application/json')
          .send('{"items":[],"__proto__":{"x":1}}')
      ).status,
    ).toBe(400);
    for (const listing of ['0', '1 OR 1=1', 'abc', ''])
      expect((await alice.post('/saved').type('form').send({ _csrf: token, listing })).status, listing).toBe(400);
    expect(
      (
        await alice
          .post('/saved')
          .type('form')
          .send(`_csrf=${encodeURIComponent(token)}&listing=${shops[2]}&listing=${shops[3]}`)
      ).status,
    ).toBe(400);
    expect(await rows(aliceId)).toEqual(before);
  });

  it('a listing that is not public cannot be saved (404); the list is capped (422 with the limit named)', async () => {
    await t.db('listings').where({ id: shops[5] }).update({ status: 'draft' });
    expect((await save(bob, shops[5])).status).toBe(404);
    await t.db('listings').where({ id: shops[5] }).update({ status: 'published' });
    for (const id of shops.slice(0, 4)) expect((await save(bob, id)).status).toBe(303);
    const full = await save(bob, shops[4]);
    expect(full.status).toBe(422);
    expect(full.text).toContain('최대 4곳');
    expect(await rows(bobId)).toHaveLength(4);
    const json = await bob
      .post('/saved')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: await tokenOf(bob), listing: String(shops[4]) });
    expect(json.status).toBe(422);
  });

  it('removed, closed and expired listings stay in the list as "더 이상 게시되지 않는 업체입니다" with the saved name, and can be removed', async () => {
    await t.db('listings').where({ id: shops[1] }).update({ status: 'removed' });
    await t.db('listings').where({ id: shops[2] }).update({ status: 'closed' });
    await t.db('listings').where({ id: shops[3] }).update({ expires_at: new Date(t.clock.now().getTime() - 1000) });
    const page = await bob.get('/saved').expect(200);
    expect(page.text.match(/더 이상 게시되지 않는 업체입니다/g)).toHaveLength(3);
    for (const name of ['충장수선', '봉선떡집', '첨단사진관']) expect(page.text).toContain(name);
    expect(page.text).not.toContain(`href="tel:+82625222001"`);
    const gone = await bob.post(`/saved/${shops[1]}/delete`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(gone.status).toBe(303);
    expect(gone.headers.location).toBe('/saved?done=removed');
    expect((await rows(bobId)).map((r) => r.id)).not.toContain(shops[1]);
  });

  it("a visitor's list: POST /saved/cards renders the cards of the given ids (not public ones without their name); no-store, never page-cached", async () => {
    const visitor = request.agent(t.app);
    const page = await visitor.get('/saved').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('이 브라우저에만 보관');
    const res = await visitor
      .post('/saved/cards')
      .type('form')
      .send({ _csrf: visitorToken(page.text), ids: `${shops[0]},${shops[1]},999999,${shops[0]}` });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('양림꽃집');
    expect(res.text).toContain('href="tel:+82625222000"');
    expect(res.text.match(/data-saved-id=/g)).toHaveLength(3);
    expect(res.text.match(/더 이상 게시되지 않는 업체입니다/g)).toHaveLength(2);
    expect(res.text).not.toContain('충장수선'); // removed: its name is not told to anyone who asks by id
    expect(res.text).not.toContain('<html');
    for (const ids of ['1,x', '0', '1,2,3,4,5', '-1'])
      expect(
        (
          await visitor
            .post('/saved/cards')
            .type('form')
            .send({ _csrf: visitorToken(page.text), ids })
        ).status,
        ids,
      ).toBe(400);
    expect(
      (
        await visitor
          .post('/saved/cards')
          .type('form')
          .send({ ids: String(shops[0]) })
      ).status,
    ).toBe(403);
    const again = await request(t.app).get('/saved');
    expect(again.headers['x-page-cache']).toBeUndefined();
  });

  it('the anonymous page cache never keeps a saved state: after a signed-in view, a visitor gets the same link for everyone', async () => {
    expect((await alice.get('/').expect(200)).text).toContain('aria-pressed="true"');
    for (let i = 0; i < 2; i += 1) {
      const res = await request(t.app).get('/').expect(200);
      expect(res.text).not.toContain('aria-pressed');
      expect(res.text).not.toContain('action="/saved');
      expect(res.text).not.toContain('name="_csrf"');
    }
    const search = await request(t.app).get(`/search?q=${encodeURIComponent('양림꽃집')}`).expect(200);
    expect(search.text).toContain(`href="/listings/${shops[0]}/save" rel="nofollow" data-save-id="${shops[0]}"`);
  });

  it('writes need an account (a visitor is sent to sign in) and are rate-limited per account', async () => {
    const visitor = request.agent(t.app);
    const page = await visitor.get('/saved');
    const res = await visitor.post('/saved').type('form').send({ _csrf: visitorToken(page.text), listing: String(shops[0]) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
    const carol = await createUser(t, { email: 'carol@example.kr' });
    const agent = await loginAgent(t, carol.email);
    const token = await tokenOf(agent);
    let status = 0;
    for (let i = 0; i < 45 && status !== 429; i += 1) {
      status = (await agent.post(`/saved/${shops[0]}/delete`).type('form').send({ _csrf: token })).status;
    }
    expect(status).toBe(429);
  });
});
