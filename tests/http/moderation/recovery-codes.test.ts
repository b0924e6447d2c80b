/**
 * A9 with recovery codes and TOTP secrets at rest: enrolment stores only a sealed secret and hashed codes; a recovery
 * code opens the staff pages once, in place of a TOTP code; codes are made anew from /account/2fa; a secret sealed
 * under a key the server does not have fails closed (the recovery code still works).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { totpCode } from '../../helpers/staff.js';

type Agent = ReturnType<typeof request.agent>;
const CODE = /<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g;
const codesIn = (html: string) => [...html.matchAll(CODE)].map((m) => m[1]);

/** Page-level steps against the app a describe block owns. */
function helpers(app: () => TestApp) {
  /** A moderator enrolled through the pages: the secret shown, the recovery codes shown. */
  async function enrol(a: TestApp = app()) {
    const u = await createUser(a, { role: 'moderator' });
    const agent = await loginAgent(a, u.email);
    const page = await agent.get('/account/2fa').expect(200);
    const secret = page.text.match(/<code>([A-Z2-7]{32})<\/code>/)![1];
    a.clock.advance(30_000);
    const shown = await agent
      .post('/account/2fa/enrol')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret, a.clock.now()), next: '/mod/audit' })
      .expect(200);
    return { ...u, agent, secret, codes: codesIn(shown.text), shown };
  }
  async function recover(agent: Agent, code: string, status: number) {
    const token = csrfFrom((await agent.get('/account/2fa')).text);
    return agent.post('/account/2fa/recovery').type('form').send({ _csrf: token, recoveryCode: code, next: '/mod/reports' }).expect(status);
  }
  return { enrol, recover };
}

