/**
 * Saves before new reads (web/save-gate.ts), over a real socket, at the front and (PAGE_FRONT=false) in Express: while
 * a signed-in advertiser's listing form save is in flight — held at its geocoder call, a fake the test controls — a
 * visitor's page waits at the door and is answered once the save has answered; with the save held longer than
 * SAVE_GATE_WAIT_MS the page is answered anyway, while the save is still in flight. A save whose geocoder itself
 * fetches an anonymous page (a save that triggers a read) completes: no deadlock.
 */
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import type { Geocoder } from '../../../src/components/submissions/index.js';

async function listen(handler: RequestListener): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An anonymous GET on a connection of its own: its status once answered. */
const visit = (origin: string, path = '/') =>
  new Promise<number>((resolve, reject) => {
    http
      .get(origin + path, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

/** Resolves once `ok()` holds, checking on every turn of the event loop (a condition, never a duration). */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

describe.each(engines())('saves before new reads (%s)', (engine) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  afterEach(async () => {
    await server?.close();
    await t?.close();
  });

  /** The app (front on or off), listening, with an advertiser signed in whose saves call `geocode`. */
  async function start(front: boolean, waitMs: number, geocode: Geocoder) {
    t = await createTestApp({ engine, geocode, env: { SAVE_GATE_WAIT_MS: String(waitMs), PAGE_FRONT: String(front) } });
    server = await listen(front ? t.handler : t.app);
    const user = await createUser(t, { email: 'gate@example.kr' });
    const agent = request.agent(server.origin);
    const login = await agent.get('/login').expect(200);
    await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: user.email, password: user.password }).expect(303);
    const token = csrfFrom((await agent.get('/submissions/new').expect(200)).text);
    /** The listing form posted as a draft, with a road address and no pin: the save asks the geocoder. */
    const save = () =>
      agent
        .post(`/submissions/new?_csrf=${encodeURIComponent(token)}`)
        .field('_csrf', token)
        .field('kind', 'business')
        .field('name', '게이트 꽃집')
        .field('branches[0][address]', '광주 북구 금남로 24')
        .field('action', 'draft')
        .then((res) => res.status);
    return { save };
  }

  describe.each([true, false])('front %s', (front) => {
    it('a visitor\'s page waits while a save is in flight and is answered once the save has answered', async () => {
      let inSave!: () => void;
      const saveReached = new Promise<void>((resolve) => (inSave = resolve));
      let finishSave!: () => void;
      const held = new Promise<void>((resolve) => (finishSave = resolve));
      const { save } = await start(front, 10_000, async () => {
        inSave();
        await held;
        return null;
      });
      const saved = save();
      await saveReached;
      expect(t.saveGate.stats()).toEqual({ saving: 1, waiting: 0 });
      let answered: number | null = null;
      const read = visit(server.origin).then((status) => (answered = status));
      await until(() => t.saveGate.stats().waiting === 1);
      expect(answered).toBeNull();
      finishSave();
      expect(await saved).toBe(303);
      expect(await read).toBe(200);
      expect(t.saveGate.stats()).toEqual({ saving: 0, waiting: 0 });
      const [{ n }] = await t.db('listings').where({ name: '게이트 꽃집', status: 'draft' }).count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('a save that fetches a visitor\'s page itself completes: the page is let in by the bound while the save waits for it', async () => {
      let pageStatus: number | null = null;
      let savingDuringRead = 0;
      const { save } = await start(front, 50, async () => {
        pageStatus = await visit(server.origin, '/');
        savingDuringRead = t.saveGate.stats().saving;
        return null;
      });
      expect(await save()).toBe(303);
      expect(pageStatus).toBe(200);
      // The page was answered while the save was still in flight (it was waiting for that page).
      expect(savingDuringRead).toBe(1);
      expect(t.saveGate.stats()).toEqual({ saving: 0, waiting: 0 });
    });
  });
});
