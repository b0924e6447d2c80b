/** "Report a problem" on a listing page (public, proof of work, rate-limited, deduplicated) and the owner's answers. */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import type { HumanCheck } from '../../web/human-check.js';
import { hourlyPerIpAndAccount, type LimiterFactory } from '../../web/rate-limit.js';
import { requireUser } from '../../web/guards.js';
import { renderPage } from '../../web/render.js';
import type { ListingsService } from '../listings/index.js';
import { listingPath, VISITOR } from '../listings/index.js';
import type { ReportsService } from './reports.service.js';
import { REPORT_REASONS } from './reports.service.js';
import { ownerResponseForm, reportForm } from './moderation.schemas.js';
import { pathId } from '../../web/params.js';
import { ownerReportsVM } from './moderation.view-models.js';

export function createReportsRouter(deps: {
  reports: ReportsService;
  listings: ListingsService;
  humanCheck: HumanCheck;
  limiter: LimiterFactory;
  config: Readonly<Config>;
  visitorHash: (ip: string, ua: string) => Promise<string>;
}): Router {
  const router = Router();
  const perHour = deps.config.rateLimit.reportsPerHour;
  const [perIp, perAccount] = hourlyPerIpAndAccount(deps.limiter, 'report', { ip: perHour, account: perHour });

  async function form(
    req: Request,
    res: Response,
    values: { reason: string; note: string },
    errorKeys: Array<string | null>,
    status = 200,
  ): Promise<void> {
    const { listing } = await deps.listings.getListingForViewer(pathId(req.params.id), VISITOR);
    const { t } = res.locals;
    res.set('Cache-Control', 'no-store');
    await renderPage(
      res,
      'moderation/report-form',
      {
        listing: { name: listing.name, url: listingPath(listing) },
        action: `/listings/${listing.id}/report`,
        values,
        errors: errorKeys.filter((k): k is string => Boolean(k)).map((k) => t(k)),
        reasons: REPORT_REASONS.map((r) => ({ value: r, label: t(`report.reason.${r}`), checked: values.reason === r })),
      },
      { title: t('report.title', { name: listing.name }), robots: 'noindex' },
      status,
    );
  }

  router.get('/listings/:id/report', (req, res) => form(req, res, { reason: '', note: '' }, []));

  router.post('/listings/:id/report', perIp, perAccount, async (req, res) => {
    const values = { reason: String(req.body?.reason ?? '').slice(0, 20), note: String(req.body?.note ?? '').slice(0, 1000) };
    const parsed = reportForm.safeParse(req.body ?? {});
    const bot = parsed.success ? await deps.humanCheck.check(req.body) : await deps.humanCheck.peek(req.body);
    if (!parsed.success || bot) return form(req, res, values, [parsed.success ? null : 'report.error.reason', bot], 422);
    const id = pathId(req.params.id);
    await deps.reports.file(id, parsed.data, {
      userId: res.locals.currentUser?.id ?? null,
      visitorHash: await deps.visitorHash(req.ip ?? '', req.get('user-agent') ?? ''),
    });
    res.set('Cache-Control', 'no-store');
    const { listing } = await deps.listings.getListingForViewer(id, VISITOR);
    await renderPage(
      res,
      'moderation/report-sent',
      { listing: { name: listing.name, url: listingPath(listing) }, ownerFirst: ['closed', 'moved'].includes(parsed.data.reason) },
      { title: res.locals.t('report.sentTitle'), robots: 'noindex' },
    );
  });

  router.get('/my/reports', requireUser, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const rows = await deps.reports.awaitingOwner(res.locals.currentUser!.id);
    await renderPage(res, 'moderation/owner-reports', ownerReportsVM(rows, res.locals.t), {
      title: res.locals.t('report.ownerTitle'),
      robots: 'noindex',
    });
  });

  router.post('/my/reports/:id/respond', requireUser, async (req, res) => {
    const parsed = ownerResponseForm.safeParse(req.body ?? {});
    if (!parsed.success) return res.redirect(303, '/my/reports');
    const r = await deps.reports.ownerRespond(pathId(req.params.id), res.locals.currentUser!.id, parsed.data.response, parsed.data.note);
    // Confirming a move means the address needs fixing: straight to the edit form.
    res.redirect(
      303,
      parsed.data.response === 'confirm' && r.reason === 'moved' ? `/submissions/${r.listingId}/edit` : '/my/listings?done=answered',
    );
  });
  return router;
}
