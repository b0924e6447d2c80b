/** R1: sign-up, listing submission and reports refuse a missing, invalid or reused proof of work and a filled honeypot — the form kept. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';

describe.each(engines())('proof of work and honeypot on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true, env: { POW_ENABLED: 'true', POW_MAX_NUMBER: '50' } });
  });
  afterAll(async () => t.close());

  /** What the altcha widget puts in the form: base64 JSON of the challenge and its solution. */
  async function solved(): Promise<string> {
    const challenge = (await request(t.app).get('/pow/challenge').expect(200)).body;
    const solution = await solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  }
  const users = async () => Number((await t.db('users').count({ n: '*' }).first())?.n);

  it('pages with the protected forms carry the widget and the hidden honeypot', async () => {
    const page = await request(t.app).get('/signup').expect(200);
    expect(page.text).toContain('<altcha-widget challenge="/pow/challenge"');
    expect(page.text).toContain('name="homepage_url"');
    await request(t.app).get('/vendor/altcha/altcha.min.js').expect(200).expect('content-type', /javascript/);
    await request(t.app).get('/vendor/altcha-workers/sha.js').expect(200).expect('content-type', /javascript/);
  });

  it('sign-up: no solution → 422, the e-mail kept, no user; a valid one → 303; the same one again → refused', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/signup')).text);
    const form = { _csrf: token, email: 'new@example.kr', displayName: '새 가게', password: 'a fine long password 42' };
    const before = await users();
    const missing = await agent.post('/signup').type('form').send(form).expect(422);
    expect(missing.text).toContain('스팸 방지 확인이 끝나지 않았습니다');
    expect(missing.text).toContain('value="new@example.kr"');
    const bad = await agent
      .post('/signup')
      .type('form')
      .send({ ...form, altcha: Buffer.from('{"challenge":{},"solution":{}}').toString('base64') })
      .expect(422);
    expect(bad.text).toContain('value="new@example.kr"');
    expect(await users()).toBe(before);
    const altcha = await solved();
    await agent.post('/signup').type('form').send({ ...form, altcha }).expect(303);
    expect(await users()).toBe(before + 1);
    const replay = await agent.post('/signup').type('form').send({ ...form, email: 'other@example.kr', altcha }).expect(422);
    expect(replay.text).toContain('이미 사용한 스팸 방지 확인');
    expect(await users()).toBe(before + 1);
  });

  it('honeypot filled → refused with a clear message even with a valid solution', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/signup')).text);
    const res = await agent
      .post('/signup')
      .type('form')
      .send({
        _csrf: token,
        email: 'bot@example.kr',
        password: 'a fine long password 42',
        homepage_url: 'http://spam.example',
        altcha: await solved(),
      })
      .expect(422);
    expect(res.text).toContain('자동 입력으로 보여');
    expect(await t.db('users').where({ email: 'bot@example.kr' }).first()).toBeUndefined();
  });

  it('listing form without a solution → 422 with everything typed kept, nothing saved; with one → saved', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    const token = csrfFrom((await agent.get('/submissions/new')).text);
    const fields = {
      _csrf: token,
      kind: 'business',
      name: '증명 꽃집',
      description: '증명 테스트 설명',
      'phones[0][number]': '010-5555-1234',
      action: 'submit',
    };
    const multipart = (extra: Record<string, string>) =>
      Object.entries({ ...fields, ...extra }).reduce((req, [k, v]) => req.field(k, v), agent.post(`/submissions/new?_csrf=${token}`));
    const refused = await multipart({}).expect(422);
    expect(refused.text).toContain('value="증명 꽃집"');
    expect(refused.text).toContain('010-5555-1234');
    expect(refused.text).toContain('스팸 방지 확인');
    expect(await t.db('listings').where({ name: '증명 꽃집' }).first()).toBeUndefined();
    const categoryId = String((await t.db('categories').where({ slug: 'flowers' }).first('id')).id);
    await multipart({ categoryIds: categoryId, altcha: await solved() }).expect(303);
    expect((await t.db('listings').where({ name: '증명 꽃집' }).first('status')).status).toBe('pending');
  });

  it('report without a solution → 422 with the note kept; nothing stored', async () => {
    const id = await listingIdByName(t, '60플라워');
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get(`/listings/${id}/report`)).text);
    const res = await agent.post(`/listings/${id}/report`).type('form').send({ _csrf: token, reason: 'spam', note: '광고 도배' }).expect(422);
    expect(res.text).toContain('광고 도배');
    expect(await t.db('reports').where({ listing_id: id }).first()).toBeUndefined();
    await agent
      .post(`/listings/${id}/report`)
      .type('form')
      .send({ _csrf: token, reason: 'spam', note: '광고 도배', altcha: await solved() })
      .expect(200);
    expect(await t.db('reports').where({ listing_id: id }).count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });
  });
});
