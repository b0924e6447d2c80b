/**
 * Saved shops (저장): GET /saved (the account's list, or for a visitor a page that asks POST /saved/cards for the
 * cards of the ids in its localStorage: a POST, so the ids never appear in a URL or an access log), the signed-in
 * writes (save, remove, note, merge of the browser's list after login: forms with CSRF, JSON for saved.js), and
 * GET /listings/:id/save, where the 저장 link leads without JavaScript (sign-in first, then one button).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { ValidationError } from '../../core/errors.js';
import { requireUser, safeNextPath } from '../../web/guards.js';
import { pathId } from '../../web/params.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import { listingPath } from '../listings/index.js';
import { NOTE_MAX, parseIdList, parseListingId, parseMergeBody, parseNote } from './saved.schemas.js';
import type { SavedService } from './saved.service.js';
import { saveButtonVM, savedItemVM, type SaveButtonVM } from './saved.view-models.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The 저장 button of a listing for this request (views/partials/save-button.ejs). */
    saveButton?: (listing: { id: number; name: string }) => SaveButtonVM;
  }
}

const DONE = new Set(['saved', 'removed', 'note']);
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';
/** A field of the posted form or JSON (Express 5 leaves req.body undefined when nothing was parsed). */
const field = (req: Request, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

/** Puts `saveButton` on res.locals: for a signed-in reader with the state of each listing in their list (one query). */
export function createSaveButtonLocals(saved: SavedService): RequestHandler {
  return async (req, res, next) => {
    const user = res.locals.currentUser;
    // Pages only: an image or a JSON request prints no button.
    const read = (req.method === 'GET' || req.method === 'HEAD') && req.accepts('html') === 'html';
    const ids = user && read ? await saved.savedIds(user.id) : null;
    const back = safeNextPath(req.originalUrl);
    res.locals.saveButton = (l) =>
      saveButtonVM(l, { signedIn: ids !== null, saved: ids?.has(l.id) ?? false, next: back, max: saved.maxListings }, res.locals.t);
    next();
  };
}

export function createSavedRouter(deps: {
  saved: SavedService;
  limiter: LimiterFactory;
  config: Readonly<Config>;
  now: () => Date;
}): Router {
  const router = Router();
  const { saved } = deps;
  const max = saved.maxListings;
  const perHour = deps.config.saved.writesPerHour;
  const writes = [
    requireUser,
    ...hourlyPerIpAndAccount(deps.limiter, 'saved-write', { ip: perHour * 3, account: perHour }),
  ];
  const cardsLimit = deps.limiter({ name: 'saved-cards-ip', windowMs: 60_000, limit: deps.config.rateLimit.apiPerMinute });

  /** The list page: the account's shops, or the visitor's page that saved.js fills. */
  async function listPage(
    req: Request,
    res: Response,
    status = 200,
    problem?: { id?: number; note?: string; message: string },
  ): Promise<void> {
    const { lang, t } = res.locals;
    const user = res.locals.currentUser;
    const items = user ? (await saved.list(user.id)).map((e) => savedItemVM(e, deps.now(), lang, t)) : [];
    const done = typeof req.query.done === 'string' && DONE.has(req.query.done) ? t(`saved.done.${req.query.done}`) : null;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'saved/list',
      {
        signedIn: Boolean(user),
        done,
        max,
        noteMax: NOTE_MAX,
        count: t('saved.count', { n: items.length, max }),
        loginHref: '/login?next=%2Fsaved',
        items: items.map((i) =>
          problem?.id === i.id ? { ...i, note: problem.note ?? i.note, noteError: problem.message } : { ...i, noteError: null },
        ),
        error: problem && problem.id === undefined ? problem.message : null,
      },
      { title: t('saved.title'), robots: 'noindex', scripts: ['/js/calls.js'] },
      status,
    );
  }

  /** After a write: JSON for saved.js, else back to the page the button was on (or the list) with a 303. */
  function answer(req: Request, res: Response, body: Record<string, unknown>, fallback: string): void {
    if (wantsJson(req)) res.json(body);
    else res.redirect(303, safeNextPath(field(req, 'next'), fallback));
  }

  router.get('/saved', (req, res) => listPage(req, res));

  // A visitor's list: the cards of at most SAVED_MAX_LISTINGS ids, as an HTML fragment; never cached, never logged.
  router.post('/saved/cards', cardsLimit, async (req, res) => {
    const ids = parseIdList(field(req, 'ids'), max);
    const { lang, t } = res.locals;
    const items = (await saved.cards(ids)).map((e) => ({ ...savedItemVM(e, deps.now(), lang, t), noteError: null }));
    res.set('Cache-Control', 'no-store');
    res.render('partials/saved/items', { items, signedIn: false, noteMax: NOTE_MAX });
  });

  router.post('/saved', ...writes, async (req, res) => {
    const id = parseListingId(field(req, 'listing'));
    try {
      await saved.save(res.locals.currentUser!.id, id);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const message = res.locals.t('saved.error.full', { max });
      if (wantsJson(req)) return void res.status(422).json({ error: { status: 422, message } });
      return listPage(req, res, 422, { message });
    }
    answer(req, res, { saved: true }, '/saved?done=saved');
  });

  router.post('/saved/merge', ...writes, async (req, res) => {
    const result = await saved.merge(res.locals.currentUser!.id, parseMergeBody(req.body ?? {}, max));
    res.json(result);
  });

  router.post('/saved/:id/delete', ...writes, async (req, res) => {
    await saved.remove(res.locals.currentUser!.id, pathId(req.params.id));
    answer(req, res, { saved: false }, '/saved?done=removed');
  });

  router.post('/saved/:id/note', ...writes, async (req, res) => {
    const id = pathId(req.params.id);
    const raw = field(req, 'note');
    let note: string | null;
    try {
      note = parseNote(raw);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const message = res.locals.t('saved.error.noteTooLong', { max: NOTE_MAX });
      if (wantsJson(req)) return void res.status(422).json({ error: { status: 422, message } });
      return listPage(req, res, 422, { id, note: String(raw), message });
    }
    await saved.setNote(res.locals.currentUser!.id, id, note);
    answer(req, res, { note: note ?? '' }, '/saved?done=note');
  });

  // The 저장 link without JavaScript: visitors sign in first; then one button (a GET never saves).
  router.get('/listings/:id/save', async (req, res) => {
    const id = pathId(req.params.id);
    const user = res.locals.currentUser;
    if (!user) return res.redirect(303, `/login?next=${encodeURIComponent(`/listings/${id}/save`)}`);
    const { listing, isSaved } = await saved.confirmData(user.id, id);
    const { t } = res.locals;
    await renderPage(
      res,
      'saved/confirm',
      {
        name: listing.name,
        url: listingPath(listing),
        isSaved,
        listingId: listing.id,
        listHref: '/saved',
      },
      { title: t('saved.confirm.title', { name: listing.name }), robots: 'noindex' },
    );
  });

  return router;
}
