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

/** Paths whose `q` is what a visitor typed into a search. */
const SEARCH_PATHS = new Set(['/search', '/api/search', '/api/suggest']);

export function isSearchPath(path: string): boolean {
  return SEARCH_PATHS.has(path.replace(/\/+$/, '') || '/');
}

/**
 * What a piece of typed text is made of, never what it says: `len=15 hangul=0 jamo=0 latin=14 digit=0 space=1 other=0`.
 * Enough to rebuild an input of the same kind when a search fails, without logging a visitor's words.
 */
export function textShape(text: string): string {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const chars = [...text].length;
  const hangul = count(/[\uAC00-\uD7A3]/g);
  const jamo = count(/[\u1100-\u11FF\u3131-\u318E]/g);
  const latin = count(/[A-Za-z]/g);
  const digit = count(/[0-9]/g);
  const space = count(/\s/g);
  return `len=${chars} hangul=${hangul} jamo=${jamo} latin=${latin} digit=${digit} space=${space} other=${chars - hangul - jamo - latin - digit - space}`;
}

/**
 * A failed request's URL for the log: positions redacted as in urlForLog, and on search paths the query replaced by its
 * shape (`q=[len=15 hangul=0 …]`).
 */
export function urlForFailureLog(url: string): string {
  const safe = urlForLog(url);
  const at = safe.indexOf('?');
  if (at < 0 || !isSearchPath(safe.slice(0, at))) return safe;
  const params = new URLSearchParams(safe.slice(at + 1));
  const typed = params.getAll('q');
  if (typed.length === 0) return safe;
  params.delete('q');
  for (const q of typed) params.append('q', `[${textShape(q)}]`);
  return `${safe.slice(0, at)}?${params.toString()}`;
}

/** An error as logged for a failed search: its kind and where it was thrown, not its message (it may quote the query). */
export function errorWithoutMessage(err: unknown): { type: string; stack: string } {
  const e = err instanceof Error ? err : new Error('non-error thrown');
  return { type: e.name, stack: (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n') };
}
