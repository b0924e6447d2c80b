/** A9: the TOTP second factor — enrolment with a QR code, single-use codes, 20 wrong codes → 429. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, totpCode } from '../../helpers/staff.js';

describe.each(engines())('second factor on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('a new moderator must enrol: QR code and key shown, a wrong code refused, the right one shows 10 recovery codes once and opens /mod', async () => {
    const u = await createUser(t, { role: 'moderator' });
    const agent = await loginAgent(t, u.email);
    await agent.get('/mod').expect(303).expect('location', '/account/2fa?next=%2Fmod');
    const page = await agent.get('/account/2fa').expect(200);
    expect(page.text).toContain('<svg');
    const secret = page.text.match(/<code>([A-Z2-7]{32})<\/code>/)?.[1];
    expect(secret).toBeTruthy();
    const token = csrfFrom(page.text);
    const wrong = await agent.post('/account/2fa/enrol').type('form').send({ _csrf: token, code: '000000' }).expect(422);
    expect(wrong.text).toContain('인증 번호가 맞지 않거나');
    expect((await t.db('users').where({ id: u.id }).first('totp_enabled_at')).totp_enabled_at).toBeNull();
    const codes = await agent
      .post('/account/2fa/enrol')
      .type('form')
      .send({ _csrf: token, code: totpCode(secret!, t.clock.now()), next: '/mod' })
      .expect(200);
    expect(codes.text.match(/<code>[a-z2-9]{5}-[a-z2-9]{5}<\/code>/g)).toHaveLength(10);
    expect(codes.text).toContain('href="/mod"');
    await agent.get('/mod').expect(200);
    expect((await t.db('users').where({ id: u.id }).first('totp_enabled_at')).totp_enabled_at).not.toBeNull();
  });

  it('a code is single-use: the same code in a second session is refused', async () => {
    const mod = await createStaff(t);
    t.clock.advance(30_000);
    const code = totpCode(mod.secret, t.clock.now());
    const first = await loginAgent(t, mod.email);
    await first
      .post('/account/2fa/verify')
      .type('form')
      .send({ _csrf: csrfFrom((await first.get('/account/2fa')).text), code })
      .expect(303);
    const second = await loginAgent(t, mod.email);
    await second
      .post('/account/2fa/verify')
      .type('form')
      .send({ _csrf: csrfFrom((await second.get('/account/2fa')).text), code })
      .expect(422);
    await second.get('/mod').expect(303);
  });

  it('20 wrong codes → 429 with a Korean message, and then even the right code is refused', async () => {
    const mod = await createStaff(t);
    const agent = await loginAgent(t, mod.email);
    const token = csrfFrom((await agent.get('/account/2fa')).text);
    for (let i = 0; i < 20; i += 1)
      await agent
        .post('/account/2fa/verify')
        .type('form')
        .send({ _csrf: token, code: String(100000 + i) })
        .expect(422);
    t.clock.advance(30_000);
    const blocked = await agent
      .post('/account/2fa/verify')
      .type('form')
      .send({ _csrf: token, code: totpCode(mod.secret, t.clock.now()) })
      .expect(429);
    expect(blocked.headers['retry-after']).toBeTruthy();
    expect(blocked.text).toMatch(/요청이 너무 많|잠시 후/);
    await agent.get('/mod').expect(303);
  });
});
