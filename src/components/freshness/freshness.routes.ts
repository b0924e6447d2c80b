/**
 * GET /reminders/:token shows what the mailed link does (a GET changes nothing: mail scanners open links);
 * POST /reminders/:token does it, once, without logging in. Bad, expired and used links get a clear page.
 */
import { Router, type Response } from 'express';
import type { LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import type { FreshnessService, LinkState } from './freshness.service.js';

/** The short page a mailed link ends on (done, used, expired, invalid): a heading, a sentence and a way back; never indexed. */
export async function renderLinkMessage(res: Response, heading: string, text: string, status = 200): Promise<void> {
  await renderPage(res, 'freshness/message', { heading, text, back: true }, { title: heading, robots: 'noindex' }, status);
}

/** The page of a link that cannot be used (its state names the message: reminder.state.used, .expired, .invalid…). */
export function renderLinkState(res: Response, state: string, status: number): Promise<void> {
  const { t } = res.locals;
  return renderLinkMessage(res, t(`reminder.state.${state}`), t(`reminder.state.${state}.text`), status);
}

const STATUS: Record<LinkState, number> = { ok: 200, used: 200, invalid: 404, expired: 410, unavailable: 409 };

export function createFreshnessRouter(deps: { freshness: FreshnessService; limiter: LimiterFactory }): Router {
  const router = Router();
  const limit = deps.limiter({ name: 'reminder-links', windowMs: 10 * 60_000, limit: 30 });

  router.get('/reminders/done', async (req, res) => {
    const { t } = res.locals;
    const kind = req.query.kind === 'renew' ? 'renew' : 'confirm';
    res.set('Cache-Control', 'no-store');
    await renderLinkMessage(res, t(`reminder.done.${kind}`), t(`reminder.done.${kind}.text`));
  });

  router.get('/reminders/:token', limit, async (req, res) => {
    const { t } = res.locals;
    const link = await deps.freshness.describeLink(String(req.params.token));
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    if (link.state !== 'ok') {
      await renderLinkState(res, link.state, STATUS[link.state]);
      return;
    }
    await renderPage(
      res,
      'freshness/confirm',
      {
        heading: t(`reminder.ask.${link.kind}`, { name: link.listingName ?? '' }),
        text: t(`reminder.ask.${link.kind}.text`),
        button: t(`reminder.button.${link.kind}`),
        action: req.originalUrl.split('?')[0],
        csrfToken: String(res.locals.csrfToken ?? ''),
      },
      { title: t(`reminder.button.${link.kind}`), robots: 'noindex' },
    );
  });

  router.post('/reminders/:token', limit, async (req, res) => {
    const out = await deps.freshness.useLink(String(req.params.token));
    if (out.state === 'ok') {
      res.redirect(303, `/reminders/done?kind=${out.kind}`);
      return;
    }
    await renderLinkState(res, out.state, STATUS[out.state]);
  });

  return router;
}
