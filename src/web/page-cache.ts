/**
 * Rendered anonymous pages, kept in memory for a few seconds and checked against the database's stamps on every use.
 * Only what a shared cache may keep anyway is kept here: a GET with no session cookie, nobody signed in, a 200 that
 * render.ts marked `Cache-Control: public` and that set no cookie. The key is origin + language + URL. Before a kept page
 * is sent, `stamp()` reads the version stamps that triggers bump on any change to a public listing or a category (one
 * small query, shared by the requests that arrive while it runs), so no instance serves a page from before an edit, a
 * removal or a moderation decision. A kept page is sent for at most `ttlMs` (on the app's clock), and never past the
 * first instant its rendering registered with `changesAt` (an opening-hours line flipping, an ad expiring), so
 * time-dependent lines are exact rather than up to `ttlMs` late. A URL carrying a visitor's position (lat/lng, "near me") is neither answered from nor kept.
 *
 * `keep` sits where pages are rendered (after session, user and CSRF) and keeps what they send; `serveKept` sits at the
 * very front (after helmet) and answers a kept page before any other middleware runs; `atRoute` does both on one route
 * of the public API, after its rate limit. Kept answers are sent with their gzip and brotli bytes compressed once, a
 * strong ETag per encoding and 304s.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { watchChanges, type ChangeWatch } from '../lib/changes-at.js';
import { carriesPosition } from './logger.js';
import { langOfRequest } from './locals.js';

type Encoding = 'br' | 'gzip' | 'identity';

interface Kept {
  stamp: string;
  /** Sent until this instant (app clock, ms): `ttlMs` after rendering, or earlier when the page said it changes then. */
  until: number;
  body: Buffer;
  etag: string;
  headers: Array<[string, string]>;
  /** Compressed once, on the first request that asks for that encoding. */
  encoded: Partial<Record<Exclude<Encoding, 'identity'>, Buffer>>;
  /** What rendering the page counted (search impressions), counted again for each request the kept page answers. */
  effects: Array<() => void>;
  /** Sent by serveKept at the front of the chain; false for answers kept at their route (atRoute). */
  atFront: boolean;
}

/** The effects registered while the current request's page renders (see `repeatOnHit`). */
const rendering = new AsyncLocalStorage<Array<() => void>>();

/**
 * Registers something the rendering of the current page did that must happen again whenever the kept page is sent
 * instead (e.g. counting the search impressions of the listings a results page shows). Outside a page render: nothing.
 */
export function repeatOnHit(effect: () => void): void {
  rendering.getStore()?.push(effect);
}

const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'content-language', 'access-control-allow-origin'];
/** Smaller bodies are sent as they are (as the compression middleware does). */
const COMPRESS_FROM_BYTES = 1024;
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/**
 * A read shared by concurrent callers without ever answering one with a value read before it asked: a caller that
 * arrives while a read runs waits for the next one, which starts when the running one ends.
 */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p = read();
    running = p;
    const done = () => { if (running === p) running = null; };
    p.then(done, done);
    return p;
  };
  return () => {
    if (!running) return start();
    if (!queued) {
      queued = running.then(() => undefined, () => undefined).then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}

function compress(body: Buffer, encoding: Exclude<Encoding, 'identity'>): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : zlib.gzipSync(body, { level: 6 });
}

/** As the compression middleware negotiates: brotli before gzip when the browser accepts both alike. */
const preferredEncoding = (req: Request) => (new Negotiator(req) as unknown as { encoding(a: string[], o: { preferred: string[] }): string | undefined })
  .encoding(ENCODINGS, { preferred: ['br', 'gzip'] });

function hasSessionCookie(req: Request, name: string): boolean {
  const header = req.headers.cookie;
  return Boolean(header && header.includes(`${name}=`));
}

