import { Router } from 'express';
import type { Knex } from 'knex';
import { clientOf } from '../db/index.js';

/** GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (for load balancers). */
export function createHealthRouter(deps: { db: Knex; isShuttingDown: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    try {
      await deps.db.raw('select 1');
      res.json({ status: 'ok', database: clientOf(deps.db) });
    } catch {
      res.status(503).json({ status: 'error', database: 'unreachable' });
    }
  });
  return router;
}
