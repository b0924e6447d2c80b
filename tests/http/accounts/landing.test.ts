/** After sign-in each role lands where its work is; a safe next= still wins, an unsafe one falls back to the landing. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, PASSWORD } from '../../helpers/auth.js';
import { createStaff, totpCode } from '../../helpers/staff.js';
import { submitListing } from '../../helpers/drafts.js';
import type { Role } from '../../../src/core/viewer.js';

describe.each(engines())('landing after sign-in on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  async function signIn(email: string, next?: string) {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/login')).text);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, email, password: PASSWORD, ...(next === undefined ? {} : { next }) });
    expect(res.status).toBe(303);
    return { agent, location: String(res.headers.location) };
  }

  it('an advertiser lands on 내 광고 with 광고 등록', async () => {
    const u = await createUser(t, { email: 'shop@example.kr' });
    const { agent, location } = await signIn(u.email);
    expect(location).toBe('/my/listings');
    const page = await agent.get(location).expect(200);
    expect(page.text).toContain('<h1>내 광고</h1>');
    expect(page.text).toMatch(/<a class="button" href="\/submissions\/new">광고 등록<\/a>/);
  });

  it('a moderator lands on the review queue (past the second factor) with its counts', async () => {
    const owner = await createUser(t);
    await submitListing(t, owner.id, { name: '대기 중인 가게' });
    const mod = await createStaff(t, 'moderator', 'queue@example.kr');
    const { agent, location } = await signIn(mod.email);
    expect(location).toBe('/mod');
    const gate = await agent.get(location);
    expect(gate.headers.location).toBe('/account/2fa?next=%2Fmod');
    t.clock.advance(30_000);
    const verify = await agent
      .post('/account/2fa/verify')
      .type('form')
      .send({
        _csrf: csrfFrom((await agent.get('/account/2fa?next=%2Fmod')).text),
        code: totpCode(mod.secret, t.clock.now()),
        next: '/mod',
      });
    expect(verify.headers.location).toBe('/mod');
    const queue = await agent.get('/mod').expect(200);
    expect(queue.text).toContain('검토 대기: 새 광고 1건');
    expect(queue.text).toContain('대기 중인 가게');
  });

  it.each([['desk', '/desk'], ['admin', '/mod']] as Array<[Role, string]>)('a %s lands on %s', async (role, where) => {
    const u = await createUser(t, { role });
    expect((await signIn(u.email)).location).toBe(where);
  });

  it('a safe next= still wins; an unsafe one falls back to the role\'s landing (I6)', async () => {
    const desk = await createUser(t, { role: 'desk' });
    expect((await signIn(desk.email, '/listings?q=%EA%BD%83')).location).toBe('/listings?q=%EA%BD%83');
    expect((await signIn(desk.email, 'https://evil.example/desk')).location).toBe('/desk');
    expect((await signIn(desk.email, '//evil.example')).location).toBe('/desk');
  });
});
