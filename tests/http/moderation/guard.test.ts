/** C3 / A9: every route of the /mod and /admin routers, found by walking the mounted routers, refuses who it must. */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

interface Layer {
  slash?: boolean;
  match(path: string): boolean;
  handle: { stack?: Layer[] };
  route?: { path: string; methods: Record<string, boolean> };
}

/** [method, path] of every route in the routers mounted under /mod and /admin (ids replaced by 1). */
function guardedRoutes(t: TestApp): Array<[string, string, string]> {
  const stack = (t.app as unknown as { router: { stack: Layer[] } }).router.stack;
  const out: Array<[string, string, string]> = [];
  for (const layer of stack) {
    if (!layer.handle.stack || layer.slash) continue;
    const prefix = layer.match('/mod/x') ? '/mod' : layer.match('/admin/x') ? '/admin' : null;
    if (!prefix) continue;
    for (const r of layer.handle.stack) {
      if (!r.route) continue;
      for (const m of Object.keys(r.route.methods))
        out.push([prefix, m, `${prefix}${r.route.path === '/' ? '' : r.route.path.replace(/:id/g, '1')}`]);
    }
  }
  return out;
}

describe.each(engines())('moderation and admin guards on %s', (engine) => {
  let t: TestApp;
  let routes: Array<[string, string, string]>;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    routes = guardedRoutes(t);
    // an ownership claim (id 1) with its private document, so /mod/claims/1/document has something to show
    const claimant = await createUser(t);
    fs.mkdirSync(path.join(t.config.uploadsDir, 'private-claims'), { recursive: true });
    fs.writeFileSync(path.join(t.config.uploadsDir, 'private-claims', `${'a'.repeat(32)}.pdf`), '%PDF-1.4\n%%EOF\n');
    await t
      .db('listing_claims')
      .insert({
        listing_id: 1,
        user_id: claimant.id,
        business_reg_no: '1234567891',
        document_key: `${'a'.repeat(32)}.pdf`,
        document_type: 'application/pdf',
        created_at: t.clock.now(),
      });
  });
  afterAll(async () => t.close());

  it('finds every route of both routers (a new route is covered automatically)', () => {
    expect(routes.filter((r) => r[0] === '/mod').length).toBeGreaterThanOrEqual(7);
    expect(routes.filter((r) => r[0] === '/admin').length).toBeGreaterThanOrEqual(10);
  });

  async function call(agent: ReturnType<typeof request.agent>, method: string, path: string) {
    const token = csrfFrom((await agent.get('/login')).text);
    return method === 'get' ? agent.get(path) : agent.post(path).type('form').send({ _csrf: token, action: 'approve' });
  }

  it('visitor → redirect to login on every route; nothing changes', async () => {
    const agent = request.agent(t.app);
    const before = await t.db('audit_log').count({ n: '*' }).first();
    for (const [, method, path] of routes) {
      const res = await call(agent, method, path);
      expect([res.status, res.headers.location], `${method} ${path}`).toEqual([303, `/login?next=${encodeURIComponent(path)}`]);
    }
    expect(await t.db('audit_log').count({ n: '*' }).first()).toEqual(before);
  });

  it('advertiser → 403 on every route', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    for (const [, method, path] of routes) expect((await call(agent, method, path)).status, `${method} ${path}`).toBe(403);
  });

  it('moderator without the second factor → sent to /account/2fa on /mod routes; admin routes 403 even after it', async () => {
    const mod = await createStaff(t, 'moderator');
    const agent = await loginAgent(t, mod.email);
    for (const [prefix, method, path] of routes.filter((r) => r[0] === '/mod')) {
      const res = await call(agent, method, path);
      expect([prefix, res.status, res.headers.location]).toEqual(['/mod', 303, `/account/2fa?next=${encodeURIComponent(path)}`]);
    }
    const verified = await staffAgent(t, mod);
    for (const [, method, path] of routes.filter((r) => r[0] === '/admin'))
      expect((await call(verified, method, path)).status, `${method} ${path}`).toBe(403);
  });

  it('admin past the second factor opens every page', async () => {
    const admin = await createStaff(t, 'admin');
    const agent = await staffAgent(t, admin);
    for (const [, , path] of routes.filter((r) => r[1] === 'get')) expect((await agent.get(path)).status, path).toBe(200);
  });

  it("F1/F2: as a verified admin, every POST without a token, with another session's token, or from another origin → 403; nothing changes", async () => {
    const admin = await createStaff(t, 'admin');
    const agent = await staffAgent(t, admin);
    const other = request.agent(t.app);
    const foreignToken = csrfFrom((await other.get('/login')).text);
    const ownToken = csrfFrom((await agent.get('/mod')).text);
    const snapshot = async () => [
      await t.db('audit_log').count({ n: '*' }).first(),
      await t.db('listings').select('id', 'status', 'featured_until').orderBy('id'),
      await t.db('users').select('id', 'role', 'is_disabled').orderBy('id'),
    ];
    const before = await snapshot();
    const posts = routes.filter((r) => r[1] === 'post');
    expect(posts.length).toBeGreaterThanOrEqual(10);
    for (const [, , path] of posts) {
      const body = {
        action: 'remove',
        role: 'advertiser',
        reason: 'x',
        kind: 'word',
        value: 'x',
        nameKo: 'x',
        nameEn: 'x',
        parentId: '',
        synonyms: '',
        intoId: '2',
      };
      expect((await agent.post(path).type('form').send(body)).status, `${path} without token`).toBe(403);
      expect(
        (
          await agent
            .post(path)
            .type('form')
            .send({ ...body, _csrf: foreignToken })
        ).status,
        `${path} foreign token`,
      ).toBe(403);
      expect(
        (
          await agent
            .post(path)
            .set('Origin', 'https://evil.example')
            .type('form')
            .send({ ...body, _csrf: ownToken })
        ).status,
        `${path} evil origin`,
      ).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('GET on a decision route → 404, nothing changes (F3)', async () => {
    const admin = await createStaff(t, 'admin');
    const agent = await staffAgent(t, admin);
    const id = Number((await t.db('listings').first('id')).id);
    await agent.get(`/mod/listings/${id}/decide?action=remove`).expect(404);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('published');
  });
});
