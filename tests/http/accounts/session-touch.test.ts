import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, loginAgent } from '../../helpers/auth.js';

const IDLE_MS = 24 * 60 * 60_000; // SESSION_IDLE_MINUTES' default
const STEP_MS = IDLE_MS * 0.05; // SESSION_TOUCH_PERCENT's default

describe.each(engines())('a signed-in request and the stored session expiry on %s', (engine) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof loginAgent>>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const user = await createUser(t);
    agent = await loginAgent(t, user.email, user.password);
  });
  afterAll(async () => t.close());

  // The session table keeps its expiry as the store wrote it: ISO text on SQLite, timestamptz on PostgreSQL.
  const setStoredExpiry = (at: number) => t.db('sessions').update({ expired: engine === 'pg' ? new Date(at) : new Date(at).toISOString() });
  const storedExpiry = async () => new Date((await t.db('sessions').first('expired')).expired).getTime();

  it('a request a minute after the last write → 200, the row is not written (its expiry stays where it was)', async () => {
    const minuteAgo = Date.now() + IDLE_MS - 60_000;
    await setStoredExpiry(minuteAgo);
    await agent.get('/account').expect(200);
    expect(await storedExpiry()).toBe(minuteAgo);
  });

  it('a request once the stored expiry lags by more than the step → the expiry moves to a full idle time from now', async () => {
    await setStoredExpiry(Date.now() + IDLE_MS - 2 * STEP_MS);
    const before = Date.now();
    const res = await agent.get('/account').expect(200);
    expect(await storedExpiry()).toBeGreaterThanOrEqual(before + IDLE_MS);
    // The cookie rolls on every response as before.
    expect(res.headers['set-cookie']?.join()).toMatch(/golmok\.sid=/);
  });

  it('a stored expiry in the past → the session is over: the account page sends to login, and stays so', async () => {
    await setStoredExpiry(Date.now() - 1000);
    const res = await agent.get('/account').expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
    await agent.get('/account').expect(303);
  });
});
