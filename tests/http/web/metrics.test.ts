/**
 * /metrics is never public: 404 unless METRICS_ALLOW or METRICS_TOKEN is set; with them, only the allowed socket
 * address (not one named in X-Forwarded-For, so a request through a proxy is outside) or the bearer token. What it
 * reports is per route pattern, never the raw URL a visitor sent.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const TOKEN = 'metrics-test-token-0123456789';
let t: TestApp;
afterEach(async () => t?.close());

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
    await request(t.app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', 'Bearer wrong-token-0123456789').expect(404);
    const byToken = await request(t.app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', `Bearer ${TOKEN}`).expect(200);
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
