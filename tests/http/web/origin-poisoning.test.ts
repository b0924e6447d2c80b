/**
 * A forwarded header never poisons a kept page: hostile X-Forwarded-Proto, X-Forwarded-Host and Host values neither
 * reach the links of the page sent to the visitor who asked (the origin is checked) nor the page another visitor of
 * the same URL gets afterwards (kept pages are keyed by the origin they were rendered for), on every route the page
 * cache keeps, with and without PUBLIC_URL, behind one and two proxies.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

const EVIL = 'evil.example';
const HOSTILE: Array<{ name: string; headers: Record<string, string> }> = [
  { name: 'X-Forwarded-Proto with an origin in it', headers: { 'X-Forwarded-Proto': `https://${EVIL}/#` } },
  { name: 'X-Forwarded-Proto appended to by a second proxy', headers: { 'X-Forwarded-Proto': `https://${EVIL}/#, https` } },
  { name: 'X-Forwarded-Host', headers: { 'X-Forwarded-Host': EVIL, 'X-Forwarded-Proto': 'https' } },
  { name: 'X-Forwarded-Host with a path', headers: { 'X-Forwarded-Host': `localhost/@${EVIL}`, 'X-Forwarded-Proto': 'https' } },
  { name: 'Host', headers: { Host: EVIL, 'X-Forwarded-Proto': 'https' } },
  { name: 'Host with a port and a path', headers: { Host: `localhost:80@${EVIL}`, 'X-Forwarded-Proto': 'https' } },
];

const SETUPS = [
  { name: 'one proxy, no PUBLIC_URL', env: { TRUST_PROXY: '1' }, origin: 'https://localhost' },
  { name: 'two proxies, no PUBLIC_URL', env: { TRUST_PROXY: '2' }, origin: 'https://localhost' },
  { name: 'one proxy, PUBLIC_URL', env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://golmok.example' }, origin: 'https://golmok.example' },
  { name: 'two proxies, PUBLIC_URL', env: { TRUST_PROXY: '2', PUBLIC_URL: 'https://golmok.example' }, origin: 'https://golmok.example' },
];

describe.each(engines())('origin of links on kept pages (%s)', (engine) => {
  describe.each(SETUPS)('$name', (setup) => {
    let t: TestApp;
    let routes: string[];
    beforeAll(async () => {
      t = await createTestApp({ engine, seed: true, env: setup.env });
      const listing = await t.db('listings').where({ status: 'published' }).whereNull('expires_at').orderBy('id').first('id', 'slug');
      const shop = `/listings/${listing.id}-${encodeURIComponent(listing.slug)}`;
      routes = [
        '/?x=1',
        '/categories/flowers',
        `/districts/${encodeURIComponent('북구')}`,
        shop,
        `/search?q=${encodeURIComponent('꽃')}`,
        `/listings/${listing.id}/reviews`,
        `/api/search?q=${encodeURIComponent('꽃')}`,
      ];
    });
    afterAll(async () => t.close());

    // A visitor behind the same proxies, which say the request came over https to localhost; answered through the front
    // the server listens with (kept pages are sent before Express), as the attacker's went through Express.
    const visit = (path: string) => request(t.handler).get(path).set('Host', 'localhost').set('X-Forwarded-For', '203.0.113.7, 10.0.0.2')
      .set('X-Forwarded-Proto', 'https');

    it.each(HOSTILE)('hostile $name: not in the page sent, nor in the next visitor\'s', async (hostile) => {
      for (const path of routes) {
        const attack = () => {
          let r = request(t.app).get(path).set('Host', 'localhost').set('X-Forwarded-For', '198.51.100.9, 10.0.0.2');
          for (const [name, value] of Object.entries(hostile.headers)) r = r.set(name, value);
          return r.expect(200);
        };
        const own = await attack();
        expect(own.text, path).not.toContain(EVIL);
        // The attacker's answer was kept (under its own origin): what another visitor may be sent from memory.
        expect((await attack()).headers['x-page-cache'], path).toBe('hit');
        const victim = await visit(path).expect(200);
        expect(victim.text, path).not.toContain(EVIL);
        if (!path.startsWith('/api/')) expect(victim.text, path).toContain(`${setup.origin}/`);
      }
    });
  });
});
