/** The desk's verification queue under /checks (desk, moderators, admins, past the second factor): list, check, apply. */
import { Router, type RequestHandler, type Response } from 'express';
import { renderPage } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { ValidationError } from '../../core/errors.js';
import type { FactChecksService } from './fact-checks.service.js';
import { checkForm } from './facts.schemas.js';
import { checkVM, queueVM } from './facts.view-models.js';

export function createFactChecksRouter(deps: { guard: RequestHandler[]; checks: FactChecksService; threshold: number }): Router {
  const router = Router();
  router.use(...deps.guard);
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/', async (req, res) => {
    const { t } = res.locals;
    await renderPage(res, 'facts/queue', queueVM(await deps.checks.queue(), deps.threshold, t, req.query.done === '1'), {
      title: t('facts.queue.title'),
      robots: 'noindex',
    });
  });

  async function form(
    res: Response,
    id: number,
    extra: { values?: Record<string, string | string[]>; errors?: Record<string, string> } = {},
    status = 200,
  ): Promise<void> {
    const data = await deps.checks.checkData(id);
    const vm = checkVM({ ...data, csrfToken: String(res.locals.csrfToken ?? ''), ...extra }, res.locals.lang, res.locals.t);
    await renderPage(res, 'facts/check', vm, { title: vm.title, robots: 'noindex' }, status);
  }

  router.get('/:id', (req, res) => form(res, pathId(req.params.id)));

  router.post('/:id', async (req, res) => {
    const id = pathId(req.params.id);
    const body = (req.body ?? {}) as Record<string, string | string[]>;
    const values = Object.fromEntries(
      ['method', 'outcome', 'note', 'newPhone', 'newAddress', 'newOpens', 'newCloses', 'closedDays'].map((k) => [k, body[k] ?? '']),
    );
    const parsed = checkForm.safeParse(body);
    if (!parsed.success) return form(res, id, { values, errors: { outcome: 'facts.check.error.choice' } }, 422);
    try {
      await deps.checks.recordCheck(id, res.locals.currentUser!.id, parsed.data);
    } catch (err) {
      if (err instanceof ValidationError) return form(res, id, { values, errors: err.fieldErrors as Record<string, string> }, 422);
      throw err;
    }
    res.redirect(303, '/checks?done=1');
  });
  return router;
}
