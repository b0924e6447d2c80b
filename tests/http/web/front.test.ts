/**
 * The front (web/front.ts) answers a kept anonymous page before Express with exactly what Express's own answer from
 * the page cache is: the same requests are sent to a server listening with the front and to one listening with the
 * Express app (one app, one cache), and status, every header but Date (names, spelling, order) and the bytes on the
 * wire must be equal — over home, category, district, listing, search, reviews and API, GET in each encoding, HEAD
 * and 304. Everything else reaches Express, and a kept page is never sent after a change or past its time.
 */
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

interface Raw { status: number; headers: string[]; body: Buffer }

async function listen(handler: RequestListener): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One request on a connection of its own; the answer as it came over the wire (nothing decoded), Date left out. */
function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', agent: false, headers: { Host: 'localhost', ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: string[] = [];
          // The API's rate limit counts every request: what remains of it, and of its window, moves between two requests.
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const value = res.rawHeaders[i + 1].replace(/remaining=\d+/, 'remaining=n').replace(/reset=\d+/, 'reset=n');
            if (res.rawHeaders[i].toLowerCase() !== 'date') headers.push(`${res.rawHeaders[i]}: ${value}`);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const header = (r: Raw, name: string) =>
  r.headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}: `))?.slice(name.length + 2);

/** A promise that resolves once `count` requests have reached `server`; `stop` removes the listener. */
function arrivalOf(server: http.Server, count: number): { allArrived: Promise<void>; stop: () => void } {
  let arrived = 0;
  let resolve!: () => void;
  const allArrived = new Promise<void>((r) => { resolve = r; });
  const onRequest = () => {
    if (++arrived === count) resolve();
  };
  server.on('request', onRequest);
  return { allArrived, stop: () => server.off('request', onRequest) };
}

describe.each(engines())('the front before Express (%s)', (engine) => {
  let t: TestApp;
  let viaExpress: Awaited<ReturnType<typeof listen>>;
  let viaFront: Awaited<ReturnType<typeof listen>>;
  let shop: { id: number; path: string };
  /** Requests that reached Express (its app.handle) since the last reset. */
  let reachedExpress = 0;

  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    const handle = t.app.handle.bind(t.app);
    t.app.handle = ((...args: Parameters<typeof handle>) => {
      reachedExpress++;
      return handle(...args);
    }) as typeof t.app.handle;
    viaExpress = await listen(t.app);
    viaFront = await listen(t.handler);
    const row = await t.db('listings').where({ status: 'published' }).whereNull('expires_at').orderBy('id').first('id', 'slug');
    shop = { id: Number(row.id), path: `/listings/${row.id}-${encodeURIComponent(row.slug)}` };
  });
  afterAll(async () => {
    await viaExpress?.close();
    await viaFront?.close();
    await t.close();
  });

  it('is what the server listens with unless PAGE_FRONT=false', async () => {
    expect(t.handler).not.toBe(t.app);
    const off = await createTestApp({ engine, env: { PAGE_FRONT: 'false' } });
    try {
      expect(off.handler).toBe(off.app);
    } finally {
      await off.close();
    }
  });

  it('kept pages: status, every header but Date and the bytes equal whether the front or Express answers', async () => {
    const paths = ['/', '/categories/flowers', `/districts/${encodeURIComponent('북구')}`, shop.path, `/search?q=${encodeURIComponent('꽃')}`,
      `/listings/${shop.id}/reviews`, `/api/search?q=${encodeURIComponent('꽃')}`];
    const variants: Array<{ name: string; method?: string; headers: Record<string, string> }> = [
      { name: 'no Accept-Encoding', headers: {} },
      { name: 'gzip', headers: { 'Accept-Encoding': 'gzip' } },
      { name: 'br', headers: { 'Accept-Encoding': 'br' } },
      { name: 'a browser', headers: { 'Accept-Encoding': 'gzip, deflate, br' } },
      { name: 'HEAD', method: 'HEAD', headers: { 'Accept-Encoding': 'gzip, deflate, br' } },
      { name: 'identity only', headers: { 'Accept-Encoding': 'identity' } },
    ];
    for (const path of paths) {
      const api = path.startsWith('/api/');
      expect((await send(viaExpress.port, path)).status, path).toBe(200); // rendered and kept
      for (const v of variants) {
        const fromExpress = await send(viaExpress.port, path, v);
        reachedExpress = 0;
        const fromFront = await send(viaFront.port, path, v);
        const what = `${path} ${v.name}`;
        // API answers are kept at their route, after the rate limit that must count them: Express answers both.
        expect(reachedExpress, what).toBe(api ? 1 : 0);
        expect(header(fromFront, 'X-Page-Cache'), what).toBe('hit');
        expect(fromFront.status, what).toBe(fromExpress.status);
        expect(fromFront.headers, what).toEqual(fromExpress.headers);
        expect(fromFront.body.equals(fromExpress.body), what).toBe(true);
      }
      const etag = header(await send(viaExpress.port, path, variants[3]), 'ETag')!;
      const conditional = { headers: { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': etag } };
      const notModified = [await send(viaExpress.port, path, conditional), await send(viaFront.port, path, conditional)];
      expect(notModified.map((r) => r.status), path).toEqual([304, 304]);
      expect(notModified[1].headers, path).toEqual(notModified[0].headers);
      expect(notModified[1].body.length, path).toBe(0);
    }
  });

  it('the security headers of a kept page are helmet\'s, as on a page Express renders', async () => {
    const rendered = await send(viaExpress.port, '/categories/restaurants');
    const kept = await send(viaFront.port, '/categories/restaurants');
    expect(header(kept, 'X-Page-Cache')).toBe('hit');
    for (const name of [
      'Content-Security-Policy',
      'X-Content-Type-Options',
      'Referrer-Policy',
      'X-Frame-Options',
      'Cross-Origin-Opener-Policy',
    ]) {
      expect(header(kept, name), name).toBe(header(rendered, name));
      expect(header(kept, name), name).toBeTruthy();
    }
    expect(header(kept, 'X-Powered-By')).toBeUndefined();
  });

  it('a search page answered by the front counts its impressions again', async () => {
    const path = `/search?q=${encodeURIComponent('화환')}`;
    const impressions = async () => {
      await t.services.stats.flush();
      return Number((await t.db('search_query_daily').where({ query: '화환' }).sum({ n: 'impressions' }).first())?.n ?? 0);
    };
    await send(viaExpress.port, path);
    const rendered = await impressions();
    await send(viaExpress.port, path);
    const byExpress = (await impressions()) - rendered;
    reachedExpress = 0;
    await send(viaFront.port, path);
    expect(reachedExpress).toBe(0);
    expect(rendered).toBeGreaterThan(0);
    expect(byExpress).toBe(rendered);
    expect((await impressions()) - rendered).toBe(2 * byExpress);
  });

  it('a session cookie, a POST, a language switch, a position, an unkept page → Express, untouched', async () => {
    await send(viaExpress.port, '/');
    const cases: Array<{ path: string; method?: string; headers?: Record<string, string> }> = [
      { path: '/', headers: { Cookie: 'golmok.sid=s%3Aabc' } },
      { path: '/', method: 'POST' },
      { path: '/?lang=en' },
      { path: '/?%6Cang=en' },
      { path: '/?lat=35.1&lng=126.9' },
      { path: '/categories/flowers?page=2' },
    ];
    for (const c of cases) {
      reachedExpress = 0;
      const res = await send(viaFront.port, c.path, c);
      expect(reachedExpress, `${c.method ?? 'GET'} ${c.path}`).toBe(1);
      expect(header(res, 'X-Page-Cache'), c.path).toBeUndefined();
    }
    // A language switch answered by Express is English (and not kept): the front did not answer it with the Korean page.
    expect((await send(viaFront.port, '/?%6Cang=en')).body.toString()).toContain('lang="en"');
  });

  it('never sends a kept page after a change to a public listing, or past its time', async () => {
    const path = '/categories/flowers';
    await send(viaExpress.port, path);
    expect(header(await send(viaFront.port, path), 'X-Page-Cache')).toBe('hit');
    // A raw write that no hook sees: the triggers still move the stamp.
    const id = Number(
      (
        await t
          .db('listing_categories as lc')
          .join('categories as c', 'c.id', 'lc.category_id')
          .where('c.slug', 'flowers')
          .first('lc.listing_id')
      ).listing_id,
    );
    await t.db('listings').where({ id }).update({ name: '프론트 시험 새 이름' });
    reachedExpress = 0;
    const fresh = await send(viaFront.port, path);
    expect(reachedExpress).toBe(1);
    expect(header(fresh, 'X-Page-Cache')).toBeUndefined();
    expect(fresh.body.toString()).toContain('프론트 시험 새 이름');
    expect(header(await send(viaFront.port, path), 'X-Page-Cache')).toBe('hit');
    t.clock.advance(t.config.pageCache.seconds * 1000);
    reachedExpress = 0;
    expect(header(await send(viaFront.port, path), 'X-Page-Cache')).toBeUndefined();
    expect(reachedExpress).toBe(1);
  });

  it('requests arriving together for a page that went stale render it once, and get the new page', async () => {
    const path = '/categories/flowers';
    await send(viaExpress.port, path);
    expect(header(await send(viaFront.port, path), 'X-Page-Cache')).toBe('hit');
    const id = Number((await t.db('listing_categories as lc').join('categories as c', 'c.id', 'lc.category_id').where('c.slug', 'flowers').first('lc.listing_id')).listing_id);
    await t.db('listings').where({ id }).update({ name: '한꺼번에 온 독자들' });
    // The render is held until all 10 requests have reached the server: the other 9 arrive while it runs.
    const arrival = arrivalOf(viaFront.server, 10);
    const gate = arrival.allArrived;
    const handle = t.app.handle;
    t.app.handle = ((...args: Parameters<typeof handle>) => void gate.then(() => handle(...args))) as typeof handle;
    reachedExpress = 0;
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(viaFront.port, path)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.every((a) => a.body.toString().includes('한꺼번에 온 독자들'))).toBe(true);
      expect(reachedExpress).toBe(1);
      expect(answers.filter((a) => header(a, 'X-Page-Cache') === 'hit')).toHaveLength(9);
    } finally {
      t.app.handle = handle;
      arrival.stop();
    }
  });

  it('requests arriving together share one stamp read', async () => {
    await send(viaExpress.port, '/');
    const listings = t.services.listings;
    const read = listings.pageStamp.bind(listings);
    // The first read is held until all 20 requests have reached the server: the other 19 arrive while it runs.
    const arrival = arrivalOf(viaFront.server, 20);
    const gate = arrival.allArrived;
    let reads = 0;
    listings.pageStamp = async () => {
      reads++;
      const stamp = await read();
      await gate;
      return stamp;
    };
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => send(viaFront.port, '/')));
      expect(answers.every((a) => header(a, 'X-Page-Cache') === 'hit')).toBe(true);
      // The first request's read, then one read for the 19 that came while it ran (none of them gets an older one).
      expect(reads).toBe(2);
    } finally {
      listings.pageStamp = read;
      arrival.stop();
    }
  });
});
