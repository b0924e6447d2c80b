/**
 * The access log line of a kept page is the same whether the front or Express answered it (method, path without the
 * query, status, pageCache: hit), and the front hands a page it has not kept to Express.
 */
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/lib/clock.js';
import { createFront } from '../../../src/web/front.js';
import { createPageCache } from '../../../src/web/page-cache.js';

describe('the front and the access log', () => {
  it('a kept page answered by the front → the same log line as answered by Express; not kept → Express', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info', base: undefined, timestamp: false }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const cache = createPageCache({
      stamp: async () => 'v1',
      clock: fixedClock('2026-11-24T02:00:00Z'),
      ttlMs: 60_000,
      maxEntries: 10,
      sessionCookie: 'sid',
      logger,
      originOf: () => 'http://localhost',
    });
    const app = express();
    let rendered = 0;
    app.use(cache.serveKept);
    app.use(cache.keep);
    app.get('/page', (_req, res) => {
      rendered++;
      res.set('Cache-Control', 'public, max-age=60').type('html').send(`<p>${'쪽'.repeat(10)}</p>`);
    });
    const front = createFront({ express: app, answer: cache.answerAtFront });

    await request(front).get('/page?q=%EA%BD%83').expect(200); // rendered by Express, kept
    expect(rendered).toBe(1);
    expect(lines).toEqual([]);
    const byExpress = await request(app).get('/page?q=%EA%BD%83').expect(200);
    const byFront = await request(front).get('/page?q=%EA%BD%83').expect(200);
    expect(rendered).toBe(1);
    expect([byExpress.headers['x-page-cache'], byFront.headers['x-page-cache']]).toEqual(['hit', 'hit']);
    const withoutTime = lines.map(({ responseTime, ...rest }) => {
      expect(typeof responseTime).toBe('number');
      return rest;
    });
    expect(withoutTime).toEqual([
      { level: 30, req: { method: 'GET', path: '/page' }, res: { statusCode: 200 }, pageCache: 'hit', msg: 'request completed' },
      { level: 30, req: { method: 'GET', path: '/page' }, res: { statusCode: 200 }, pageCache: 'hit', msg: 'request completed' },
    ]);
    await request(front).get('/page?other=1').expect(200);
    expect(rendered).toBe(2);
  });
});
