import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] });
}

/** Query parameters that carry a visitor's position ("near me"): never written to a log. */
export const PRIVATE_QUERY_PARAMS = ['lat', 'lng'] as const;

/** A URL with the private parameters' values replaced (`/search?q=꽃&lat=[redacted]`). */
export function urlForLog(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let changed = false;
  for (const name of PRIVATE_QUERY_PARAMS) {
    if (params.has(name)) {
      params.set(name, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, at)}?${params.toString()}` : url;
}

/** pino-http's request serializer, applied after the standard one: the URL and query without a position. */
export function requestForLog(req: { url?: string; query?: Record<string, unknown> } & Record<string, unknown>): Record<string, unknown> {
  const query = req.query ? { ...req.query } : undefined;
  if (query) for (const name of PRIVATE_QUERY_PARAMS) if (name in query) query[name] = '[redacted]';
  return { ...req, url: typeof req.url === 'string' ? urlForLog(req.url) : req.url, ...(query ? { query } : {}) };
}

/** Whether a URL carries a visitor's position (such pages are never cached). */
export function carriesPosition(url: string): boolean {
  return new RegExp(`[?&](?:${PRIVATE_QUERY_PARAMS.join('|')})=`).test(url);
}
