import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, linkFromMail, loginAgent, readOutbox } from '../../helpers/auth.js';

const stripToken = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

describe.each(engines())('sign-up, e-mail confirmation, login, logout (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('A8: a fresh install has no account at all', async () => {
    const install = await createTestApp({ engine });
    try {
      expect(Number((await install.db('users').count({ n: '*' }).first())?.n)).toBe(0);
    } finally {
      await install.close();
    }
  });

  it('sign up → mail with a link; login refused until confirmed; confirm → login → my account', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/signup').expect(200);
    const res = await agent
      .post('/signup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'Owner@60flower.kr', password: 'wreaths for every occasion' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signup/sent');
    const user = await t.db('users').where({ email: 'owner@60flower.kr' }).first();
    expect(user).toMatchObject({ role: 'advertiser' });
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain('wreaths');

    const login = await agent.get('/login');
    const early = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: 'owner@60flower.kr', password: 'wreaths for every occasion' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('이메일 확인이 아직 끝나지 않았습니다');

    const link = linkFromMail(t, 'owner@60flower.kr');
    expect(link).toMatch(/^\/verify-email\/[A-Za-z0-9_-]{43}$/);
    const confirmPage = await agent.get(link).expect(200);
    await agent.post(link).type('form').send({ _csrf: csrfFrom(confirmPage.text) }).expect(200);
    await agent.post(link).type('form').send({ _csrf: csrfFrom(confirmPage.text) }).expect(410);

    const again = await agent.get('/login');
    const ok = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(again.text), email: 'OWNER@60flower.kr ', password: 'wreaths for every occasion' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/my/listings');
    const account = await agent.get('/account').expect(200);
    expect(account.text).toContain('owner@60flower.kr');
    expect(account.text).toContain('로그아웃');
  });

  it('A5: sign-up with a registered address → the same answer, a warning mail, no second account', async () => {
    await createUser(t, { email: 'registered@60flower.kr' });
    const a = request.agent(t.app);
    const knownToken = csrfFrom((await a.get('/signup')).text);
    const known = await a
      .post('/signup')
      .type('form')
      .send({ _csrf: knownToken, email: 'registered@60flower.kr', password: 'another long password' });
    const b = request.agent(t.app);
    const unknownToken = csrfFrom((await b.get('/signup')).text);
    const unknown = await b
      .post('/signup')
      .type('form')
      .send({ _csrf: unknownToken, email: 'new@shop.kr', password: 'another long password' });
    expect(known.status).toBe(unknown.status);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect(Number((await t.db('users').where({ email: 'registered@60flower.kr' }).count({ n: '*' }).first())?.n)).toBe(1);
    expect(readOutbox(t).filter((m) => m.to.includes('registered@60flower.kr')).pop()?.subject).toContain('가입 요청');
  });

  it('A5: login with an unknown address and with a wrong password → the same status and page', async () => {
    await createUser(t, { email: 'known@shop.kr' });
    const a = request.agent(t.app);
    const wrongToken = csrfFrom((await a.get('/login')).text);
    const wrong = await a
      .post('/login')
      .type('form')
      .send({ _csrf: wrongToken, email: 'known@shop.kr', password: 'not the password at all' });
    const b = request.agent(t.app);
    const unknownToken = csrfFrom((await b.get('/login')).text);
    const unknown = await b
      .post('/login')
      .type('form')
      .send({ _csrf: unknownToken, email: 'nobody@shop.kr', password: 'not the password at all' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(stripToken(wrong.text).replace('known@shop.kr', 'X')).toBe(stripToken(unknown.text).replace('nobody@shop.kr', 'X'));
    expect(wrong.text).toContain('이메일 또는 비밀번호가 올바르지 않습니다');
  });

  it('A6: 7 characters and a common password refused with a message, the form refilled; 64 and 128 accepted, not truncated', async () => {
    const a = request.agent(t.app);
    const tok = csrfFrom((await a.get('/signup')).text);
    const short = await a.post('/signup').type('form').send({ _csrf: tok, email: 'a6@shop.kr', password: 'abc1234' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('8자 이상');
    expect(short.text).toContain('value="a6@shop.kr"');
    expect(short.text).not.toContain('abc1234');
    const common = await a.post('/signup').type('form').send({ _csrf: tok, email: 'a6@shop.kr', password: 'qwer1234' });
    expect(common.status).toBe(422);
    expect(common.text).toContain('너무 흔한 비밀번호');
    expect(await t.db('users').where({ email: 'a6@shop.kr' }).first()).toBeUndefined();
    for (const len of [64, 128]) {
      const pw = 'x'.repeat(len - 3) + len;
      const u = await createUser(t, { email: `len${len}@shop.kr`, password: pw });
      await loginAgent(t, u.email, pw);
    }
    const long = 'y'.repeat(99) + 'A';
    await createUser(t, { email: 'long@shop.kr', password: long });
    await expect(loginAgent(t, 'long@shop.kr', 'y'.repeat(99) + 'B')).rejects.toThrow(/login failed/);
  });

  it('S2 + S3: the session id changes at login; after logout the old cookie is anonymous and its row is gone', async () => {
    const u = await createUser(t);
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    // A pre-login session exists once something was stored; force one through a failed login attempt.
    const login = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email: u.email, password: u.password });
    const cookie = String(login.headers['set-cookie']?.find((c: string) => c.startsWith('golmok.sid=')) ?? '');
    const sid = decodeURIComponent(cookie.split(';')[0].split('=')[1]).slice(2).split('.')[0];
    expect(await t.db('sessions').where({ sid }).first()).toBeDefined();
    const acc = await agent.get('/account/password');
    await agent.post('/logout').type('form').send({ _csrf: csrfFrom(acc.text) }).expect(303);
    expect(await t.db('sessions').where({ sid }).first()).toBeUndefined();
    const replay = await request(t.app).get('/account').set('Cookie', cookie.split(';')[0]);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it('F3: GET /logout → 404 and the session stays', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    await agent.get('/logout').expect(404);
    await agent.get('/account').expect(200);
  });

  it('S4: idle past the limit (expired row) and active past the absolute limit → logged out', async () => {
    const u = await createUser(t);
    const idle = await loginAgent(t, u.email);
    await t.db('sessions').update({ expired: new Date(Date.now() - 60_000).toISOString() });
    expect((await idle.get('/account')).status).toBe(303);
    const active = await loginAgent(t, u.email);
    await active.get('/account').expect(200);
    t.clock.advance(15 * 86400_000);
    expect((await active.get('/account')).status).toBe(303);
    t.clock.set('2026-11-24T02:00:00Z');
  });

  it('S5: a user disabled while logged in on two browsers → the next request on either is refused', async () => {
    const u = await createUser(t);
    const one = await loginAgent(t, u.email);
    const two = await loginAgent(t, u.email);
    await t.db('users').where({ id: u.id }).update({ is_disabled: true });
    expect((await one.get('/account')).status).toBe(303);
    expect((await two.get('/account')).status).toBe(303);
  });
});
