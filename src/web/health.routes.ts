import { Router } from 'express';

/** GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (for load balancers). */
export function createHealthRouter(deps: { checkDatabase: () => Promise<string>; isShuttingDown: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    try {
      res.json({ status: 'ok', database: await deps.checkDatabase() });
    } catch {
      res.status(503).json({ status: 'error', database: 'unreachable' });
    }
  });
  return router;
}
