/**
 * Saves before new reads. Under a full load of page reads the event loop is never idle: each await of a save (a
 * statement, the session, the redirect) waits behind a whole turn of the loop full of page answers, so a save of
 * a few milliseconds' work took seconds. While a signed-in form save is in flight, a new anonymous read (GET or HEAD
 * without a session cookie) waits at the door, before any work is done for it, until the last save in flight ends —
 * at most `maxWaitMs`. When that bound releases the reads, the door stays open for `maxWaitMs` before it holds reads
 * again, so a long save (a photo re-encoded, a geocoder slow to answer) costs reads at most half their turns, and no
 * read ever waits longer than `maxWaitMs`. Reads already admitted finish as before; signed-in requests never wait.
 *
 * A save marks itself at the door too (`isSave`: a POST of the listing form or an owner action, with a session
 * cookie), before its session is read; `releaseUnlessSignedIn` lets it go once the session turns out to be nobody's,
 * so a forged cookie holds reads for one session lookup at most.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { hasSessionCookie } from './page-cache-http.js';

/** The saves reads make way for: the listing form (new, edit) and the owner's actions on a listing (POST). */
const SAVE_PATH = /^\/submissions\/(?:new|\d+\/[a-z]+)(?:\?|$)/;
export const isListingSave = (req: IncomingMessage) => req.method === 'POST' && SAVE_PATH.test(req.url ?? '');

export interface SaveGateStats {
  /** Saves in flight now. */
  saving: number;
  /** Anonymous reads waiting at the door now. */
  waiting: number;
}

export interface SaveGate {
  /** Runs `go` for this request now, or once the saves in flight let it (see above). A save is marked in flight here. */
  admit(req: IncomingMessage, res: ServerResponse, go: () => void): void;
  /** Express middleware, after the current user is loaded: a marked save whose session is nobody's stops holding reads. */
  releaseUnlessSignedIn(req: Request, res: Response, next: NextFunction): void;
  stats(): SaveGateStats;
}

export function createSaveGate(deps: {
  /** The longest a read waits (0: the gate is off and admits everything at once). */
  maxWaitMs: number;
  sessionCookie: string;
  /** Whether a request that carries a session cookie and is not a GET or HEAD is a save reads make way for (isListingSave). */
  isSave?: (req: IncomingMessage) => boolean;
  /** Told how each read that waited was let in (for metrics). */
  onReleased?: (how: 'saved' | 'bound') => void;
  /** Timers and a monotonic clock in ms (tests pass fakes). */
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (t: unknown) => void;
  now?: () => number;
}): SaveGate {
  const now = deps.now ?? (() => performance.now());
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  const isSave = deps.isSave ?? isListingSave;
  const releases = new WeakMap<ServerResponse, () => void>();
  let saving = 0;
  let waiting: Array<() => void> = [];
  let timer: unknown = null;
  /** After the bound released reads, they pass freely until this instant (of `now`). */
  let openUntil = 0;

  const releaseAll = (how: 'saved' | 'bound') => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    const go = waiting;
    waiting = [];
    for (const g of go) {
      deps.onReleased?.(how);
      // One request's failure is thrown as it would have been without the gate, after the others were let in.
      try {
        g();
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  };

  const readsWait = () => saving > 0 && now() >= openUntil;

  function markSave(res: ServerResponse): void {
    saving++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      releases.delete(res);
      saving--;
      if (saving === 0) releaseAll('saved');
    };
    releases.set(res, release);
    res.once('finish', release);
    res.once('close', release);
  }

  const isRead = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

  return {
    admit(req, res, go) {
      if (deps.maxWaitMs <= 0) return go();
      const signedIn = hasSessionCookie(req, deps.sessionCookie);
      if (signedIn && !isRead(req) && isSave(req)) markSave(res);
      if (signedIn || !isRead(req) || !readsWait()) return go();
      waiting.push(go);
      if (timer === null) {
        const t = setTimer(() => {
          timer = null;
          openUntil = now() + deps.maxWaitMs;
          releaseAll('bound');
        }, deps.maxWaitMs);
        t.unref?.();
        timer = t;
      }
    },
    releaseUnlessSignedIn(_req, res, next) {
      if (!res.locals.currentUser) releases.get(res)?.();
      next();
    },
    stats: () => ({ saving, waiting: waiting.length }),
  };
}
