import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

describe.each(engines())('health and error pages on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('GET /healthz → 200 JSON naming the database engine', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ status: 'ok', database: engine });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /healthz with the database gone → 503', async () => {
    const other = await createTestApp({ engine });
    await other.db.destroy();
    const res = await request(other.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('error');
  });

  it('pages name a PNG favicon, served as image/png (an SVG icon is a document of its own for the renderer to parse and lay out, with its text, after the first paint)', async () => {
    const page = await request(t.app).get('/').expect(200);
    const href = /<link rel="icon" href="([^"]+)" type="image\/png"/.exec(page.text)?.[1];
    expect(href).toMatch(/^\/img\/favicon\.[0-9a-f]+\.png$/);
    const icon = await request(t.app).get(href!).expect(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(page.text).not.toContain('favicon.svg');
  });

  it('unknown path → Korean 404 page', async () => {
    const res = await request(t.app).get('/no-such-page').expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toContain('페이지를 찾을 수 없습니다.');
  });

  it('unknown path with ?lang=en → English 404 page', async () => {
    const res = await request(t.app).get('/no-such-page?lang=en').expect(404);
    expect(res.text).toContain('Page not found.');
  });

  it('a listing id that does not exist → 404', async () => {
    await request(t.app).get('/listings/987654-x').expect(404);
  });

  it('pages carry security headers: CSP, nosniff, referrer policy, no X-Powered-By', async () => {
    const res = await request(t.app).get('/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
