/**
 * /metrics is never public: 404 unless METRICS_ALLOW or METRICS_TOKEN is set; with them, only the allowed socket
 * address (not one named in X-Forwarded-For, so a request through a proxy is outside) or the bearer token. What it
 * reports is per route pattern, never the raw URL a visitor sent.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createSearchFixtures, SEARCH_FIXTURES } from '../../helpers/search-fixtures.js';

const TOKEN = 'metrics-test-token-0123456789';
let t: TestApp;
afterEach(async () => t?.close());

/** One series' value in a scrape (`name{labels}` as printed), 0 when the series is not there yet. */
function valueOf(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  it('neither METRICS_ALLOW nor METRICS_TOKEN set → 404 for everyone, even locally', async () => {
    t = await createTestApp();
    await request(t.app).get('/metrics').expect(404);
    await request(t.app).get('/metrics').set('Authorization', 'Bearer anything-at-all-here').expect(404);
  });

  it('allowed address or bearer token → Prometheus text per route pattern; an outside or proxied request → 404', async () => {
    t = await createTestApp({ env: { METRICS_ALLOW: '127.0.0.1,::1', METRICS_TOKEN: TOKEN } });
    await request(t.app).get('/categories/secret-slug-abc?q=private-words').expect(404);
    await request(t.app).get('/search?q=visitor-typed-this').expect(200);
    // Through a proxy (X-Forwarded-For), a local socket address is not enough; a wrong token neither.
    await request(t.app).get('/metrics').set('X-Forwarded-For', '127.0.0.1').expect(404);
    await request(t.app)
      .get('/metrics')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('Authorization', 'Bearer wrong-token-0123456789')
      .expect(404);
    const byToken = await request(t.app)
      .get('/metrics')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(byToken.headers['content-type']).toContain('text/plain');
    const local = await request(t.app).get('/metrics').expect(200);
    for (const body of [byToken.text, local.text]) {
      expect(body).toMatch(/golmok_http_requests_total\{method="GET",route="\/search",status="200"\} \d+/);
      expect(body).toContain('route="/categories/:slug"');
      expect(body).toMatch(/golmok_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/search"\}/);
      expect(body).toContain('nodejs_eventloop_lag_seconds');
      expect(body).toMatch(/golmok_db_query_duration_seconds_count\{pool="(?:writer|reader)",outcome="ok"\} [1-9]/);
      expect(body).toContain('golmok_db_pool_acquire_wait_seconds');
      expect(body).toContain('golmok_bulk_pool_threads{state="queued"} 0');
      expect(body).toContain('golmok_counter_buffer_events{state="waiting"}');
      expect(body).not.toContain('secret-slug-abc');
      expect(body).not.toContain('visitor-typed-this');
    }
  });
});

describe.each(engines())('/metrics: the page cache and the counter buffer (%s)', (engine) => {
  it('a page rendered, then sent kept by the front and inside Express, an API answer kept at its route → misses, hits, pages kept', async () => {
    t = await createTestApp({ engine, env: { METRICS_ALLOW: '127.0.0.1,::1' } });
    const scrape = async () => (await request(t.app).get('/metrics').expect(200)).text;
    const before = await scrape();
    const hit = (where: string) => `golmok_page_cache_hits_total{where="${where}"}`;
    const miss = (where: string) => `golmok_page_cache_misses_total{where="${where}"}`;
    expect(valueOf(before, 'golmok_page_cache_pages')).toBe(0);

    // Supertest listens on a new port per request: one Host, so that every request is for the same origin's page.
    const get = (via: TestApp['handler'], path: string) => request(via).get(path).set('Host', 'localhost').expect(200);
    // Rendered (a miss), then answered from memory by the front (before Express), then by Express's own check.
    expect((await get(t.handler, '/')).headers['x-page-cache']).toBeUndefined();
    expect((await get(t.handler, '/')).headers['x-page-cache']).toBe('hit');
    expect((await get(t.app, '/')).headers['x-page-cache']).toBe('hit');
    await get(t.app, '/api/search?q=%EB%93%9C%EB%A1%A0');
    expect((await get(t.app, '/api/search?q=%EB%93%9C%EB%A1%A0')).headers['x-page-cache']).toBe('hit');
    // A language switch is never the cache's: neither a hit nor a miss.
    await get(t.app, '/?lang=en');

    const after = await scrape();
    expect(valueOf(after, miss('express')) - valueOf(before, miss('express'))).toBe(1);
    expect(valueOf(after, hit('front')) - valueOf(before, hit('front'))).toBe(1);
    expect(valueOf(after, hit('express')) - valueOf(before, hit('express'))).toBe(1);
    expect(valueOf(after, miss('route')) - valueOf(before, miss('route'))).toBe(1);
    expect(valueOf(after, hit('route')) - valueOf(before, hit('route'))).toBe(1);
    expect(valueOf(after, 'golmok_page_cache_pages')).toBe(2);
    expect(valueOf(after, 'golmok_page_cache_bytes')).toBeGreaterThan(1000);
  });

  it('a search shows a listing → its impression waits in the counter buffer, the flush lag grows; a flush → both 0', async () => {
    t = await createTestApp({ engine, env: { METRICS_ALLOW: '127.0.0.1,::1' } });
    await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now(), SEARCH_FIXTURES.filter((f) => f.name === '하늘드론'));
    const scrape = async () => (await request(t.app).get('/metrics').expect(200)).text;
    const idle = await scrape();
    expect(valueOf(idle, 'golmok_counter_buffer_events{state="waiting"}')).toBe(0);
    expect(valueOf(idle, 'golmok_counter_buffer_flush_lag_seconds')).toBe(0);

    expect((await request(t.app).get('/search?q=%EB%93%9C%EB%A1%A0').expect(200)).text).toContain('하늘드론');
    const waiting = await scrape();
    expect(valueOf(waiting, 'golmok_counter_buffer_events{state="waiting"}')).toBe(1);
    expect(valueOf(waiting, 'golmok_counter_buffer_flush_lag_seconds')).toBeGreaterThan(0);
    // The lag is the oldest counter's age: it keeps growing while nothing is flushed.
    const lag = 'golmok_counter_buffer_flush_lag_seconds';
    expect(valueOf(await scrape(), lag)).toBeGreaterThan(valueOf(waiting, lag));

    await t.services.stats.flush();
    const flushed = await scrape();
    expect(valueOf(flushed, 'golmok_counter_buffer_events{state="waiting"}')).toBe(0);
    expect(valueOf(flushed, 'golmok_counter_buffer_flush_lag_seconds')).toBe(0);
    expect(valueOf(flushed, 'golmok_counter_buffer_flushes_total{outcome="ok"}')).toBe(1);
    expect(valueOf(flushed, 'golmok_counter_buffer_flush_duration_seconds_count')).toBe(1);
  });
});
