/**
 * Rendered anonymous pages, kept in memory for a few seconds and checked against the database's stamps on every use.
 * Only what a shared cache may keep anyway is kept here: a GET with no session cookie, nobody signed in, a 200 that
 * render.ts marked `Cache-Control: public` and that set no cookie. The key is origin + language + URL. Before a kept page
 * is sent, `stamp()` reads the version stamps that triggers bump on any change to a public listing or a category (one
 * small query, shared by the requests that arrive while it runs), so no instance serves a page from before an edit, a
 * removal or a moderation decision. A kept page is sent for at most `ttlMs` (on the app's clock), and never past the
 * first instant its rendering registered with `changesAt` (an opening-hours line flipping, an ad expiring), so
 * time-dependent lines are exact rather than up to `ttlMs` late. A URL carrying a visitor's position (lat/lng, "near me") is neither
 * answered from nor kept.
 *
 * `keep` sits where pages are rendered (after session, user and CSRF) and keeps what they send; `serveKept` sits at the
 * very front (after helmet) and answers a kept page before any other middleware runs; `atRoute` does both on one route
 * of the public API, after its rate limit; `answerAtFront` answers the pages serveKept would, for web/front.ts, before
 * Express. Kept answers are sent with their gzip and brotli bytes compressed once, a strong ETag per encoding and 304s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { watchChanges, type ChangeWatch } from '../lib/changes-at.js';
import { collectRepeats, type HitEffect } from '../lib/repeat-on-hit.js';
import { coalesce } from '../lib/coalesce.js';
import { langOfCookie } from './locals.js';
import {
  COMPRESS_FROM_BYTES,
  compress,
  hasSessionCookie,
  headersOf,
  headerValue,
  KEPT_HEADERS,
  preferredEncoding,
  rawHeaderNames,
  unkeptQuery,
  urlOf,
  type Encoding,
} from './page-cache-http.js';

/** Who answered: web/front.ts before Express, serveKept inside it, or atRoute on an API route. */
export type CacheWhere = 'front' | 'express' | 'route';

interface Kept {
  stamp: string;
  /** Sent until this instant (app clock, ms): `ttlMs` after rendering, or earlier when the page said it changes then. */
  until: number;
  body: Buffer;
  etag: string;
  /**
   * The headers every answer of this page carries, as a flat name, value list: at the front of the chain, those the
   * security headers middleware set before the page cache saw the request, then the page's own (KEPT_HEADERS), with
   * Accept-Encoding added to its Vary.
   */
  head: Array<string | number>;
  /** Compressed once, on the first request that asks for that encoding. */
  encoded: Partial<Record<Exclude<Encoding, 'identity'>, Buffer>>;
  /** What rendering the page counted (search and ad slot impressions), counted again for each request the kept page answers. */
  effects: Array<HitEffect>;
  /** Sent by serveKept at the front of the chain; false for answers kept at their route (atRoute). */
  atFront: boolean;
}

