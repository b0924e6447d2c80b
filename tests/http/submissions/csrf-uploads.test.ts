import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { smallPng } from '../../helpers/images.js';

const count = async (t: TestApp, table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);
const uploadsWritten = (t: TestApp) => (fs.existsSync(t.config.uploadsDir) ? fs.readdirSync(t.config.uploadsDir).length : 0);

describe.each(engines())('CSRF on the submission routes on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let listingId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice@example.kr');
    const agent = await as(alice);
    const token = tokenFrom((await agent.get('/submissions/new')).text);
    await agent.post(`/submissions/new?_csrf=${token}`).field('name', '토큰 가게').field('action', 'draft').expect(303);
    listingId = Number((await t.db('listings').where({ name: '토큰 가게' }).first('id')).id);
  });
  afterAll(async () => t.close());

  it('a multipart upload without a token → 403 before any file is written or any row stored (F4)', async () => {
    const [listings, media, files] = [await count(t, 'listings'), await count(t, 'media'), uploadsWritten(t)];
    const res = await (
      await as(alice)
    )
      .post('/submissions/new')
      .field('name', '토큰 없음')
      .field('action', 'submit')
      .attach('photos', await smallPng(), 'a.png');
    expect(res.status).toBe(403);
    expect([await count(t, 'listings'), await count(t, 'media'), uploadsWritten(t)]).toEqual([listings, media, files]);
  });

  it('the token as the first multipart field (never in the URL) is accepted; the form prints no token in its action', async () => {
    const agent = await as(alice);
    const page = (await agent.get('/submissions/new')).text;
    expect(page).toMatch(/<form method="post" action="\/submissions\/new" enctype="multipart\/form-data"/);
    await agent
      .post('/submissions/new')
      .field('_csrf', tokenFrom(page))
      .field('name', '본문 토큰')
      .field('action', 'draft')
      .attach('photos', await smallPng(), 'a.png')
      .expect(303);
    expect(await count(t, 'listings')).toBeGreaterThan(0);
  });

  it('a token that comes after the file → 403 before the file is read or written (F4)', async () => {
    const agent = await as(alice);
    const token = tokenFrom((await agent.get('/submissions/new')).text);
    const [listings, files] = [await count(t, 'listings'), uploadsWritten(t)];
    await agent
      .post('/submissions/new')
      .field('name', '늦은 토큰')
      .attach('photos', await smallPng(), 'a.png')
      .field('_csrf', token)
      .field('action', 'draft')
      .expect(403);
    expect([await count(t, 'listings'), uploadsWritten(t)]).toEqual([listings, files]);
  });

  it('a wrong token in the body, or the right one from another site (Origin) → 403', async () => {
    const agent = await as(alice);
    const token = tokenFrom((await agent.get('/submissions/new')).text);
    await agent.post('/submissions/new').field('_csrf', 'x'.repeat(40)).field('name', '틀린 토큰').field('action', 'draft').expect(403);
    await agent
      .post('/submissions/new')
      .set('Origin', 'https://evil.example')
      .field('_csrf', token)
      .field('name', '남의 사이트')
      .field('action', 'draft')
      .expect(403);
    expect(Number((await t.db('listings').whereIn('name', ['틀린 토큰', '남의 사이트']).count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('edit, renew, close and delete with no token → 403 and nothing changes (F1)', async () => {
    const before = await t.db('listings').where({ id: listingId }).first();
    const agent = await as(alice);
    await agent.post(`/submissions/${listingId}/edit`).field('name', 'changed').field('action', 'draft').expect(403);
    for (const action of ['renew', 'reconfirm', 'close', 'delete'])
      await agent.post(`/submissions/${listingId}/${action}`).type('form').send({}).expect(403);
    expect(await t.db('listings').where({ id: listingId }).first()).toEqual(before);
  });

  it('a valid token but Origin: https://evil.example → 403 (F2)', async () => {
    const agent = await as(alice);
    const token = tokenFrom((await agent.get('/my/listings')).text);
    await agent
      .post(`/submissions/${listingId}/delete`)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: token })
      .expect(403);
    expect((await t.db('listings').where({ id: listingId }).first()).status).toBe('draft');
  });

  it('GET on delete → 404, nothing changes (F3)', async () => {
    await (await as(alice)).get(`/submissions/${listingId}/delete`).expect(404);
    expect((await t.db('listings').where({ id: listingId }).first()).status).toBe('draft');
  });

  it('POST /api/ad-text/parse needs no token (exempt: JSON in/out, changes nothing)', async () => {
    await (await as(null)).post('/api/ad-text/parse').send({ text: '가게\n010-9984-0151' }).expect(200);
  });
});

describe('hostile field names in the multipart form (I4, I7)', () => {
  let t: TestApp;
  afterAll(async () => t.close());

  it('__proto__ / constructor.prototype and EJS option names → no pollution, the form renders normally', async () => {
    t = await createTestApp();
    const as = agentsFor(t);
    const agent = await as(await createUserRow(t, 'eve@example.kr'));
    const token = tokenFrom((await agent.get('/submissions/new')).text);
    const res = await agent.post(`/submissions/new?_csrf=${token}`).field('name', '').field('__proto__[polluted]', 'yes')
      .field('constructor[prototype][polluted]', 'yes').field('settings[view options][outputFunctionName]', 'x;process.exit(1);//')
      .field('phones[__proto__][number]', '010').field('action', 'draft');
    expect([422, 400]).toContain(res.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await agent.get('/submissions/new').expect(200);
  });
});
