/**
 * Rate limiters for sensitive routes, all built by one factory so every instance shares one store
 * (memory by default; the database or Redis when scaled out — see createLimiterFactory's `store`).
 * A tripped limit answers 429 with Retry-After and a message in the user's language.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { TooManyRequestsError } from '../core/errors.js';

export interface LimiterOptions {
  /** Unique name: the key prefix in a shared store (login-ip, login-account, report, …). */
  name: string;
  windowMs: number;
  limit: number;
  /** What to count by; the client IP by default. Return null to skip counting this request. */
  key?: (req: Request) => string | null;
  /** Count only requests that failed (status ≥ 400): wrong passwords, not successful logins. */
  countOnlyFailures?: boolean;
}

export type LimiterFactory = (opts: LimiterOptions) => RequestHandler;

/** A limiter key per signed-in account (`acct:<id>`); visitors are not counted by it (their IP limit applies). */
export const signedInAccountKey = (req: Request): string | null => {
  const user = req.res?.locals.currentUser;
  return user ? `acct:${user.id}` : null;
};

export function createLimiterFactory(
  deps: { store?: (name: string, windowMs: number) => Store; enabled?: boolean; onBlocked?: (name: string, key: string) => void } = {},
): LimiterFactory {
  return (opts) => {
    if (deps.enabled === false) return (_req, _res, next) => next();
    return rateLimit({
      windowMs: opts.windowMs,
      limit: opts.limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skipSuccessfulRequests: opts.countOnlyFailures ?? false,
      store: deps.store?.(opts.name, opts.windowMs),
      // The IP as Express sees it after TRUST_PROXY; X-Forwarded-For from an untrusted client is ignored.
      keyGenerator: (req) => `${opts.name}:${opts.key ? (opts.key(req) ?? '') : ipKeyGenerator(req.ip ?? 'unknown')}`,
      skip: (req) => (opts.key ? opts.key(req) === null : false),
      handler: (_req: Request, res: Response, next: NextFunction) => {
        deps.onBlocked?.(opts.name, opts.key ? (opts.key(_req) ?? '') : ipKeyGenerator(_req.ip ?? 'unknown'));
        const resetTime = (_req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + opts.windowMs) - Date.now()) / 1000));
        next(new TooManyRequestsError(seconds));
      },
      validate: { trustProxy: false, xForwardedForHeader: false },
    });
  };
}

/**
 * The usual pair for a write anyone signed in may make: `<name>-ip` per client IP and `<name>-account` per account, both
 * per hour. The IP's limit is usually higher (several accounts can share a household's or an office's address).
 */
export function hourlyPerIpAndAccount(
  limiter: LimiterFactory,
  name: string,
  perHour: { ip: number; account: number },
): [ip: RequestHandler, account: RequestHandler] {
  const windowMs = 60 * 60_000;
  return [
    limiter({ name: `${name}-ip`, windowMs, limit: perHour.ip }),
    limiter({ name: `${name}-account`, windowMs, limit: perHour.account, key: signedInAccountKey }),
  ];
}
