/** The advertiser's insights: /my/listings/:id/insights (page) and /my/listings/:id/insights.csv (daily figures). */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { viewerOf } from '../../web/viewer.js';
import { PERIODS, type InsightsService, type Period } from './insights.service.js';
import { insightsCsv, insightsVM } from './insights.view-models.js';

/** ?days=7|30|90; anything else is the default 30 days. */
const daysQuery = z
  .object({
    days: z.coerce
      .number()
      .int()
      .refine((n): n is Period => (PERIODS as readonly number[]).includes(n))
      .catch(30),
  })
  .catch({ days: 30 });

export function createInsightsRouter(deps: { insights: InsightsService; requireUser: RequestHandler }): Router {
  const router = Router();

  router.get('/my/listings/:id/insights', deps.requireUser, async (req, res) => {
    const { lang, t } = res.locals;
    const data = await deps.insights.listingInsights(pathId(req.params.id), viewerOf(res), daysQuery.parse(req.query).days as Period);
    res.set('Cache-Control', 'no-store');
    await renderPage(res, 'stats/insights', insightsVM(data, lang, t), {
      title: t('insights.title', { name: data.listing.name }),
      robots: 'noindex',
    });
  });

  router.get('/my/listings/:id/insights.csv', deps.requireUser, async (req, res) => {
    const { t } = res.locals;
    const data = await deps.insights.listingInsights(pathId(req.params.id), viewerOf(res), daysQuery.parse(req.query).days as Period);
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', `attachment; filename="golmok-insights-${data.listing.id}-${data.from}-${data.to}.csv"`);
    res.type('text/csv; charset=utf-8').send(insightsCsv(data, t));
  });

  return router;
}
