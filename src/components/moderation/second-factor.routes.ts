/**
 * /account/2fa: moderators and admins enrol a TOTP authenticator (QR code) and enter a code once per session
 * before any /mod or /admin page opens. Wrong codes are rate-limited per account (20 → 429).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireRole, safeNextPath } from '../../web/guards.js';
import { signedInAccountKey, type LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import type { SecondFactor } from '../accounts/index.js';
import { codeForm } from './moderation.schemas.js';

/** The guard half that needs the second factor: passed in this session, or off to /account/2fa. */
export function requireSecondFactor(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.secondFactorAt) return next();
  res.redirect(303, `/account/2fa?next=${encodeURIComponent(req.originalUrl)}`);
}

export function createSecondFactorRouter(deps: { secondFactor: SecondFactor; limiter: LimiterFactory; now: () => Date }): Router {
  const router = Router();
  const staff = requireRole('desk', 'moderator', 'admin');
  const wrongCodes = deps.limiter({ name: 'totp-account', windowMs: 15 * 60_000, limit: 20, countOnlyFailures: true, key: signedInAccountKey });

  async function page(req: Request, res: Response, status = 200, error: string | null = null): Promise<void> {
    const userId = res.locals.currentUser!.id;
    const enrolled = await deps.secondFactor.isEnrolled(userId);
    const enrolment = enrolled ? null : await deps.secondFactor.beginEnrolment(userId);
    const next = safeNextPath(req.body?.next ?? req.query.next, '/mod');
    res.set('Cache-Control', 'no-store');
    await renderPage(res, 'moderation/second-factor', {
      enrolled, next, error: error ? res.locals.t(error) : null, secret: enrolment?.secret ?? null, qrSvgHtml: enrolment?.qrSvg ?? null,
      action: enrolled ? '/account/2fa/verify' : '/account/2fa/enrol',
    }, { title: res.locals.t('twofa.title'), robots: 'noindex' }, status);
  }

  async function accept(req: Request, res: Response, check: (userId: number, code: string) => Promise<boolean>): Promise<void> {
    const form = codeForm.safeParse(req.body ?? {});
    const ok = form.success && (await check(res.locals.currentUser!.id, form.data.code));
    if (!ok) return page(req, res, 422, 'twofa.wrong');
    req.session.secondFactorAt = deps.now().getTime();
    res.redirect(303, safeNextPath(form.data.next, '/mod'));
  }

  router.get('/account/2fa', staff, (req, res) => page(req, res));
  router.post('/account/2fa/enrol', staff, wrongCodes, (req, res) => accept(req, res, (id, code) => deps.secondFactor.confirmEnrolment(id, code)));
  router.post('/account/2fa/verify', staff, wrongCodes, (req, res) => accept(req, res, (id, code) => deps.secondFactor.verify(id, code)));
  return router;
}
