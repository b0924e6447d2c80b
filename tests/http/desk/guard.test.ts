/**
 * C3/F1 for the ad desk: every route of the /desk router, found by walking it, refuses visitors, advertisers and moderators, and every POST
 * without a token.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

interface Layer { match(path: string): boolean; handle: { stack?: Layer[] }; route?: { path: string; methods: Record<string, boolean> } }

function deskRoutes(t: TestApp): Array<[string, string]> {
  const stack = (t.app as unknown as { router: { stack: Layer[] } }).router.stack;
  const out: Array<[string, string]> = [];
  for (const layer of stack) {
    if (!layer.handle.stack || !layer.match('/desk/x')) continue;
    for (const r of layer.handle.stack)
      if (r.route)
        for (const m of Object.keys(r.route.methods))
          out.push([m, `/desk${r.route.path === '/' ? '' : r.route.path.replace(/:id/g, '1')}`]);
  }
  return out;
}

describe.each(engines())('desk guard on %s', (engine) => {
  let t: TestApp;
  let routes: Array<[string, string]>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    routes = deskRoutes(t);
  });
  afterAll(async () => t.close());

  const call = async (agent: ReturnType<typeof request.agent>, method: string, path: string, token = true) => {
    const body = token ? { _csrf: csrfFrom((await agent.get('/login')).text) } : {};
    return method === 'get' ? agent.get(path) : agent.post(path).type('form').send(body);
  };

  it('finds the desk routes', () => expect(routes.length).toBeGreaterThanOrEqual(10));

  it('visitor → login; advertiser and moderator → 403 on every route', async () => {
    const visitor = request.agent(t.app);
    for (const [m, p] of routes)
      expect((await call(visitor, m, p)).headers.location, `${m} ${p}`).toBe(`/login?next=${encodeURIComponent(p)}`);
    const adv = await loginAgent(t, (await createUser(t)).email);
    const mod = await staffAgent(t, await createStaff(t, 'moderator'));
    for (const [m, p] of routes) {
      expect((await call(adv, m, p)).status, `${m} ${p}`).toBe(403);
      expect((await call(mod, m, p)).status, `${m} ${p}`).toBe(403);
    }
  });

  it('a verified desk user: every POST without a token → 403 and nothing changes', async () => {
    const desk = await staffAgent(t, await createStaff(t, 'desk'));
    for (const [m, p] of routes.filter((r) => r[0] === 'post')) expect((await call(desk, m, p, false)).status, p).toBe(403);
    expect(Number((await t.db('desk_drafts').count({ n: '*' }).first())?.n)).toBe(0);
  });
});