export function createPageCache(deps: {
  stamp: () => Promise<string>; clock: Clock; ttlMs: number; maxEntries: number; maxBytes?: number; sessionCookie: string; logger?: Logger;
  /** The origin the links of a page rendered for this request name (web/origin.ts). */
  originOf: (req: IncomingMessage) => string;
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
  // The origin a page was rendered for is part of its key: links in it name that origin (web/origin.ts).
  const keyOf = (req: Request) => `${deps.originOf(req)}|${langOfRequest(req)}|${req.originalUrl}`;
  /** A request whose page may come from (or go into) the cache: an anonymous read that does not switch language. */
  const candidate = (req: Request) => enabled && (req.method === 'GET' || req.method === 'HEAD') && !hasSessionCookie(req, deps.sessionCookie)
    && !/[?&]lang=/.test(req.originalUrl) && !carriesPosition(req.originalUrl);

  function sendKept(req: Request, res: Response, kept: Kept, hit: boolean): void {
    const encoding = kept.body.length < COMPRESS_FROM_BYTES ? 'identity' : (preferredEncoding(req) as Encoding | undefined) ?? 'identity';
    let body = kept.body;
    if (encoding !== 'identity' && !kept.encoded[encoding]) {
      const encoded = compress(kept.body, encoding);
      kept.encoded[encoding] = encoded;
      if (pages.get(keyOf(req)) === kept) {
        bytes += encoded.length;
        trim();
      }
    }
    if (encoding !== 'identity') body = kept.encoded[encoding]!;
    const etag = encoding === 'identity' ? kept.etag : `${kept.etag.slice(0, -1)}-${encoding}"`;
    for (const [name, value] of kept.headers) res.setHeader(name, value);
    res.setHeader('Vary', kept.headers.some(([n]) => n === 'vary') ? `${res.getHeader('Vary')}, Accept-Encoding` : 'Accept-Encoding');
    res.setHeader('ETag', etag);
    if (hit) res.setHeader('X-Page-Cache', 'hit');
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(/\s*,\s*/).includes(etag))) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Sends the kept answer for this request if it is still valid for the current stamps; false when there is none. */
  async function serveIfKept(req: Request, res: Response, atFront: boolean): Promise<boolean> {
    if (!candidate(req)) return false;
    const key = keyOf(req);
    const kept = pages.get(key);
    if (!kept || kept.atFront !== atFront) return false;
    if (deps.clock.now().getTime() >= kept.until || kept.stamp !== (await stamp())) {
      if (pages.get(key) === kept) drop(key);
      return false;
    }
    const started = process.hrtime.bigint();
    sendKept(req, res, kept, true);
    for (const effect of kept.effects) effect();
    if (atFront && deps.logger?.isLevelEnabled('info')) {
      // Like pino-http's line, without the query string (it may carry what a visitor typed).
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.info({ req: { method: req.method, path: req.path }, res: { statusCode: res.statusCode }, responseTime, pageCache: 'hit' }, 'request completed');
    }
    return true;
  }

  /** Remembers the stamps read before rendering and keeps what the route sends, if a shared cache could keep it too. */
  async function keepWhatIsSent(req: Request, res: Response, next: NextFunction, atFront: boolean): Promise<void> {
    // No session cookie means nobody is signed in: candidate() is enough to know the answer is anyone's.
    if (req.method !== 'GET' || !candidate(req)) return next();
    const key = keyOf(req);
    const before = await stamp();
    const now = deps.clock.now().getTime();
    const effects: Array<() => void> = [];
    const watch: ChangeWatch = { until: Infinity };
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      res.send = send;
      const cc = String(res.getHeader('Cache-Control') ?? '');
      const until = Math.min(now + deps.ttlMs, watch.until);
      if (res.statusCode === 200 && typeof body === 'string' && cc.startsWith('public') && !res.getHeader('Set-Cookie') && until > deps.clock.now().getTime()) {
        const page = Buffer.from(body);
        const headers = KEPT_HEADERS.flatMap((h): Array<[string, string]> => (res.getHeader(h) === undefined ? [] : [[h, String(res.getHeader(h))]]));
        const etag = `"${crypto.createHash('sha1').update(page).digest('base64url')}"`;
        const kept: Kept = { stamp: before, until, body: page, etag, headers, encoded: {}, effects, atFront };
        drop(key);
        pages.set(key, kept);
        bytes += sizeOf(kept);
        trim();
        // Sent as a hit would be (same bytes, encodings and ETags), so a 304 works across the two.
        sendKept(req, res, kept, false);
        return res;
      }
      return send(body);
    }) as Response['send'];
    watchChanges(watch, () => rendering.run(effects, next));
  }

  return {
    /** At the front of the chain: a kept page is sent before any other middleware runs. */
    serveKept: async (req: Request, res: Response, next: NextFunction) => ((await serveIfKept(req, res, true)) ? undefined : next()),
    /** Where pages render (after session, user and CSRF): keeps them for serveKept. */
    keep: (req: Request, res: Response, next: NextFunction) => keepWhatIsSent(req, res, next, true),
    /**
     * On one route, after the middleware that must see every request (the API's rate limit): answers from and keeps
     * into the cache right there; serveKept never sends these.
     */
    atRoute: async (req: Request, res: Response, next: NextFunction) => {
      if (!(await serveIfKept(req, res, false))) await keepWhatIsSent(req, res, next, false);
    },
  };
}
