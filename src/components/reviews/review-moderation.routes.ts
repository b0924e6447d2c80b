/** Mounted under /mod with the moderation guard (so the guard test walks it): the review queue and the decisions. */
import { Router, type RequestHandler } from 'express';
import { ValidationError } from '../../core/errors.js';
import { renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import type { ReviewModerationService } from './review-moderation.service.js';
import { decisionForm, doneKey } from './reviews.schemas.js';
import { queueVM } from './reviews.view-models.js';

export function createReviewModerationRouter(deps: { guard: RequestHandler[]; moderation: ReviewModerationService }): Router {
  const router = Router();
  router.use(...deps.guard);

  router.get('/reviews', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const { t } = res.locals;
    await renderPage(
      res,
      'reviews/queue',
      queueVM(await deps.moderation.queue(), t, doneKey(req.query.done, ['hide', 'restore', 'dismiss'])),
      { title: t('review.queueTitle'), robots: 'noindex' },
    );
  });

  router.post('/reviews/:id/decide', async (req, res) => {
    const parsed = decisionForm.safeParse(req.body ?? {});
    if (!parsed.success) throw new ValidationError({ action: 'moderation.error.input' }, 'moderation.error.input');
    await deps.moderation.decide(
      res.locals.currentUser!.id,
      pathId(req.params.id),
      parsed.data.target,
      parsed.data.action,
      parsed.data.note,
    );
    res.redirect(303, `/mod/reviews?done=${parsed.data.action}`);
  });

  return router;
}