describe.each(engines())('recovery codes and sealed TOTP secrets on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  const { enrol, recover } = helpers(() => t);
  const unused = async (userId: number) =>
    Number((await t.db('recovery_codes').where({ user_id: userId }).whereNull('used_at').count({ n: '*' }).first())?.n);

  it('enrolment: 10 distinct codes shown once (Korean), stored only as hashes; the column holds a sealed value, never the base32 secret', async () => {
    const m = await enrol();
    expect(m.codes).toHaveLength(10);
    expect(new Set(m.codes).size).toBe(10);
    expect(m.shown.text).toContain('한 번만 보여 드립니다');
    expect(m.shown.headers['cache-control']).toBe('no-store');
    const rows = await t.db('recovery_codes').where({ user_id: m.id });
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      expect(r.code_hash).toMatch(/^scrypt\$/);
      for (const c of m.codes) expect(r.code_hash).not.toContain(c.replace('-', ''));
    }
    const stored = String((await t.db('users').where({ id: m.id }).first('totp_secret')).totp_secret);
    expect(stored).toMatch(/^gcm1:dev:/);
    expect(stored).not.toContain(m.secret);
    expect(stored.length).toBeLessThanOrEqual(128);
    // Shown once: the prompt of a later session offers no codes and no secret.
    const later = await loginAgent(t, m.email);
    const prompt = await later.get('/account/2fa').expect(200);
    expect(codesIn(prompt.text)).toEqual([]);
    expect(prompt.text).not.toContain(m.secret);
    expect(prompt.text).toContain('복구 코드');
  });

  it('a recovery code opens the staff pages in place of a TOTP code, once (typed in upper case with spaces too)', async () => {
    const m = await enrol();
    const fresh = await loginAgent(t, m.email);
    await fresh.get('/mod').expect(303);
    const typed = ` ${m.codes[3].toUpperCase().replace('-', ' ')} `;
    const ok = await recover(fresh, typed, 303);
    expect(ok.headers.location).toBe('/account/2fa?done=recovery_used&next=%2Fmod%2Freports');
    const manage = await fresh.get(ok.headers.location).expect(200);
    expect(manage.text).toContain('복구 코드로 확인했습니다');
    expect(manage.text).toContain('남은 복구 코드: 9개');
    await fresh.get('/mod').expect(200);
    expect(await unused(m.id)).toBe(9);
    // The same code in another session is refused; nothing changes.
    const other = await loginAgent(t, m.email);
    const again = await recover(other, m.codes[3], 422);
    expect(again.text).toContain('복구 코드가 맞지 않거나 이미 사용한 코드입니다');
    await other.get('/mod').expect(303);
    expect(await unused(m.id)).toBe(9);
  });

  it('a wrong, malformed or other user\'s recovery code is refused, and they count toward the 20-try limit', async () => {
    const a = await enrol();
    const b = await enrol();
    const agent = await loginAgent(t, a.email);
    await recover(agent, b.codes[0], 422);
    await recover(agent, 'aaaaa-aaaaa', 422);
    await recover(agent, '<script>alert(1)</script>', 422);
    await recover(agent, '1'.repeat(500), 422);
    expect(await unused(a.id)).toBe(10);
    expect(await unused(b.id)).toBe(10);
    const token = csrfFrom((await agent.get('/account/2fa')).text);
    for (let i = 0; i < 16; i += 1)
      await agent
        .post('/account/2fa/recovery')
        .type('form')
        .send({ _csrf: token, recoveryCode: `bbbbb-bbbb${'abcdefghjkmnpqrs'[i]}` })
        .expect(422);
    await agent.post('/account/2fa/recovery').type('form').send({ _csrf: token, recoveryCode: a.codes[0] }).expect(429);
    expect(await unused(a.id)).toBe(10);
  });

  it('an advertiser has no recovery route; a visitor is sent to log in; a missing CSRF token changes nothing', async () => {
    const adv = await loginAgent(t, (await createUser(t)).email);
    const token = csrfFrom((await adv.get('/account/password')).text);
    await adv.post('/account/2fa/recovery').type('form').send({ _csrf: token, recoveryCode: 'aaaaa-aaaaa' }).expect(403);
    await adv.post('/account/2fa/recovery-codes').type('form').send({ _csrf: token }).expect(403);
    await request(t.app).get('/account/2fa').expect(303);
    const m = await enrol();
    await m.agent.post('/account/2fa/recovery-codes').type('form').send({}).expect(403);
    expect(await unused(m.id)).toBe(10);
  });

  it('making new codes from /account/2fa needs the second factor in this session, shows 10 new ones, and the old ones stop working', async () => {
    const m = await enrol();
    const manage = await m.agent.get('/account/2fa').expect(200);
    expect(manage.text).toContain('남은 복구 코드: 10개');
    const fresh = await loginAgent(t, m.email);
    const token = csrfFrom((await fresh.get('/account/2fa')).text);
    await fresh
      .post('/account/2fa/recovery-codes')
      .type('form')
      .send({ _csrf: token })
      .expect(303)
      .expect('location', /^\/account\/2fa\?next=/);
    const made = await m.agent
      .post('/account/2fa/recovery-codes')
      .type('form')
      .send({ _csrf: csrfFrom(manage.text) })
      .expect(200);
    const newCodes = codesIn(made.text);
    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((c) => m.codes.includes(c))).toEqual([]);
    await recover(await loginAgent(t, m.email), m.codes[0], 422);
    await recover(await loginAgent(t, m.email), newCodes[0], 303);
    expect(await unused(m.id)).toBe(9);
  });

});

