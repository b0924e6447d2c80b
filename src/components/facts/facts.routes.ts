/**
 * Public: "정보가 달라요" (GET the one-tap form, POST a report: proof of work, rate limits, no account).
 * Owners (and the desk for its listings) under /my/listings/:id/facts: closures, holiday hours, the holiday rule,
 * answers to reports, printable door notices. The 명절 reminder's one-click link: /holiday-hours/:token (no login).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import QRCode from 'qrcode';
import type { HumanCheck } from '../../web/human-check.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import { originOf, renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { viewerOf } from '../../web/viewer.js';
import { ValidationError } from '../../core/errors.js';
import { listingPath, VISITOR, type ListingsService } from '../listings/index.js';
import { renderLinkMessage, renderLinkState } from '../freshness/index.js';
import type { FactsService } from './facts.service.js';
import type { FactChecksService } from './fact-checks.service.js';
import type { HolidayReminders } from './holiday-reminders.service.js';
import {
  answerForm,
  factReportForm,
  FACT_REPORT_REASONS,
  holidayDayChoice,
  holidayRuleForm,
  isTime,
  specialDayForm,
} from './facts.schemas.js';
import { doorNoticeVM, manageVM } from './facts.view-models.js';

const fieldErrors = (issues: Array<{ path: PropertyKey[]; message: string }>) =>
  Object.fromEntries(
    issues.map((i) => [
      String(i.path[0] ?? 'kind'),
      i.message.startsWith('facts.') ? i.message : `facts.error.${i.path[0] === 'reason' ? 'reason' : 'dates'}`,
    ]),
  );

export function createFactsRouter(deps: {
  facts: FactsService;
  checks: FactChecksService;
  holidays: HolidayReminders;
  listings: ListingsService;
  humanCheck: HumanCheck;
  limiter: LimiterFactory;
  requireUser: RequestHandler;
  reportsPerHour: number;
  baseUrl: string | undefined;
  visitorHash: (ip: string, ua: string) => Promise<string>;
}): Router {
  const router = Router();
  const [perIp, perAccount] = hourlyPerIpAndAccount(deps.limiter, 'fact-report', { ip: deps.reportsPerHour, account: deps.reportsPerHour });
  const linkLimit = deps.limiter({ name: 'holiday-links', windowMs: 10 * 60_000, limit: 30 });
  const csrf = (res: Response) => String(res.locals.csrfToken ?? '');

  async function reportPage(
    req: Request,
    res: Response,
    opts: { sent?: boolean; error?: string; note?: string } = {},
    status = 200,
  ): Promise<void> {
    const { listing } = await deps.listings.getListingForViewer(pathId(req.params.id), VISITOR);
    const { t } = res.locals;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'facts/report',
      {
        name: listing.name,
        url: listingPath(listing),
        action: `/listings/${listing.id}/facts`,
        sent: Boolean(opts.sent),
        error: opts.error ? t(opts.error) : null,
        note: opts.note ?? '',
        reasons: FACT_REPORT_REASONS.map((r) => ({ value: r, label: t(`facts.report.reason.${r}`) })),
      },
      { title: t(opts.sent ? 'facts.report.thanks' : 'facts.report.title', { name: listing.name }), robots: 'noindex' },
      status,
    );
  }

  router.get('/listings/:id/facts', (req, res) => reportPage(req, res, { sent: req.query.sent === '1' }));

  router.post('/listings/:id/facts', perIp, perAccount, async (req, res) => {
    const parsed = factReportForm.safeParse(req.body ?? {});
    const note = String(req.body?.note ?? '').slice(0, 500);
    const bot = parsed.success ? await deps.humanCheck.check(req.body) : await deps.humanCheck.peek(req.body);
    if (!parsed.success || bot) return reportPage(req, res, { error: bot ?? 'facts.report.error.reason', note }, 422);
    const id = pathId(req.params.id);
    await deps.checks.fileReport(id, parsed.data, await deps.visitorHash(req.ip ?? '', req.get('user-agent') ?? ''));
    res.redirect(303, `/listings/${id}/facts?sent=1`);
  });

  // ---- owners and the desk ----------------------------------------------------------------------------------------

  async function manage(
    req: Request,
    res: Response,
    extra: { values?: Record<string, string>; errors?: Record<string, string> } = {},
    status = 200,
  ): Promise<void> {
    const data = await deps.facts.manageData(pathId(req.params.id), viewerOf(res));
    const { t } = res.locals;
    const notice =
      typeof req.query.done === 'string' && ['saved', 'deleted', 'answered'].includes(req.query.done)
        ? t(`facts.manage.${req.query.done}`)
        : null;
    const vm = manageVM({ ...data, csrfToken: csrf(res), ...extra, notice }, t);
    res.set('Cache-Control', 'no-store');
    await renderPage(res, 'facts/manage', vm, { title: vm.title, robots: 'noindex' }, status);
  }
  const back = (id: number, done: string) => `/my/listings/${id}/facts?done=${done}`;

  router.get('/my/listings/:id/facts', deps.requireUser, (req, res) => manage(req, res));

  router.post('/my/listings/:id/facts/special-days', deps.requireUser, async (req, res) => {
    const values = Object.fromEntries(
      ['kind', 'startsOn', 'endsOn', 'reason', 'note', 'opensAt', 'closesAt'].map((k) => [k, String(req.body?.[k] ?? '').slice(0, 200)]),
    );
    const parsed = specialDayForm.safeParse(req.body ?? {});
    if (!parsed.success) return manage(req, res, { values, errors: fieldErrors(parsed.error.issues) }, 422);
    const id = pathId(req.params.id);
    try {
      await deps.facts.addSpecialDay(id, viewerOf(res), parsed.data);
    } catch (err) {
      if (err instanceof ValidationError) return manage(req, res, { values, errors: err.fieldErrors as Record<string, string> }, 422);
      throw err;
    }
    res.redirect(303, back(id, 'saved'));
  });

  router.post('/my/listings/:id/facts/special-days/:sid/delete', deps.requireUser, async (req, res) => {
    const id = pathId(req.params.id);
    await deps.facts.deleteSpecialDay(id, viewerOf(res), pathId(req.params.sid));
    res.redirect(303, back(id, 'deleted'));
  });

  router.post('/my/listings/:id/facts/holiday-rule', deps.requireUser, async (req, res) => {
    const id = pathId(req.params.id);
    const parsed = holidayRuleForm.safeParse(req.body ?? {});
    if (!parsed.success) return manage(req, res, {}, 422);
    await deps.facts.setHolidayRule(id, viewerOf(res), parsed.data.rule === 'none' ? null : parsed.data.rule);
    res.redirect(303, back(id, 'saved'));
  });

  router.post('/my/listings/:id/facts/answer', deps.requireUser, async (req, res) => {
    const id = pathId(req.params.id);
    const parsed = answerForm.safeParse(req.body ?? {});
    if (!parsed.success) return manage(req, res, { errors: { answer: 'facts.error.answer' } }, 422);
    await deps.checks.answerReports(id, viewerOf(res), parsed.data.answer);
    res.redirect(303, back(id, 'answered'));
  });

  router.get('/my/listings/:id/facts/door-notice/:sid', deps.requireUser, async (req, res) => {
    const { listing, day } = await deps.facts.specialDay(pathId(req.params.id), viewerOf(res), pathId(req.params.sid));
    const url = `${originOf(req, deps.baseUrl)}/listings/${listing.id}-${listing.slug}?src=door`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
    const { lang, t } = res.locals;
    const model = doorNoticeVM({ name: listing.name, day, qrSvg, url, size: req.query.size === 'a5' ? 'a5' : 'a4' }, lang, t);
    res.set('Cache-Control', 'no-store');
    const html = await new Promise<string>((resolve, reject) => {
      res.render('pages/facts/door-notice', { model, title: model.heading }, (err: Error | null, out?: string) =>
        err ? reject(err) : resolve(out ?? ''),
      );
    });
    res.type('html').send(html);
  });

  // ---- the 명절 reminder's link -----------------------------------------------------------------------------------

  async function holidayPage(req: Request, res: Response, status = 200, error: string | null = null): Promise<void> {
    const { t } = res.locals;
    const link = await deps.holidays.resolve(String(req.params.token));
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    if (link.state !== 'ok') {
      await renderLinkState(res, link.state, link.state === 'expired' ? 410 : 404);
      return;
    }
    await renderPage(
      res,
      'facts/holiday',
      {
        heading: t('facts.holiday.title', { name: link.name, holiday: link.holiday.name }),
        action: req.originalUrl.split('?')[0],
        csrfToken: csrf(res),
        error: error ? t(error) : null,
        days: link.holiday.days.map((d, i) => ({ i, date: d.date, label: `${d.date} · ${d.name}` })),
      },
      { title: t('facts.holiday.title', { name: link.name, holiday: link.holiday.name }), robots: 'noindex' },
      status,
    );
  }

  router.get('/holiday-hours/done', async (_req, res) => {
    const { t } = res.locals;
    res.set('Cache-Control', 'no-store');
    await renderLinkMessage(res, t('facts.holiday.done', { holiday: '명절' }), t('facts.holiday.done.text'));
  });
  router.get('/holiday-hours/:token', linkLimit, (req, res) => holidayPage(req, res));
  router.post('/holiday-hours/:token', linkLimit, async (req, res) => {
    const link = await deps.holidays.resolve(String(req.params.token));
    if (link.state !== 'ok') return holidayPage(req, res);
    const days = [];
    for (const [i, d] of link.holiday.days.entries()) {
      const c = holidayDayChoice.safeParse({
        choice: req.body?.[`choice${i}`] ?? 'usual',
        opensAt: req.body?.[`opens${i}`],
        closesAt: req.body?.[`closes${i}`],
      });
      if (!c.success || (c.data.choice === 'hours' && !(isTime(c.data.opensAt) && isTime(c.data.closesAt))))
        return holidayPage(req, res, 422, 'facts.error.times');
      if (c.data.choice === 'closed') days.push({ date: d.date, kind: 'closed' as const, opensAt: null, closesAt: null });
      if (c.data.choice === 'hours')
        days.push({ date: d.date, kind: 'hours' as const, opensAt: c.data.opensAt!, closesAt: c.data.closesAt! });
    }
    await deps.holidays.saveHolidayHours(link.listingId, days);
    res.redirect(303, '/holiday-hours/done');
  });

  return router;
}
