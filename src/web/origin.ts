/**
 * The origin printed in absolute links (canonical, og:url, JSON-LD, feeds, sitemaps, QR codes, vCards): never taken
 * from a request unchecked. With PUBLIC_URL set (required in production) it is always that. Without it, a request's
 * own scheme and host are used only when both are valid: the scheme `http` or `https` (X-Forwarded-Proto only from a
 * trusted proxy, and only those two words), the host (X-Forwarded-Host from a trusted proxy, else Host) a plain
 * host[:port] on the ALLOWED_HOSTS list. Anything else gets the fallback origin. A forwarded header therefore cannot
 * put another site into a page; the page cache keys pages by this origin too, so a page rendered for one allowed host
 * is never sent for another.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Express's compiled 'trust proxy' test: is the hop at index `i` (0 = the socket's peer) a trusted proxy? */
export type TrustProxy = (address: string | undefined, i: number) => boolean;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** The first value of a header that a proxy may have appended to (`a, b`), trimmed and lower-cased. */
function firstValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const comma = v.indexOf(',');
  return (comma < 0 ? v : v.slice(0, comma)).trim().toLowerCase();
}

/** `allowedHosts`: `host` or `host:port` entries, lower-case; an entry without a port allows that host on any port. */
export function createOriginResolver(opts: { publicUrl?: string; allowedHosts: readonly string[]; fallback: string; trust: TrustProxy }) {
  const allowed = new Set(opts.allowedHosts);
  const isAllowed = (host: string): boolean => {
    const m = HOST.exec(host);
    if (!m) return false;
    return allowed.has(host) || allowed.has(m[1] === undefined ? host : host.slice(0, -(m[1].length + 1)));
  };
  /** The origin links on the page answering `req` are printed with. */
  return (req: IncomingMessage): string => {
    if (opts.publicUrl) return opts.publicUrl;
    const proxied = opts.trust(req.socket.remoteAddress, 0);
    const forwardedProto = proxied ? firstValue(req.headers['x-forwarded-proto']) : undefined;
    const scheme =
      forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    const host = (proxied ? firstValue(req.headers['x-forwarded-host']) : undefined) || firstValue(req.headers.host);
    return host !== undefined && isAllowed(host) ? `${scheme}://${host}` : opts.fallback;
  };
}
