import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, csrfFrom, linkFromMail, loginAgent, PASSWORD, readOutbox } from '../../helpers/auth.js';

let t: TestApp;
afterEach(async () => t?.close());

async function tryLogin(app: TestApp['app'], email: string, password: string, path = '/login', headers: Record<string, string> = {}) {
  const agent = request.agent(app);
  const token = csrfFrom((await agent.get('/login')).text);
  const req = agent.post(path).type('form');
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send({ _csrf: token, email, password });
}

describe('login rate limits', () => {
  it('A1: 5 wrong passwords, then the right one → 429 with Retry-After; the right password is refused while blocked', async () => {
    t = await createTestApp();
    const u = await createUser(t);
    for (let i = 0; i < 5; i++) expect((await tryLogin(t.app, u.email, `wrong password ${i}`)).status).toBe(422);
    const blocked = await tryLogin(t.app, u.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.text).toContain('요청이 너무 많습니다');
    expect(blocked.headers['set-cookie']?.some((c: string) => c.startsWith('golmok.sid='))).not.toBe(true);
  });

  it('A2 + A4: one IP trying 30 addresses, each with a new X-Forwarded-For → the per-IP limit trips', async () => {
    t = await createTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (await tryLogin(t.app, `guess${i}@shop.kr`, 'some password here', '/login', { 'X-Forwarded-For': `10.0.${i}.1` })).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(20)).toContain(429);
  });

  it('A3: /login/, /LOGIN and /login?x=1 count against the same limit; //login is 404', async () => {
    t = await createTestApp();
    const u = await createUser(t);
    const paths = ['/login/', '/LOGIN', '/login?x=1', '/login/', '/LOGIN'];
    for (const p of paths) expect((await tryLogin(t.app, u.email, 'wrong password here', p)).status).toBe(422);
    expect((await tryLogin(t.app, u.email, PASSWORD, '/login?x=2')).status).toBe(429);
    expect((await tryLogin(t.app, u.email, PASSWORD, '//login')).status).toBe(404);
  });
});

describe('password reset links (A7)', () => {
  it('used once → works; used twice → refused; expired → refused; only its own user changes', async () => {
    t = await createTestApp();
    const a = await createUser(t, { email: 'a@shop.kr' });
    const b = await createUser(t, { email: 'b@shop.kr' });
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/password-reset')).text);
    await agent.post('/password-reset').type('form').send({ _csrf: token, email: 'a@shop.kr' }).expect(200);
    const unknownPage = await agent.post('/password-reset').type('form').send({ _csrf: token, email: 'nobody@shop.kr' }).expect(200);
    expect(unknownPage.text).toContain('등록된 주소라면');
    expect(readOutbox(t).filter((m) => m.to.includes('nobody'))).toEqual([]);
    const link = linkFromMail(t, 'a@shop.kr');
    expect(link).toMatch(/^\/password-reset\/[A-Za-z0-9_-]{43}$/); // 256-bit token
    const form = await agent.get(link).expect(200);
    await agent.post(link).type('form').send({ _csrf: csrfFrom(form.text), password: 'a brand new password' }).expect(303);
    await agent.post(link).type('form').send({ _csrf: csrfFrom(form.text), password: 'another new password' }).expect(410);
    await loginAgent(t, a.email, 'a brand new password');
    await loginAgent(t, b.email, PASSWORD);
    const stored = await t.db('password_resets').first();
    expect(stored.token_hash).toHaveLength(64);
    expect(link).not.toContain(stored.token_hash);

    await agent.post('/password-reset').type('form').send({ _csrf: token, email: 'b@shop.kr' }).expect(200);
    const late = linkFromMail(t, 'b@shop.kr');
    t.clock.advance(61 * 60_000);
    await agent.get(late).expect(410);
    t.clock.set('2026-11-24T02:00:00Z');
  });
});

