/**
 * Sessions in the database (express-session + connect-session-knex on the `sessions` table), shared by every
 * instance. Cookie: HttpOnly, SameSite=Lax, Path=/, no Domain, Secure (and the __Host- prefix) in production.
 * Idle expiry rolls with each request (stored in steps: session-store.ts); the absolute limit is checked against the
 * session's creation time.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Knex } from 'knex';
import type { Config } from '../config/index.js';
import type { CurrentUser } from '../core/viewer.js';
import { ThrottledSessionStore } from './session-store.js';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    createdAt?: number;
    secondFactorAt?: number;
    flash?: string;
  }
}

export function sessionCookieName(config: Readonly<Config>): string {
  return config.isProduction ? '__Host-golmok.sid' : 'golmok.sid';
}

export function createSessionMiddleware(config: Readonly<Config>, db: Knex): RequestHandler {
  // The stored expiry moves only in steps of SESSION_TOUCH_PERCENT of the idle time (session-store.ts).
  const idleMs = config.sessionIdleMinutes * 60_000;
  const store = new ThrottledSessionStore(db, (idleMs * config.sessionTouchPercent) / 100);
  return session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy !== false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.isProduction, path: '/', maxAge: idleMs },
  });
}

/**
 * Loads res.locals.currentUser for each request. A session past its absolute lifetime, or whose user is gone
 * or disabled, is destroyed at once (S4, S5).
 */
export function loadCurrentUser(deps: {
  absoluteMs: number;
  findUser: (id: number) => Promise<(CurrentUser & { isDisabled: boolean }) | null>;
  now: () => Date;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals.currentUser = null;
    const userId = req.session?.userId;
    if (!userId) return next();
    const tooOld = !req.session.createdAt || deps.now().getTime() - req.session.createdAt > deps.absoluteMs;
    const user = tooOld ? null : await deps.findUser(userId);
    if (!user || user.isDisabled) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      return next();
    }
    res.locals.currentUser = { id: user.id, email: user.email, role: user.role, displayName: user.displayName };
    next();
  };
}

/**
 * The one place that keeps signed-in pages out of every cache: each response to a signed-in user (pages, redirects,
 * errors, JSON) carries `Cache-Control: no-store`. Mounted right after loadCurrentUser.
 */
export function noStoreWhenSignedIn(_req: Request, res: Response, next: NextFunction): void {
  if (res.locals.currentUser) res.set('Cache-Control', 'no-store');
  next();
}

/** Starts a fresh session for a user (new id: no fixation, S2). */
export function startUserSession(req: Request, userId: number, now: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.userId = userId;
      req.session.createdAt = now.getTime();
      req.session.save((e) => (e ? reject(e) : resolve()));
    });
  });
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve) => (req.session ? req.session.destroy(() => resolve()) : resolve()));
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** An anonymous read: GET/HEAD without a session cookie. Its page may be kept by shared caches (render.ts). */
    anonymousRead?: boolean;
  }
}

/**
 * Runs the session middleware except for reads without a session cookie: those have no session to load, and
 * skipping express-session spares them the store and any Set-Cookie, so the page stays publicly cacheable.
 * Mounted after cookie-parser, whose req.cookies it reads.
 */
export function sessionUnlessAnonymousRead(config: Readonly<Config>, sessionMiddleware: RequestHandler): RequestHandler {
  const name = sessionCookieName(config);
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.cookies as Record<string, string> | undefined)?.[name] === undefined) {
      res.locals.anonymousRead = true;
      return next();
    }
    return sessionMiddleware(req, res, next);
  };
}
