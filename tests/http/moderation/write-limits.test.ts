/** Rate limits on sign-up and on the listing form (per IP and per account, from config): 429 with a Korean message, nothing more stored. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';

describe.each(engines())('write limits on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { SIGNUP_LIMIT_PER_HOUR: '4', SUBMISSION_LIMIT_PER_HOUR: '2' } });
  });
  afterAll(async () => t.close());

  it('the same e-mail signing up again and again → 429 after 3; other addresses from the IP → 429 after 4', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/signup')).text);
    const send = (email: string) => agent.post('/signup').type('form').send({ _csrf: token, email, password: 'a fine long password 42' });
    const same = [];
    for (let i = 0; i < 4; i += 1) same.push((await send('again@example.kr')).status);
    expect(same).toEqual([303, 303, 303, 429]);
    const blocked = await send('fresh@example.kr');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toMatch(/요청이 너무 많|잠시 후/);
    expect(await t.db('users').where({ email: 'fresh@example.kr' }).first()).toBeUndefined();
  });

  it('the listing form: the third save within the hour → 429, no third listing', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    const token = csrfFrom((await agent.get('/submissions/new')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (
          await agent
            .post(`/submissions/new?_csrf=${token}`)
            .field('_csrf', token)
            .field('kind', 'business')
            .field('name', `한도 ${i}`)
            .field('action', 'draft')
        ).status,
      );
    expect(statuses).toEqual([303, 303, 429]);
    expect(Number((await t.db('listings').where({ owner_id: u.id }).count({ n: '*' }).first())?.n)).toBe(2);
  });
});
