/**
 * What a shared cache or CDN sees: anonymous pages without a form are public for a minute and carry no cookie;
 * signed-in pages, pages with forms and language switches are never public; strong ETags give 304s;
 * HTML, CSS and JS are compressed; static files have hashed, immutable URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser, loginAgent } from '../../helpers/auth.js';

describe('page caching and compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(async () => t.close());

  it('anonymous home, category, district, search and listing pages → public for 60 s, Vary: Cookie, no Set-Cookie', async () => {
    const id = Number((await t.db('listings').where({ status: 'published' }).first('id')).id);
    for (const path of [
      '/',
      '/categories/flowers',
      `/districts/${encodeURIComponent('북구')}`,
      `/search?q=${encodeURIComponent('꽃')}`,
      `/listings/${id}`,
    ]) {
      const res = await request(t.app).get(path).redirects(1).expect(200);
      expect(res.headers['cache-control'], path).toBe('public, max-age=60, stale-while-revalidate=300');
      expect(res.headers.vary, path).toMatch(/Cookie/);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('a strong ETag: the same page again with If-None-Match → 304 without a body', async () => {
    // Supertest listens on a new port per request: a fixed Host keeps the canonical links (and so the bytes) equal.
    const first = await request(t.app).get('/').set('Host', 'golmok.test').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"/); // strong, not W/"…"
    const again = await request(t.app).get('/').set('Host', 'golmok.test').set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
  });

  it('a page with a form (login) sets its CSRF cookie and is not public', async () => {
    const res = await request(t.app).get('/login').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/csrf/);
    expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/public/);
  });

  it('switching the language sets a cookie: that response is not public', async () => {
    const res = await request(t.app).get('/?lang=en').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/lang=en/);
    expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/public/);
  });

  it('signed in, the same pages are never public', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email, u.password);
    for (const path of ['/', '/categories/flowers', '/search?q=꽃']) {
      const res = await agent.get(encodeURI(path)).expect(200);
      expect(String(res.headers['cache-control'] ?? ''), path).not.toMatch(/public/);
      expect(res.text).toContain('action="/logout"');
    }
  });

  it('HTML is compressed with brotli or gzip as the browser asks; small JSON is not', async () => {
    const br = await request(t.app).get('/').set('Accept-Encoding', 'br').buffer(true).expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await request(t.app).get('/').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('<html'); // supertest inflates gzip
    const small = await request(t.app).get('/healthz').set('Accept-Encoding', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('pages link hashed CSS/JS URLs served as immutable; the plain URL still works', async () => {
    const page = await request(t.app).get('/').expect(200);
    const css = page.text.match(/href="(\/css\/site\.[0-9a-f]{10}\.css)"/)?.[1];
    const js = page.text.match(/src="(\/js\/search\.[0-9a-f]{10}\.js)"/)?.[1];
    expect(css).toBeTruthy();
    expect(js).toBeTruthy();
    const cssRes = await request(t.app).get(css!).set('Accept-Encoding', 'gzip').expect(200);
    expect(cssRes.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(cssRes.headers['content-type']).toMatch(/text\/css/);
    expect(cssRes.headers['content-encoding']).toBe('gzip');
    expect(cssRes.headers['set-cookie']).toBeUndefined();
    const plain = await request(t.app).get('/css/site.css').expect(200);
    expect(plain.text).toBe(cssRes.text);
    // A hash this deploy does not have: the current file, but only briefly cacheable.
    const stale = await request(t.app).get('/css/site.0000000000.css').expect(200);
    expect(stale.headers['cache-control']).toBe('public, max-age=60');
    await request(t.app).get('/css/nothing.0000000000.css').expect(404);
  });

  it('a kept page is sent in the encoding asked for, compressed once, with an ETag per encoding that gives 304s', async () => {
    const host = 'golmok.test';
    const get = (encoding: string) =>
      request(t.app)
        .get('/districts/' + encodeURIComponent('서구'))
        .set('Host', host)
        .set('Accept-Encoding', encoding)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    const first = await get('identity').expect(200);
    const plain = await get('identity').expect(200);
    expect(plain.headers['x-page-cache']).toBe('hit');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(first.headers.etag);
    expect((plain.body as Buffer).toString('utf8')).toContain('서구');
    const br = await get('gzip, deflate, br').expect(200);
    expect(br.headers['x-page-cache']).toBe('hit');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Cookie/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    // Supertest inflates what it receives: the same page under each encoding.
    expect((br.body as Buffer).equals(plain.body as Buffer)).toBe(true);
    const gz = await get('gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((gz.body as Buffer).equals(plain.body as Buffer)).toBe(true);
    expect(Number(br.headers['content-length'])).toBeLessThan((plain.body as Buffer).length / 2);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    const notModified = await request(t.app)
      .get('/districts/' + encodeURIComponent('서구'))
      .set('Host', host)
      .set('Accept-Encoding', 'gzip, deflate, br')
      .set('If-None-Match', br.headers.etag)
      .expect(304);
    expect(notModified.headers['x-page-cache']).toBe('hit');
  });

  it('a rendered anonymous page is served again from memory until any listing changes; signed-in pages never are', async () => {
    const host = 'golmok.test';
    await request(t.app).get('/categories/flowers').set('Host', host).expect(200);
    const again = await request(t.app).get('/categories/flowers').set('Host', host).expect(200);
    expect(again.headers['x-page-cache']).toBe('hit');
    expect(again.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    // A raw write that no hook sees: the triggers still move the stamp, so the page is rendered afresh.
    const id = Number(
      (
        await t
          .db('listing_categories as lc')
          .join('categories as c', 'c.id', 'lc.category_id')
          .where('c.slug', 'flowers')
          .first('lc.listing_id')
      ).listing_id,
    );
    await t.db('listings').where({ id }).update({ name: '새 이름 꽃집' });
    const fresh = await request(t.app).get('/categories/flowers').set('Host', host).expect(200);
    expect(fresh.headers['x-page-cache']).toBeUndefined();
    expect(fresh.text).toContain('새 이름 꽃집');
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email, u.password);
    await agent.get('/categories/flowers').set('Host', host).expect(200);
    expect((await agent.get('/categories/flowers').set('Host', host).expect(200)).headers['x-page-cache']).toBeUndefined();
  });
});

describe('kept pages and the clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(async () => t.close());

  it('a kept listing page showing "open until 20:00" is rendered afresh at 20:00, not up to PAGE_CACHE_SECONDS later', async () => {
    const host = 'golmok.test';
    const branch = await t
      .db('branches as b')
      .join('listings as l', 'l.id', 'b.listing_id')
      .where('l.status', 'published')
      .whereNull('l.expires_at')
      .first('b.id', 'b.listing_id', 'l.slug');
    await t.db('branch_hours').where({ branch_id: branch.id }).del();
    await t
      .db('branch_hours')
      .insert(
        [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
          branch_id: branch.id,
          weekday,
          is_closed: false,
          opens_at: '10:00',
          closes_at: '20:00',
        })),
      );
    const path = `/listings/${branch.listing_id}-${encodeURIComponent(branch.slug)}`;
    t.clock.set('2026-11-24T19:59:30+09:00');
    const first = await request(t.app).get(path).set('Host', host).expect(200);
    expect(first.text).toContain('20:00에 닫음');
    t.clock.advance(20_000); // 19:59:50
    const kept = await request(t.app).get(path).set('Host', host).expect(200);
    expect(kept.headers['x-page-cache']).toBe('hit');
    t.clock.advance(10_000); // 20:00:00, 30 s after rendering: well within the 60 s a page is otherwise kept
    const after = await request(t.app).get(path).set('Host', host).expect(200);
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(after.text).not.toContain('20:00에 닫음');
    expect(after.text).toContain('영업 종료');
  });
});

describe('kept API answers and the API rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true, env: { RATE_LIMIT_ENABLED: 'true', API_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => t.close());

  it('a kept /api/search answer still counts against the rate limit: the 4th request in a minute → 429', async () => {
    const get = () => request(t.app).get(`/api/search?q=${encodeURIComponent('꽃')}`).set('Host', 'golmok.test');
    const statuses = [];
    const cache = [];
    for (let i = 0; i < 4; i++) {
      const res = await get();
      statuses.push(res.status);
      cache.push(res.headers['x-page-cache']);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(cache.slice(0, 3)).toEqual([undefined, 'hit', 'hit']);
  });
});

describe('kept pages are bounded in bytes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true, env: { PAGE_CACHE_MB: '1' } });
  });
  afterAll(async () => t.close());

  it('with 1 MB for kept pages, the oldest pages go first when many listing pages are read; the newest stay', async () => {
    const ids = (
      (await t.db('listings').where({ status: 'published' }).orderBy('id').limit(150).select('id')) as Array<{ id: number }>
    ).map((r) => r.id);
    // The canonical URL (with the slug) itself: a redirect would drop the fixed Host header.
    const paths: string[] = [];
    for (const id of ids) paths.push(String((await request(t.app).get(`/listings/${id}`).expect(301)).headers.location));
    const get = (path: string) => request(t.app).get(path).set('Host', 'golmok.test').set('Accept-Encoding', 'gzip, br').expect(200);
    let total = 0;
    for (const path of paths) total += (await get(path)).text.length;
    expect(total).toBeGreaterThan(1024 * 1024); // more than the bound, so some must have gone
    expect((await get(paths.at(-1)!)).headers['x-page-cache']).toBe('hit');
    expect((await get(paths[0])).headers['x-page-cache']).toBeUndefined();
  });
});