describe('CSRF (F1, F2, F5)', () => {
  it('F1: a state change with a valid session but no token, or another session’s token → 403; nothing changes', async () => {
    t = await createTestApp();
    const u = await createUser(t);
    const other = await createUser(t);
    const agent = await loginAgent(t, u.email);
    const otherAgent = await loginAgent(t, other.email);
    const before = (await t.db('users').where({ id: u.id }).first()).password_hash;
    const body = { currentPassword: PASSWORD, newPassword: 'a completely new password' };
    expect((await agent.post('/account/password').type('form').send(body)).status).toBe(403);
    const foreign = csrfFrom((await otherAgent.get('/account/password')).text);
    expect((await agent.post('/account/password').type('form').send({ ...body, _csrf: foreign })).status).toBe(403);
    expect((await t.db('users').where({ id: u.id }).first()).password_hash).toBe(before);
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    await agent.get('/account').expect(200);
  });

  it('F2 + F5: a valid token but Origin https://evil.example → 403 (login and password change)', async () => {
    t = await createTestApp();
    const u = await createUser(t);
    expect((await tryLogin(t.app, u.email, PASSWORD, '/login', { Origin: 'https://evil.example' })).status).toBe(403);
    const agent = await loginAgent(t, u.email);
    const token = csrfFrom((await agent.get('/account/password')).text);
    const res = await agent
      .post('/account/password')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: token, currentPassword: PASSWORD, newPassword: 'a completely new password' });
    expect(res.status).toBe(403);
    await loginAgent(t, u.email, PASSWORD);
  });
});

describe('redirects and odd input', () => {
  it.each(['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/account\r\nSet-Cookie: x=1'])(
    'I6/I8: next=%j → redirect to a local path only',
    async (next) => {
      t = await createTestApp();
      const u = await createUser(t);
      const agent = request.agent(t.app);
      const token = csrfFrom((await agent.get('/login')).text);
      const res = await agent.post('/login').type('form').send({ _csrf: token, email: u.email, password: PASSWORD, next });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/my/listings');
      expect(res.headers['set-cookie']?.some((c: string) => c.startsWith('x='))).not.toBe(true);
    },
  );

  it('a local next= is honoured', async () => {
    t = await createTestApp();
    const u = await createUser(t);
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/login?next=/search%3Fq%3D꽃')).text);
    const res = await agent.post('/login').type('form').send({ _csrf: token, email: u.email, password: PASSWORD, next: '/search?q=꽃' });
    expect(res.headers.location).toBe('/search?q=%EA%BD%83');
  });

  it('I4: __proto__ and constructor.prototype in form and JSON → no 500, no effect on later requests', async () => {
    t = await createTestApp();
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/login')).text);
    const form = await agent
      .post('/login')
      .type('form')
      .send(`_csrf=${token}&email=a%40b.kr&password=xxxxxxxxx&__proto__%5Bpolluted%5D=1&constructor%5Bprototype%5D%5Bpolluted%5D=1`);
    expect(form.status).toBe(422);
    const json = await agent
      .post('/login')
      .set('x-csrf-token', token)
      .send(JSON.parse('{"email":"a@b.kr","password":"xxxxxxxxx","__proto__":{"polluted":1}}'));
    expect(json.status).toBe(422);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await request(t.app).get('/').expect(200);
  });

  it('I7: EJS option injection in query and form → the page renders normally', async () => {
    t = await createTestApp();
    const res = await request(t.app)
      .get('/login?settings[view options][outputFunctionName]=x;process.exit(1);s&settings[view options][client]=1')
      .expect(200);
    expect(res.text).toContain('<h1>로그인</h1>');
  });
});

describe('session cookie in production (S1)', () => {
  it('after login: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, __Host- prefix', async () => {
    t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://golmok.test',
        SESSION_SECRET: 'production-test-secret-0123456789',
        TOTP_ENCRYPTION_KEYS: 'k1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
        TRUST_PROXY: '1',
      },
    });
    const u = await createUser(t);
    // Secure cookies are not replayed over the test's plain HTTP by a cookie jar: carry the CSRF cookie by hand.
    const page = await request(t.app).get('/login').set('X-Forwarded-Proto', 'https');
    const csrfCookie = String(page.headers['set-cookie']?.find((c: string) => c.startsWith('__Host-golmok.csrf=')) ?? '').split(';')[0];
    expect(csrfCookie).not.toBe('');
    const res = await request(t.app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', csrfCookie)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: u.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers['set-cookie']?.find((c: string) => c.startsWith('__Host-golmok.sid=')) ?? '';
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
