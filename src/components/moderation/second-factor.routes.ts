/**
 * /account/2fa: moderators and admins enrol a TOTP authenticator (QR code) and enter a code once per session
 * before any /mod or /admin page opens. Enrolment shows 10 one-time recovery codes once; a recovery code works in
 * place of a TOTP code; once past the second factor the page shows how many are left and makes new ones.
 * Wrong codes (TOTP or recovery) are rate-limited per account (20 → 429).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireRole, safeNextPath } from '../../web/guards.js';
import { signedInAccountKey, type LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import type { SecondFactor } from '../accounts/index.js';
import { codeForm, recoveryCodeForm } from './moderation.schemas.js';
import { doneKey } from './moderation.routes.js';

/** The guard half that needs the second factor: passed in this session, or off to /account/2fa. */
export function requireSecondFactor(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.secondFactorAt) return next();
  res.redirect(303, `/account/2fa?next=${encodeURIComponent(req.originalUrl)}`);
}

export function createSecondFactorRouter(deps: { secondFactor: SecondFactor; limiter: LimiterFactory; now: () => Date }): Router {
  const router = Router();
  const { secondFactor } = deps;
  const staff = requireRole('desk', 'moderator', 'admin');
  const wrongCodes = deps.limiter({
    name: 'totp-account',
    windowMs: 15 * 60_000,
    limit: 20,
    countOnlyFailures: true,
    key: signedInAccountKey,
  });
  const regenerations = deps.limiter({ name: 'recovery-regenerate', windowMs: 60 * 60_000, limit: 10, key: signedInAccountKey });
  const nextOf = (req: Request) => safeNextPath(req.body?.next ?? req.query.next, '/mod');
  const title = (res: Response) => ({ title: res.locals.t('twofa.title'), robots: 'noindex' });

  async function page(req: Request, res: Response, status = 200, error: string | null = null): Promise<void> {
    const userId = res.locals.currentUser!.id;
    const enrolled = await secondFactor.isEnrolled(userId);
    const mode = !enrolled ? 'enrol' : req.session.secondFactorAt ? 'manage' : 'verify';
    const enrolment = mode === 'enrol' ? await secondFactor.beginEnrolment(userId) : null;
    const done = doneKey(req.query.done);
    await renderPage(
      res,
      'moderation/second-factor',
      {
        mode,
        next: nextOf(req),
        error: error ? res.locals.t(error) : null,
        secret: enrolment?.secret ?? null,
        qrSvgHtml: enrolment?.qrSvg ?? null,
        action: mode === 'enrol' ? '/account/2fa/enrol' : '/account/2fa/verify',
        codesLeft: mode === 'manage' ? await secondFactor.recoveryCodesLeft(userId) : null,
        flash: mode === 'manage' && done ? res.locals.t(`twofa.done.${done}`) : null,
      },
      title(res),
      status,
    );
  }

  /** The codes, shown once (the response is no-store like every signed-in one). */
  const showCodes = (req: Request, res: Response, codes: string[]) =>
    renderPage(res, 'moderation/recovery-codes', { codes, next: nextOf(req) }, title(res));

  const passed = (req: Request) => {
    req.session.secondFactorAt = deps.now().getTime();
  };

  router.get('/account/2fa', staff, (req, res) => page(req, res));
  router.post('/account/2fa/enrol', staff, wrongCodes, async (req, res) => {
    const form = codeForm.safeParse(req.body ?? {});
    const codes = form.success ? await secondFactor.confirmEnrolment(res.locals.currentUser!.id, form.data.code) : null;
    if (!codes) return page(req, res, 422, 'twofa.wrong');
    passed(req);
    await showCodes(req, res, codes);
  });
  router.post('/account/2fa/verify', staff, wrongCodes, async (req, res) => {
    const form = codeForm.safeParse(req.body ?? {});
    const ok = form.success && (await secondFactor.verify(res.locals.currentUser!.id, form.data.code));
    if (!ok) return page(req, res, 422, 'twofa.wrong');
    passed(req);
    res.redirect(303, nextOf(req));
  });
  router.post('/account/2fa/recovery', staff, wrongCodes, async (req, res) => {
    const form = recoveryCodeForm.safeParse(req.body ?? {});
    const left = form.success ? await secondFactor.useRecoveryCode(res.locals.currentUser!.id, form.data.recoveryCode) : null;
    if (left === null) return page(req, res, 422, 'twofa.recovery.wrong');
    passed(req);
    res.redirect(303, `/account/2fa?done=recovery_used&next=${encodeURIComponent(nextOf(req))}`);
  });
  router.post('/account/2fa/recovery-codes', staff, requireSecondFactor, regenerations, async (req, res) => {
    await showCodes(req, res, await secondFactor.regenerateRecoveryCodes(res.locals.currentUser!.id));
  });
  return router;
}
