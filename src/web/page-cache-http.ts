/** What the page cache needs of HTTP: which requests it may answer, the kept headers, content negotiation, compression. */
import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';
import type { Request } from 'express';
import { carriesPosition } from '../core/logger.js';

export type Encoding = 'br' | 'gzip' | 'identity';

export const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'content-language', 'access-control-allow-origin'];
/** Smaller bodies are sent as they are (as the compression middleware does). */
export const COMPRESS_FROM_BYTES = 1024;
export const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

export function compress(body: Buffer, encoding: Exclude<Encoding, 'identity'>): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : zlib.gzipSync(body, { level: 6 });
}

type Negotiate = { encoding(a: string[], o: { preferred: string[] }): string | undefined };
/** Accept-Encoding values seen lately and what they chose (a handful of browsers send a handful of values). */
const negotiated = new Map<string, Encoding>();

/** As the compression middleware negotiates: brotli before gzip when the browser accepts both alike. */
export function preferredEncoding(req: IncomingMessage): Encoding {
  const header = req.headers['accept-encoding'];
  const known = negotiated.get(header ?? '');
  if (known) return known;
  const chosen = ((new Negotiator({ headers: { 'accept-encoding': header } }) as unknown as Negotiate).encoding(ENCODINGS, {
    preferred: ['br', 'gzip'],
  }) ?? 'identity') as Encoding;
  if (negotiated.size >= 64) negotiated.clear();
  negotiated.set(header ?? '', chosen);
  return chosen;
}

export function hasSessionCookie(req: IncomingMessage, name: string): boolean {
  const header = req.headers.cookie;
  return Boolean(header && header.includes(`${name}=`));
}

/**
 * A query that switches the language (?lang=) or carries a visitor's position: such a page is neither answered from nor
 * kept. Names written with %-escapes mean the same to the query parser, so they are decoded when there are any.
 */
export function unkeptQuery(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0) return false;
  const query = url.slice(at);
  if (/[?&]lang=/.test(query) || carriesPosition(query)) return true;
  if (!query.includes('%')) return false;
  const names = Object.keys(querystring.parse(query.slice(1)));
  return names.includes('lang') || names.includes('lat') || names.includes('lng');
}

/** The URL as it came (Express's originalUrl, which routers do not rewrite), on a plain request too. */
export const urlOf = (req: IncomingMessage): string => (req as Partial<Request>).originalUrl ?? req.url ?? '/';

/** Header names as they were spelt when set (in Node since 15, not in its types yet). */
export const rawHeaderNames = (res: ServerResponse): string[] =>
  (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();

/** A response's headers so far as a flat name, value list, names spelt as they were set. */
export function headersOf(res: ServerResponse): Array<string | number> {
  return rawHeaderNames(res).flatMap((name) => [name, headerValue(res.getHeader(name))]);
}
export const headerValue = (v: OutgoingHttpHeader | undefined): string | number => (Array.isArray(v) ? v.join(', ') : v ?? '');
