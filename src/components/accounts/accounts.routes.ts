import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { requireUser, safeNextPath } from '../../web/guards.js';
import type { Role } from '../../core/viewer.js';
import type { LimiterFactory } from '../../web/rate-limit.js';
import { renderPage } from '../../web/render.js';
import { endSession, startUserSession } from '../../web/session.js';
import type { AccountsService } from './accounts.service.js';
import { normaliseEmail } from './accounts.service.js';
import {
  changePasswordSchema,
  fieldErrors,
  loginSchema,
  resetRequestSchema,
  resetSchema,
  signupSchema,
  tokenParamSchema,
} from './accounts.schemas.js';
import type { HumanCheck } from '../../web/human-check.js';

type Values = Record<string, string>;


/** Where each role's work is: the desk's import page, the review queue, or the advertiser's own listings. */
export function landingPath(role: Role): string {
  if (role === 'desk') return '/desk';
  if (role === 'moderator' || role === 'admin') return '/mod';
  return '/my/listings';
}

export function createAccountsRouter(deps: {
  accounts: AccountsService;
  config: Readonly<Config>;
  siteUrl: string;
  limiter: LimiterFactory;
  now: () => Date;
  refreshCsrf: (req: Request, res: Response) => string;
  humanCheck: HumanCheck;
}): Router {
  const router = Router();
  const { accounts, config, limiter } = deps;
  // Links in mail use the configured origin, never the request's Host header (a forged Host would send a victim a reset link to another
  // site).
  const ctx = (_req: Request, res: Response) => ({ origin: deps.siteUrl, lang: res.locals.lang });
  const form = (
    res: Response,
    view: string,
    titleKey: string,
    values: Values = {},
    errors: Record<string, string> = {},
    status = 200,
    extra: Record<string, unknown> = {},
  ) => {
    const { t } = res.locals;
    return renderPage(
      res,
      `accounts/${view}`,
      { values, errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)])), ...extra },
      { title: t(titleKey), robots: 'noindex' },
      status,
    );
  };
  const emailKey = (req: Request) => {
    const e = (req.body as Values | undefined)?.email;
    return typeof e === 'string' && e ? `acct:${normaliseEmail(e).slice(0, 254)}` : null;
  };
  const perIp = limiter({ name: 'login-ip', windowMs: 15 * 60_000, limit: 20 });
  const perAccount = limiter({ name: 'login-account', windowMs: 15 * 60_000, limit: 5, key: emailKey, countOnlyFailures: true });
  const signupLimit = limiter({ name: 'signup-ip', windowMs: 60 * 60_000, limit: config.rateLimit.signupsPerHour });
  // Per address too: the same e-mail signed up again and again (its confirmation mail resent) is a bot or an attack.
  const signupAccount = limiter({
    name: 'signup-account',
    windowMs: 60 * 60_000,
    limit: Math.min(3, config.rateLimit.signupsPerHour),
    key: emailKey,
  });
  const resetIp = limiter({ name: 'reset-ip', windowMs: 60 * 60_000, limit: 10 });
  const resetAccount = limiter({ name: 'reset-account', windowMs: 60 * 60_000, limit: 3, key: emailKey });

  router.get('/signup', (_req, res) => form(res, 'signup', 'accounts.signup.title'));
  router.post('/signup', signupLimit, signupAccount, async (req, res) => {
    const parsed = signupSchema.safeParse(req.body ?? {});
    const values = { email: String(req.body?.email ?? '').slice(0, 254), displayName: String(req.body?.displayName ?? '').slice(0, 100) };
    // Every field first, then the proof of work: all errors in one round (the solution is spent only when the fields pass).
    const bot = parsed.success ? await deps.humanCheck.check(req.body) : await deps.humanCheck.peek(req.body);
    if (!parsed.success || bot)
      return form(
        res,
        'signup',
        'accounts.signup.title',
        values,
        { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(bot ? { form: bot } : {}) },
        422,
      );
    try {
      await accounts.signUp(parsed.data, ctx(req, res));
    } catch (err) {
      if (err instanceof ValidationError) return form(res, 'signup', 'accounts.signup.title', values, err.fieldErrors, 422);
      throw err;
    }
    res.redirect(303, '/signup/sent');
  });
  router.get('/signup/sent', (_req, res) =>
    form(res, 'message', 'accounts.signup.sentTitle', {}, {}, 200, { messageKey: 'accounts.signup.sent' }),
  );

  router.get('/verify-email/:token', async (req, res) => {
    if (!tokenParamSchema.safeParse(req.params).success) throw new NotFoundError();
    await form(res, 'verify', 'accounts.verify.title', {}, {}, 200, { token: req.params.token });
  });
  router.post('/verify-email/:token', async (req, res) => {
    const p = tokenParamSchema.safeParse(req.params);
    const ok = p.success && (await accounts.verifyEmail(p.data.token)) !== null;
    await form(res, 'message', 'accounts.verify.title', {}, {}, ok ? 200 : 410, {
      messageKey: ok ? 'accounts.verify.done' : 'accounts.token.invalid',
      loginLink: ok,
    });
  });

  router.get('/login', (req, res) => form(res, 'login', 'accounts.login.title', { next: safeNextPath(req.query.next, '') }));
  router.post('/login', perIp, perAccount, async (req, res) => {
    const parsed = loginSchema.safeParse(req.body ?? {});
    const values = { email: String(req.body?.email ?? '').slice(0, 254), next: safeNextPath(req.body?.next, '') };
    if (!parsed.success) return form(res, 'login', 'accounts.login.title', values, fieldErrors(parsed.error), 422);
    const result = await accounts.authenticate(parsed.data.email, parsed.data.password);
    if (!result.ok)
      return form(
        res,
        'login',
        'accounts.login.title',
        values,
        { form: result.reason === 'unverified' ? 'accounts.login.unverified' : 'accounts.login.invalid' },
        422,
      );
    await startUserSession(req, result.user.id, deps.now());
    deps.refreshCsrf(req, res);
    res.redirect(303, safeNextPath(parsed.data.next, landingPath(result.user.role)));
  });

  router.post('/logout', async (req, res) => {
    await endSession(req);
    res.clearCookie(config.isProduction ? '__Host-golmok.sid' : 'golmok.sid', { path: '/' });
    res.redirect(303, '/');
  });

  router.get('/account', requireUser, (_req, res) =>
    form(res, 'account', 'accounts.account.title', {}, {}, 200, {
      user: res.locals.currentUser,
      showSecondFactor: res.locals.currentUser!.role !== 'advertiser',
    }),
  );
  router.get('/account/password', requireUser, (_req, res) => form(res, 'change-password', 'accounts.password.changeTitle'));
  router.post('/account/password', requireUser, async (req, res) => {
    const parsed = changePasswordSchema.safeParse(req.body ?? {});
    if (!parsed.success) return form(res, 'change-password', 'accounts.password.changeTitle', {}, fieldErrors(parsed.error), 422);
    try {
      await accounts.changePassword(res.locals.currentUser!.id, parsed.data.currentPassword, parsed.data.newPassword);
    } catch (err) {
      if (err instanceof ValidationError) return form(res, 'change-password', 'accounts.password.changeTitle', {}, err.fieldErrors, 422);
      throw err;
    }
    await endSession(req);
    res.redirect(303, '/login?changed=1');
  });

  router.get('/password-reset', (_req, res) => form(res, 'reset-request', 'accounts.reset.title'));
  router.post('/password-reset', resetIp, resetAccount, async (req, res) => {
    const parsed = resetRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return form(
        res,
        'reset-request',
        'accounts.reset.title',
        { email: String(req.body?.email ?? '').slice(0, 254) },
        fieldErrors(parsed.error),
        422,
      );
    await accounts.requestPasswordReset(parsed.data.email, ctx(req, res));
    await form(res, 'message', 'accounts.reset.title', {}, {}, 200, { messageKey: 'accounts.reset.sent' });
  });
  router.get('/password-reset/:token', async (req, res) => {
    const p = tokenParamSchema.safeParse(req.params);
    if (!p.success || !(await accounts.isResetTokenValid(p.data.token)))
      return form(res, 'message', 'accounts.reset.title', {}, {}, 410, { messageKey: 'accounts.token.invalid' });
    await form(res, 'reset', 'accounts.reset.title', {}, {}, 200, { token: p.data.token });
  });
  router.post('/password-reset/:token', resetIp, async (req, res) => {
    const p = tokenParamSchema.safeParse(req.params);
    const body = resetSchema.safeParse(req.body ?? {});
    if (!p.success) return form(res, 'message', 'accounts.reset.title', {}, {}, 410, { messageKey: 'accounts.token.invalid' });
    if (!body.success) return form(res, 'reset', 'accounts.reset.title', {}, fieldErrors(body.error), 422, { token: p.data.token });
    let ok: boolean;
    try {
      ok = await accounts.resetPassword(p.data.token, body.data.password);
    } catch (err) {
      if (err instanceof ValidationError)
        return form(res, 'reset', 'accounts.reset.title', {}, err.fieldErrors, 422, { token: p.data.token });
      throw err;
    }
    if (!ok) return form(res, 'message', 'accounts.reset.title', {}, {}, 410, { messageKey: 'accounts.token.invalid' });
    res.redirect(303, '/login?reset=1');
  });

  return router;
}
