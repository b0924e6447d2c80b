/**
 * Rendered anonymous pages, kept in memory for a few seconds and checked against the database's stamps on every use.
 * Only what a shared cache may keep anyway is kept here: a GET with no session cookie, nobody signed in, a 200 that
 * render.ts marked `Cache-Control: public` and that set no cookie. The key is host + language + URL. Before a kept page
 * is sent, `stamp()` reads the version stamps that triggers bump on any change to a listing or a category (one small
 * query), so no instance serves a page from before an edit, a removal or a moderation decision; `ttlMs` (on the
 * app's clock) bounds how long time-dependent lines ("지금 영업 중", expiry) may lag. A URL carrying a visitor's
 * position (lat/lng, "near me") is neither looked up nor kept.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../lib/clock.js';
import { carriesPosition } from './logger.js';

interface Kept {
  stamp: string;
  at: number;
  body: string;
  headers: Array<[string, string]>;
}

const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'content-language'];

export function createPageCache(deps: { stamp: () => Promise<string>; clock: Clock; ttlMs: number; maxEntries: number }) {
  const pages = new Map<string, Kept>();

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (deps.ttlMs <= 0 || req.method !== 'GET' || !res.locals.anonymousRead || res.locals.currentUser || 'lang' in req.query || carriesPosition(req.query)) return next();
    const key = `${req.get('host') ?? ''}|${res.locals.lang}|${req.originalUrl}`;
    const stamp = await deps.stamp();
    const now = deps.clock.now().getTime();
    const kept = pages.get(key);
    if (kept && kept.stamp === stamp && now - kept.at < deps.ttlMs) {
      for (const [name, value] of kept.headers) res.setHeader(name, value);
      res.setHeader('X-Page-Cache', 'hit');
      res.status(200).send(kept.body);
      return;
    }
    if (kept) pages.delete(key);
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      const cc = String(res.getHeader('Cache-Control') ?? '');
      if (res.statusCode === 200 && typeof body === 'string' && cc.startsWith('public') && !res.getHeader('Set-Cookie')) {
        const headers = KEPT_HEADERS.flatMap((h): Array<[string, string]> => (res.getHeader(h) === undefined ? [] : [[h, String(res.getHeader(h))]]));
        pages.set(key, { stamp, at: now, body, headers });
        if (pages.size > deps.maxEntries) pages.delete(pages.keys().next().value!);
      }
      res.send = send;
      return send(body);
    }) as Response['send'];
    next();
  };
}