export function createPageCache(deps: {
  stamp: () => Promise<string>; clock: Clock; ttlMs: number; maxEntries: number; maxBytes?: number; sessionCookie: string; logger?: Logger;
  /** The origin the links of a page rendered for this request name (web/origin.ts). */
  originOf: (req: IncomingMessage) => string;
  /**
   * Told of each answer to a request the cache could serve (for metrics): a kept page sent (`hit`) by the front before
   * Express, inside Express or at its route; or rendered because none was kept or it was no longer valid (`miss`).
   */
  onLookup?: (outcome: 'hit' | 'miss', where: CacheWhere) => void;
}) {
  const pages = new Map<string, Kept>();
  let bytes = 0;
  const maxBytes = deps.maxBytes ?? Infinity;
  const sizeOf = (k: Kept) => k.body.length + (k.encoded.br?.length ?? 0) + (k.encoded.gzip?.length ?? 0);
  const drop = (key: string) => {
    const k = pages.get(key);
    if (!k) return;
    bytes -= sizeOf(k);
    pages.delete(key);
  };
  /** Oldest first, until both bounds hold. */
  const trim = () => {
    while (pages.size > deps.maxEntries || (bytes > maxBytes && pages.size > 0)) drop(pages.keys().next().value!);
  };
  const stamp = coalesce(deps.stamp);
  const enabled = deps.ttlMs > 0 && deps.maxEntries > 0;
  // The origin a page was rendered for is part of its key: links in it name that origin (web/origin.ts). A candidate
  // carries no ?lang=, so its language is the cookie's, on a plain request as in Express.
  const keyOf = (req: IncomingMessage) => `${deps.originOf(req)}|${langOfCookie(req.headers.cookie)}|${urlOf(req)}`;
  /** A request whose page may come from (or go into) the cache: an anonymous read that does not switch language. */
  const candidate = (req: IncomingMessage) =>
    enabled && (req.method === 'GET' || req.method === 'HEAD') && !hasSessionCookie(req, deps.sessionCookie) && !unkeptQuery(urlOf(req));
  /**
   * Pages being rendered again because their kept copy was no longer valid: requests for the same page that arrive
   * meanwhile wait for that one rendering instead of each rendering it (a burst of readers when a hot page expires or
   * a listing changes), then are answered only if the new copy is valid for a stamp read after they arrived.
   */
  const renders = new Map<string, Promise<void>>();
  /** Ends a render marked by renderOnce: when its page is kept, else when its response closes. */
  const renderDone = new WeakMap<IncomingMessage, () => void>();
  function renderOnce(req: IncomingMessage, res: ServerResponse, key: string): void {
    if (req.method !== 'GET' || renders.has(key)) return;
    let done!: () => void;
    renders.set(key, new Promise<void>((resolve) => { done = resolve; }));
    const end = () => {
      if (renderDone.get(req) !== end) return;
      renderDone.delete(req);
      renders.delete(key);
      done();
    };
    renderDone.set(req, end);
    res.once('close', end);
  }
  /** A request whose kept page was not valid: waits for the render running for that page, if any, and sends its page. */
  async function afterRender(
    req: IncomingMessage,
    res: ServerResponse,
    key: string,
    stale: Kept | undefined,
    where: CacheWhere,
  ): Promise<boolean> {
    const newer = pages.get(key);
    if (newer && newer !== stale && newer.atFront) return sendIfValid(req, res, newer, key, where);
    const render = renders.get(key);
    // The request rendering the page (marked at the front, now inside Express) does not wait for itself.
    if (!render || renderDone.has(req)) {
      if (stale) renderOnce(req, res, key);
      return false;
    }
    await render;
    const fresh = pages.get(key);
    return fresh !== undefined && fresh !== stale && fresh.atFront && sendIfValid(req, res, fresh, key, where);
  }
  /** The headers set before the page cache sees a request (the security headers: the same for every page). */
  let frontHeaders: Array<string | number> | null = null;

  /**
   * Sends a kept page. `asHit`: answered from memory, at the front of the chain or at its route, before any middleware
   * that wraps writeHead (compression) — all headers go out in one writeHead, in the same order whoever sends them.
   */
  function sendKept(req: IncomingMessage, res: ServerResponse, kept: Kept, key: string, asHit: boolean): void {
    const encoding = kept.body.length < COMPRESS_FROM_BYTES ? 'identity' : preferredEncoding(req);
    let body = kept.body;
    if (encoding !== 'identity' && !kept.encoded[encoding]) {
      const encoded = compress(kept.body, encoding);
      kept.encoded[encoding] = encoded;
      if (pages.get(key) === kept) {
        bytes += encoded.length;
        trim();
      }
    }
    if (encoding !== 'identity') body = kept.encoded[encoding]!;
    const etag = encoding === 'identity' ? kept.etag : `${kept.etag.slice(0, -1)}-${encoding}"`;
    const head = [...kept.head, 'ETag', etag];
    if (asHit) head.push('X-Page-Cache', 'hit');
    const ifNoneMatch = req.headers['if-none-match'];
    const notModified = Boolean(ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(/\s*,\s*/).includes(etag)));
    if (!notModified) {
      if (encoding !== 'identity') head.push('Content-Encoding', encoding);
      head.push('Content-Length', body.length);
    }
    const status = notModified ? 304 : 200;
    if (asHit) res.writeHead(status, head);
    else {
      for (let i = 0; i < head.length; i += 2) res.setHeader(head[i] as string, head[i + 1]);
      res.statusCode = status;
    }
    res.end(notModified || req.method === 'HEAD' ? undefined : body);
  }

  /** Sends the kept answer for this request if it is still valid for the current stamps; false when there is none. */
  async function serveIfKept(req: IncomingMessage, res: ServerResponse, where: CacheWhere): Promise<boolean> {
    if (!candidate(req)) return false;
    const key = keyOf(req);
    const kept = pages.get(key);
    if (where === 'route') return kept !== undefined && !kept.atFront && sendIfValid(req, res, kept, key, where);
    if (kept?.atFront && (await sendIfValid(req, res, kept, key, where))) return true;
    return afterRender(req, res, key, kept?.atFront ? kept : undefined, where);
  }

  async function sendIfValid(req: IncomingMessage, res: ServerResponse, kept: Kept, key: string, where: CacheWhere): Promise<boolean> {
    if (deps.clock.now().getTime() >= kept.until || kept.stamp !== (await stamp())) {
      if (pages.get(key) === kept) drop(key);
      return false;
    }
    const started = process.hrtime.bigint();
    sendKept(req, res, kept, key, true);
    deps.onLookup?.('hit', where);
    for (const effect of kept.effects) effect(req);
    if (kept.atFront && deps.logger?.isLevelEnabled('info')) {
      // Like pino-http's line, without the query string (it may carry what a visitor typed).
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      const url = urlOf(req);
      const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
      deps.logger.info(
        { req: { method: req.method, path }, res: { statusCode: res.statusCode }, responseTime, pageCache: 'hit' },
        'request completed',
      );
    }
    return true;
  }

  /** What every answer of a page kept from `res` carries (see Kept.head). */
  function headOf(res: Response, atFront: boolean): Array<string | number> {
    const head = atFront ? [...(frontHeaders ?? [])] : [];
    const names = atFront ? new Set(head.filter((_, i) => i % 2 === 0).map((n) => String(n).toLowerCase())) : new Set<string>();
    for (const name of KEPT_HEADERS) {
      const value = res.getHeader(name);
      if (value === undefined || names.has(name)) continue;
      head.push(
        rawHeaderNames(res).find((n) => n.toLowerCase() === name) ?? name,
        name === 'vary' ? `${headerValue(value)}, Accept-Encoding` : headerValue(value),
      );
    }
    if (res.getHeader('vary') === undefined) head.push('Vary', 'Accept-Encoding');
    return head;
  }

  /** Remembers the stamps read before rendering and keeps what the route sends, if a shared cache could keep it too. */
  async function keepWhatIsSent(req: Request, res: Response, next: NextFunction, atFront: boolean): Promise<void> {
    // No session cookie means nobody is signed in: candidate() is enough to know the answer is anyone's.
    if (!candidate(req)) return next();
    deps.onLookup?.('miss', atFront ? 'express' : 'route');
    if (req.method !== 'GET') return next();
    const key = keyOf(req);
    const before = await stamp();
    const now = deps.clock.now().getTime();
    const effects: Array<HitEffect> = [];
    const watch: ChangeWatch = { until: Infinity };
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      res.send = send;
      const cc = String(res.getHeader('Cache-Control') ?? '');
      const until = Math.min(now + deps.ttlMs, watch.until);
      // A page for the front is kept only with the security headers it must be sent with (recorded by serveKept).
      const headersKnown = !atFront || frontHeaders !== null;
      if (
        res.statusCode === 200 &&
        typeof body === 'string' &&
        cc.startsWith('public') &&
        !res.getHeader('Set-Cookie') &&
        until > deps.clock.now().getTime() &&
        headersKnown
      ) {
        const page = Buffer.from(body);
        const etag = `"${crypto.createHash('sha1').update(page).digest('base64url')}"`;
        const kept: Kept = { stamp: before, until, body: page, etag, head: headOf(res, atFront), encoded: {}, effects, atFront };
        drop(key);
        pages.set(key, kept);
        bytes += sizeOf(kept);
        trim();
        renderDone.get(req)?.();
        // Sent as a hit would be (same bytes, encodings and ETags), so a 304 works across the two.
        sendKept(req, res, kept, key, false);
        return res;
      }
      return send(body);
    }) as Response['send'];
    // Both scopes last until the response closes: the render's later steps (after each await) still register.
    watchChanges(watch, () => collectRepeats(effects, next, res), res);
  }

  return {
    /** At the front of the chain: a kept page is sent before any other middleware runs. */
    serveKept: async (req: Request, res: Response, next: NextFunction) => {
      if (frontHeaders === null && candidate(req)) frontHeaders = headersOf(res);
      return (await serveIfKept(req, res, 'express')) ? undefined : next();
    },
    /**
     * For the front (web/front.ts), before Express: sends the page kept for this plain request when it is still valid.
     * False at once when none is kept for it (no promise, no stamp read); else whether it was sent.
     */
    answerAtFront: (req: IncomingMessage, res: ServerResponse): false | Promise<boolean> => {
      if (!candidate(req)) return false;
      const key = keyOf(req);
      const kept = pages.get(key);
      if (kept?.atFront) return sendIfValid(req, res, kept, key, 'front').then((sent) => sent || afterRender(req, res, key, kept, 'front'));
      return renders.has(key) ? afterRender(req, res, key, undefined, 'front') : false;
    },
    /** Where pages render (after session, user and CSRF): keeps them for serveKept. */
    keep: (req: Request, res: Response, next: NextFunction) => keepWhatIsSent(req, res, next, true),
    /**
     * On one route, after the middleware that must see every request (the API's rate limit): answers from and keeps
     * into the cache right there; serveKept never sends these.
     */
    atRoute: async (req: Request, res: Response, next: NextFunction) => {
      if (!(await serveIfKept(req, res, 'route'))) await keepWhatIsSent(req, res, next, false);
    },
    /** What is kept now: pages and their bytes (compressed copies included). */
    size: () => ({ pages: pages.size, bytes }),
  };
}
