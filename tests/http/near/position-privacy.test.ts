/**
 * A visitor's position is never written down: the request log (pino-http, as in production) and the error log carry
 * `[redacted]` instead of lat/lng, nothing in the database holds it after a positioned search, and the view beacon a
 * listing page sends after such a search carries only the query.
 */
import { Writable } from 'node:stream';
import request from 'supertest';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { requestForLog, urlForLog } from '../../../src/core/logger.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('the position stays out of logs', () => {
  let t: TestApp;
  let lines: string[];
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    lines = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    // The production request log (autoLogging is off in tests) over the same database.
    app = createApp({ config: { ...t.config, isTest: false }, db: t.db, logger: pino({ level: 'info' }, sink), clock: t.clock });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('a positioned search, category page and API call → logged without the coordinates', async () => {
    await request(app.app).get('/search').query({ q: '꽃', sort: 'near', lat: '35.160', lng: '126.851', radius: '3' }).expect(200);
    await request(app.app).get('/categories/flowers').query({ sort: 'near', lat: '35.161', lng: '126.852' }).expect(200);
    await request(app.app).get('/api/search').query({ q: '꽃', lat: '35.162', lng: '126.853' }).expect(200);
    const log = lines.join('');
    expect(log).toContain('/search?');
    expect(log).toContain('[redacted]');
    for (const v of ['35.16', '126.85']) expect(log).not.toContain(v);
    // The rest of the query is still there for debugging.
    expect(log).toContain('radius=3');
  });

  it('nothing in the database holds a position after positioned searches (search impressions keep only the query)', async () => {
    await request(app.app).get('/search').query({ q: '화환', sort: 'near', lat: '35.171', lng: '126.909' }).expect(200);
    await app.services.stats.stop();
    const queries = (await t.db('search_query_daily').pluck('query')) as string[];
    expect(queries).toContain('화환');
    for (const table of ['search_query_daily', 'counter_events', 'listing_daily_stats']) {
      expect(JSON.stringify(await t.db(table).select('*')), table).not.toMatch(/35\.171|126\.909/);
    }
  });

  it('urlForLog and requestForLog replace only lat and lng', () => {
    expect(urlForLog('/search?q=%EA%BD%83&lat=35.1&lng=126.9&page=2')).toBe(
      '/search?q=%EA%BD%83&lat=%5Bredacted%5D&lng=%5Bredacted%5D&page=2',
    );
    expect(urlForLog('/search?q=a')).toBe('/search?q=a');
    expect(requestForLog({ url: '/x?lat=1&lng=2', query: { lat: '1', lng: '2', q: 'a' }, method: 'GET' })).toEqual({
      url: '/x?lat=%5Bredacted%5D&lng=%5Bredacted%5D',
      query: { lat: '[redacted]', lng: '[redacted]', q: 'a' },
      method: 'GET',
    });
  });
});