// A second app: the login page allows 20 tries per IP and 15 minutes, and every test here logs in.
describe.each(engines())('recovery codes: redirects, CSRF, language and keys on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());
  const { enrol, recover } = helpers(() => t);

  it('I6/I8: next= pointing off-site or carrying CR/LF never leaves the site, on the codes page or after a recovery code', async () => {
    const u = await createUser(t, { role: 'moderator' });
    const agent = await loginAgent(t, u.email);
    const page = await agent.get('/account/2fa').expect(200);
    const secret = page.text.match(/<code>([A-Z2-7]{32})<\/code>/)![1];
    t.clock.advance(30_000);
    const shown = await agent
      .post('/account/2fa/enrol')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret, t.clock.now()), next: '//evil.example/x' })
      .expect(200);
    expect(shown.text).toContain('href="/mod"');
    expect(shown.text).not.toContain('evil.example');
    const codes = codesIn(shown.text);
    for (const [i, next] of ['https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/mod\r\nSet-Cookie: x=1'].entries()) {
      const fresh = await loginAgent(t, u.email);
      const token = csrfFrom((await fresh.get('/account/2fa')).text);
      const res = await fresh.post('/account/2fa/recovery').type('form').send({ _csrf: token, recoveryCode: codes[i], next }).expect(303);
      expect(res.headers.location).toBe('/account/2fa?done=recovery_used&next=%2Fmod');
      expect(res.headers['set-cookie']?.some((c: string) => c.startsWith('x=')) ?? false).toBe(false);
    }
  });

  it('F1: making new codes with another session\'s CSRF token → 403, the codes stay as they were', async () => {
    const a = await enrol();
    const b = await enrol();
    const foreign = csrfFrom((await b.agent.get('/account/2fa')).text);
    await a.agent.post('/account/2fa/recovery-codes').type('form').send({ _csrf: foreign }).expect(403);
    await a.agent
      .post('/account/2fa/recovery-codes')
      .type('form')
      .set('Origin', 'https://evil.example')
      .send({ _csrf: csrfFrom((await a.agent.get('/account/2fa')).text) })
      .expect(403);
    const hashes = async () =>
      (await t.db('recovery_codes').where({ user_id: a.id }).orderBy('id').select('code_hash')).map((r) => r.code_hash);
    const before = await hashes();
    expect(before).toHaveLength(10);
    await recover(await loginAgent(t, a.email), a.codes[1], 303);
    expect(await hashes()).toEqual(before);
  });

  it('an English page shows the codes in English', async () => {
    const u = await createUser(t, { role: 'admin' });
    const agent = await loginAgent(t, u.email);
    const page = await agent.get('/account/2fa?lang=en').expect(200);
    const secret = page.text.match(/<code>([A-Z2-7]{32})<\/code>/)![1];
    t.clock.advance(30_000);
    const shown = await agent
      .post('/account/2fa/enrol?lang=en')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret, t.clock.now()) })
      .expect(200);
    expect(shown.text).toContain('These 10 codes are shown only this once');
  });

  it('a wrong key fails closed: a server without the sealing key refuses every TOTP code (no 500), the recovery code still works', async () => {
    const m = await enrol();
    const other = await createTestApp({ engine, env: { TOTP_ENCRYPTION_KEYS: 'k9:CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=' } });
    try {
      await other.db('users').insert(await t.db('users').where({ id: m.id }).first());
      await other.db('recovery_codes').insert((await t.db('recovery_codes').where({ user_id: m.id })).map(({ id: _id, ...r }) => r));
      const agent = await loginAgent(other, m.email);
      const token = csrfFrom((await agent.get('/account/2fa').expect(200)).text);
      other.clock.set(t.clock.now());
      other.clock.advance(60_000);
      await agent
        .post('/account/2fa/verify')
        .type('form')
        .send({ _csrf: token, code: totpCode(m.secret, other.clock.now()) })
        .expect(422);
      await agent.get('/mod').expect(303);
      // The stored value is untouched (fail closed, nothing re-enrolled behind the user's back).
      expect((await other.db('users').where({ id: m.id }).first('totp_secret')).totp_secret).toBe(
        (await t.db('users').where({ id: m.id }).first('totp_secret')).totp_secret,
      );
      await agent.post('/account/2fa/recovery').type('form').send({ _csrf: token, recoveryCode: m.codes[9] }).expect(303);
      await agent.get('/mod').expect(200);
    } finally {
      await other.close();
    }
  });
});
