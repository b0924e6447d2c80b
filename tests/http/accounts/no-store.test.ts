/** Every response to a signed-in user carries Cache-Control: no-store (set once, after the session is loaded). */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

describe.each(engines())('Cache-Control for signed-in users on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  const advertiserPages = [
    '/account',
    '/account/password',
    '/my/listings',
    '/my/reports',
    '/submissions/new',
    '/',
    '/search?q=꽃',
    '/no-such-page',
  ];

  it('an advertiser: own pages, public pages, a 404 and a 403 all carry no-store', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    for (const path of [...advertiserPages, '/mod', '/admin/users']) {
      const res = await agent.get(path);
      expect([200, 403, 404], path).toContain(res.status);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('a moderator and an admin: the 2FA prompt, the queue, reports, audit and admin pages carry no-store', async () => {
    const mod = await createStaff(t, 'moderator');
    const pending = await loginAgent(t, mod.email);
    const prompt = await pending.get('/account/2fa').expect(200);
    expect(prompt.headers['cache-control']).toBe('no-store');
    const redirect = await pending.get('/mod').expect(303);
    expect(redirect.headers['cache-control']).toBe('no-store');

    const modAgent = await staffAgent(t, mod);
    for (const path of ['/mod', '/mod/reports', '/mod/audit', '/account']) {
      const res = await modAgent.get(path).expect(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    const admin = await staffAgent(t, await createStaff(t, 'admin'));
    for (const path of ['/admin/users', '/admin/categories', '/admin/banned']) {
      const res = await admin.get(path).expect(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('a visitor is not forced to no-store on public pages (only signed-in responses are)', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.headers['cache-control'] ?? '').not.toContain('no-store');
  });
});
