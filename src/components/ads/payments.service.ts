/**
 * Bank-transfer payments: a statement upload is parsed, each new line matched (bank-statement.ts) and stored once;
 * exact matches are paid at once, the rest wait on the desk's statement page. A payment that brings an order to its
 * total marks it paid and schedules it (one transaction with the line, the payment and both audit rows). A card
 * provider would add its own method and provider reference to ad_payments and call `recordPayment` the same way.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { AppError, ConflictError, NotFoundError } from '../../core/errors.js';
import type { AdsService } from './ads.service.js';
import { matchDeposit, type PayableOrder } from './bank-statement.js';
import type { StatementJob, StatementJobResult } from './statement-rows.js';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../lib/worker-pool.js';
import { runPooled } from '../../core/pooled-job.js';

/** The worker threads that parse uploaded statements (one, started on the first upload), for createPaymentsService's `parse`. */
export function createStatementParser(opts: Omit<WorkerPoolOptions, 'workerUrl' | 'size'>) {
  const pool = createWorkerPool({ ...opts, size: 1, workerUrl: new URL('./statement-parse.worker.js', import.meta.url) });
  return { parse: (job: StatementJob) => runStatementParse(pool, job), close: () => pool.close() };
}

/** A statement parsed in the pool's worker thread; a timeout or a full queue is a 503 the desk page shows. */
export const runStatementParse = (pool: WorkerPool, job: StatementJob) =>
  runPooled<StatementJobResult>(pool, job, 'ads.error.statementBusy');
import { PAYABLE } from './order-states.js';
import * as repo from './ads.repository.js';
import * as paymentsRepo from './payments.repository.js';

export interface ImportSummary {
  lines: number;
  added: number;
  duplicates: number;
  applied: number;
  ambiguous: number;
  unmatched: number;
  skipped: number;
  encoding: string;
}

/**
 * `parse`: where a statement is parsed (the app's worker pool, off the event loop); without it, in this thread.
 * `maxLines`: the statement's row cap (DESK_MAX_ROWS).
 */
export function createPaymentsService(deps: {
  db: Knex;
  clock: Clock;
  ads: AdsService;
  maxLines: number;
  parse?: (job: StatementJob) => Promise<StatementJobResult>;
}) {
  const { db, clock, ads } = deps;

  async function payableOrders(trx: Knex): Promise<PayableOrder[]> {
    const orders = await repo.listOrders(trx, { state: 'awaiting_payment', limit: 5000 });
    const out: PayableOrder[] = [];
    for (const o of orders) {
      const paid = (await paymentsRepo.listPayments(trx, o.id)).reduce((s, p) => s + p.amount, 0);
      out.push({ id: o.id, depositor: o.depositor, customerName: o.customerName, outstanding: o.total - paid });
    }
    return out;
  }

  /** Adds a payment in `trx`; an order reaching its total is marked paid and scheduled. */
  async function recordPayment(
    trx: Knex.Transaction,
    orderId: number,
    p: { method: string; amount: number; statementLineId: number | null; recordedBy: number | null },
  ): Promise<void> {
    const order = await repo.findOrder(trx, orderId);
    if (!order || !PAYABLE.has(order.state)) throw new ConflictError('ads.error.notPayable');
    await paymentsRepo.insertPayment(trx, { orderId, ...p }, clock.now());
    await repo.insertAudit(
      trx,
      {
        actorId: p.recordedBy,
        action: 'ad_order.payment',
        orderId,
        after: { amount: p.amount, method: p.method, line: p.statementLineId },
      },
      clock.now(),
    );
    const paid = (await paymentsRepo.listPayments(trx, orderId)).reduce((s, x) => s + x.amount, 0);
    if (paid >= order.total) {
      const moved = await ads.move(trx, order, 'markPaid', 'system', p.recordedBy);
      await ads.move(trx, moved, 'schedule', 'system', null);
    }
  }

  return {
    /** Parses and stores a statement. Lines already stored (same key) change nothing. */
    async importStatement(bytes: Buffer, userId: number): Promise<ImportSummary> {
      const job = { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxLines: deps.maxLines };
      // Without a pool (scripts, unit tests) the parse runs here; exceljs is loaded only then.
      const result = deps.parse ? await deps.parse(job) : await (await import('./statement-rows.js')).runStatementJob(job);
      if ('refused' in result)
        throw new AppError(422, result.refused.messageKey, { params: result.refused.max === undefined ? {} : { max: result.refused.max } });
      const parsed = result.parsed;
      const known = await paymentsRepo.existingLineKeys(
        db,
        parsed.lines.map((l) => l.key),
      );
      const fresh = parsed.lines.filter((l) => !known.has(l.key));
      const summary: ImportSummary = {
        lines: parsed.lines.length,
        added: 0,
        duplicates: parsed.lines.length - fresh.length,
        applied: 0,
        ambiguous: 0,
        unmatched: 0,
        skipped: parsed.skipped,
        encoding: parsed.encoding,
      };
      // Line by line, each in its own transaction: an order paid by one line no longer matches the next.
      for (const line of fresh) {
        await ads.inTransaction(async (trx) => {
          const match = matchDeposit(line, await payableOrders(trx));
          const id = await paymentsRepo.insertLine(
            trx,
            {
              lineKey: line.key,
              bookedOn: line.bookedOn,
              depositor: line.depositor,
              amount: line.amount,
              memo: line.memo,
              status: match.status,
              orderId: match.status === 'applied' ? match.orderId : null,
              uploadedBy: userId,
            },
            clock.now(),
          );
          if (match.status === 'applied')
            await recordPayment(trx, match.orderId, {
              method: 'bank_transfer',
              amount: line.amount,
              statementLineId: id,
              recordedBy: userId,
            });
          summary[match.status] += 1;
          summary.added += 1;
        });
      }
      return summary;
    },

    /** Lines waiting for the desk, each with the orders it could pay. */
    async openLines() {
      const lines = await paymentsRepo.listLines(db, ['ambiguous', 'unmatched']);
      const orders = await payableOrders(db);
      return lines.map((l) => {
        const m = matchDeposit(l, orders);
        return {
          line: l,
          candidates:
            m.status === 'ambiguous'
              ? orders.filter((o) => m.candidates.includes(o.id))
              : m.status === 'applied'
                ? orders.filter((o) => o.id === m.orderId)
                : [],
        };
      });
    },

    /** The desk applies a waiting line to an order it picked (a partial or an overpayment is shown on the order). */
    async applyLine(lineId: number, orderId: number, userId: number): Promise<void> {
      await ads.inTransaction(async (trx) => {
        const line = await paymentsRepo.findLine(trx, lineId);
        if (!line) throw new NotFoundError();
        if (!(await paymentsRepo.setLineStatus(trx, lineId, ['ambiguous', 'unmatched'], 'applied', orderId)))
          throw new ConflictError('ads.error.lineDone');
        await recordPayment(trx, orderId, { method: 'bank_transfer', amount: line.amount, statementLineId: lineId, recordedBy: userId });
      });
    },

    /** The desk marks a waiting line as not an ad payment; it stays stored, so a later upload does not bring it back. */
    async ignoreLine(lineId: number): Promise<void> {
      if (!(await paymentsRepo.setLineStatus(db, lineId, ['ambiguous', 'unmatched'], 'ignored', null)))
        throw new ConflictError('ads.error.lineDone');
    },

    recordPayment,
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
