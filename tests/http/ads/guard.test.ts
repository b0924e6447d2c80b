/** Every route of the /desk/ads and /admin/ads routers, found by walking the mounted routers, refuses visitors and advertisers. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';

interface Layer {
  slash?: boolean;
  match(path: string): boolean;
  handle: { stack?: Layer[] };
  route?: { path: string; methods: Record<string, boolean> };
}

function adRoutes(t: TestApp): Array<[string, string]> {
  const stack = (t.app as unknown as { router: { stack: Layer[] } }).router.stack;
  const out: Array<[string, string]> = [];
  for (const layer of stack) {
    if (!layer.handle.stack || layer.slash) continue;
    const prefix =
      layer.match('/desk/ads/x') && !layer.match('/desk/x')
        ? '/desk/ads'
        : layer.match('/admin/ads/x') && !layer.match('/admin/x')
          ? '/admin/ads'
          : null;
    if (!prefix) continue;
    for (const r of layer.handle.stack) {
      if (!r.route) continue;
      for (const m of Object.keys(r.route.methods))
        out.push([m, `${prefix}${r.route.path === '/' ? '' : r.route.path.replace(/:id/g, '1').replace(/:date/g, '2026-11-26')}`]);
    }
  }
  return out;
}

describe.each(engines())('ad desk and rate card guards on %s', (engine) => {
  let t: TestApp;
  let routes: Array<[string, string]>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    routes = adRoutes(t);
  });
  afterAll(async () => t.close());

  it('finds the routes of both routers', () => {
    expect(routes.filter(([, p]) => p.startsWith('/desk/ads')).length).toBeGreaterThanOrEqual(15);
    expect(routes.filter(([, p]) => p.startsWith('/admin/ads')).length).toBe(3);
  });

  it('a visitor is sent to log in and an advertiser gets 403 on every route; nothing changes', async () => {
    const before = await t.db('ad_products').select('id', 'updated_at').orderBy('id');
    const visitor = request.agent(t.app);
    const advertiser = await loginAgent(t, (await createUser(t)).email);
    for (const [method, path] of routes) {
      const token = csrfFrom((await visitor.get('/login')).text);
      const res = method === 'get' ? await visitor.get(path) : await visitor.post(path).type('form').send({ _csrf: token });
      expect([res.status, res.headers.location], `${method} ${path}`).toEqual([303, `/login?next=${encodeURIComponent(path)}`]);
      const own = csrfFrom((await advertiser.get('/ads/orders/new')).text);
      const adv =
        method === 'get'
          ? await advertiser.get(path)
          : await advertiser.post(path).type('form').send({ _csrf: own, code: 'x', day: '2026-12-01' });
      expect(adv.status, `${method} ${path}`).toBe(403);
    }
    expect(await t.db('ad_products').select('id', 'updated_at').orderBy('id')).toEqual(before);
    expect(Number((await t.db('ad_closed_days').count({ n: '*' }).first())!.n)).toBe(0);
  });
});
