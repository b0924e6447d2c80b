/**
 * The front: the plain node:http request handler the server listens with. It answers a kept anonymous page itself
 * (web/page-cache.ts: the same checks, bytes, headers, ETags, 304s, log line and counting as the page cache's answer
 * inside Express) and hands every other request to Express untouched: a session cookie, a method other than GET and
 * HEAD, a language switch, a position in the URL, a page not kept or no longer valid, an answer kept at its route
 * (the API's, which its rate limit must count). Express's own per-request cost (request and response objects, the
 * router, helmet) is what capped a kept page at a small fraction of what the wire can carry.
 * Every request passes the save gate first (web/save-gate.ts): a new anonymous read waits there, briefly, while a save is
 * in flight.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { SaveGate } from './save-gate.js';

export function createFront(deps: {
  /** The Express app. */
  express: RequestListener;
  /** The page cache's answer for a plain request: false at once when nothing is kept for it, else whether it was sent. */
  answer: (req: IncomingMessage, res: ServerResponse) => false | Promise<boolean>;
  gate?: SaveGate;
}): RequestListener {
  const toExpress = deps.express;
  const handle: RequestListener = (req, res) => {
    const answering = deps.answer(req, res);
    if (answering === false) {
      toExpress(req, res);
      return;
    }
    // A failed stamp read is Express's to answer (its error page), as it would have been without the front.
    answering.then((sent) => {
      if (!sent) toExpress(req, res);
    }, () => {
      if (!res.headersSent) toExpress(req, res);
    });
  };
  const gate = deps.gate;
  return gate ? (req, res) => gate.admit(req, res, () => handle(req, res)) : handle;
}
