/**
 * An ad order's moves through its states: every change goes through `move` (order-states.ts's table), one
 * transaction with its audit_log row, and a mail to the advertiser after commit where they must act. The advertiser's
 * and the desk's actions on an existing order (submit, proofs, cancel, refund, 후불) and the daily schedule advance.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { formatWon } from '../../lib/money.js';
import type { AdsConfig } from '../../config/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import { canTransition, ADVERTISER_CANCELLABLE, TRANSITIONS, type Actor, type TransitionName } from './order-states.js';
import { priceOrder, type ProductSnapshot, type Quote } from './pricing.js';
import * as repo from './ads.repository.js';
import { applyWebProduct, type ExtendPaidPeriod } from './placements.js';

export interface OrderWorkflowDeps {
  db: Knex; clock: Clock; mailer: Mailer; logger: Logger; config: AdsConfig; siteUrl: string;
  /** The listings lifecycle's paid-period move: a paid listing period sets the listing's expiry through it. */
  extendPaidPeriod?: ExtendPaidPeriod;
  /** Print → web attribution (components/codes): codes made inside the transaction that schedules an order. */
  printCodes?: { onScheduled: (trx: Knex.Transaction, orderId: number) => Promise<void> };
}

export const isStaff = (v: Viewer) => v.role === 'desk' || v.role === 'admin';

/** The price of an order's copy, runs and options under its product's rule; a size the rule cannot price is a field error. */
export function quoteOf(product: ProductSnapshot, input: { copy: string; runs: number; options: repo.OrderOptions }): Quote {
  try {
    return priceOrder(product.rule, product.discounts, {
      copy: input.copy,
      runs: input.runs,
      extras: input.options,
      columns: input.options.columns,
      cm: input.options.cm,
      colour: input.options.colour,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new ValidationError({ size: 'ads.error.size' });
    throw err;
  }
}

export function createOrderWorkflow(deps: OrderWorkflowDeps) {
  const { db, clock, config } = deps;
  const today = () => seoulParts(clock.now()).day;

  /** The order as the viewer may see it: its advertiser or the desk; anyone else gets 404 (no hint that it exists). */
  async function orderFor(viewer: Viewer, id: number): Promise<repo.OrderRow> {
    const order = await repo.findOrder(db, id);
    if (!order || !viewer.userId || (order.advertiserId !== viewer.userId && !isStaff(viewer))) throw new NotFoundError();
    return order;
  }

  type Mail = { to: string; subject: string; text: string };

  /** One state change inside `trx`: checked against the table, written only if the row is still in its state, audited. */
  async function move(
    trx: Knex.Transaction,
    order: repo.OrderRow,
    name: TransitionName,
    actor: Actor,
    actorId: number | null,
    reason?: string,
  ): Promise<repo.OrderRow> {
    if (!canTransition(name, order.state, actor)) throw new ConflictError('ads.error.state');
    const to = TRANSITIONS[name].to;
    if (!(await repo.updateOrderIf(trx, order.id, order.state, { state: to }, clock.now()))) throw new ConflictError('ads.error.state');
    await repo.insertAudit(
      trx,
      { actorId, action: `ad_order.${name}`, orderId: order.id, reason, before: { state: order.state }, after: { state: to } },
      clock.now(),
    );
    // A web product takes effect once its order is scheduled (paid, or approved for a 후불 customer); a print run gets its short code.
    if (to === 'scheduled') {
      await applyWebProduct(trx, order, actorId, clock.now(), deps.extendPaidPeriod);
      await deps.printCodes?.onScheduled(trx, order.id);
    }
    return { ...order, state: to };
  }

  function mailFor(order: repo.OrderRow, name: TransitionName): Mail | null {
    const link = `${deps.siteUrl}/ads/orders/${order.id}`;
    const amount = formatWon(order.total);
    if (name === 'sendProof') {
      return {
        to: order.advertiserEmail,
        subject: `[골목] 광고 교정지를 확인해 주세요 (주문 ${order.id})`,
        text: `주문 ${order.id}의 교정지가 준비되었습니다. 확인 후 승인하거나 수정을 요청해 주세요.\nA proof of your ad order ${order.id} is ready: please approve it or ask for changes.\n\n${link}\n`,
      };
    }
    if (name === 'awaitPayment') {
      const b = config.bank;
      return {
        to: order.advertiserEmail,
        subject: `[골목] 광고비 입금 안내 (주문 ${order.id}, ${amount})`,
        text:
          `광고 교정을 승인해 주셔서 감사합니다. 아래 계좌로 입금해 주세요.\n금액: ${amount}\n계좌: ${b.name} ${b.account} (예금주 ${b.holder})\n입금자명: ${order.depositor}\n\n` +
          `Thank you for approving the proof. Please pay ${formatWon(order.total, 'en')} to ${b.name} ${b.account} (holder ${b.holder}) with the depositor name ${order.depositor}.\n\n${link}\n`,
      };
    }
    return null;
  }

  /** Runs `work` in one transaction, then sends the mails it asked for (a failed mail is logged, never undoes the change). */
  async function inTransaction<T>(work: (trx: Knex.Transaction, mail: (m: Mail | null) => void) => Promise<T>): Promise<T> {
    const mails: Mail[] = [];
    const result = await db.transaction((trx) => work(trx, (m) => { if (m) mails.push(m); }));
    for (const m of mails) await deps.mailer.send(m).catch((err: unknown) => deps.logger.warn({ err }, 'ad order mail not sent'));
    return result;
  }

  const actorOf = (viewer: Viewer, order: repo.OrderRow): Actor =>
    isStaff(viewer)
      ? 'desk'
      : order.advertiserId === viewer.userId
        ? 'advertiser'
        : (() => {
            throw new ForbiddenError();
          })();

  return {
    orderFor,
    async submit(viewer: Viewer, id: number): Promise<void> {
      const order = await orderFor(viewer, id);
      await inTransaction((trx) => move(trx, order, 'submit', actorOf(viewer, order), viewer.userId));
    },

    /** The desk sends a proof (a new version; the copy may be edited, and the price follows it). */
    async sendProof(viewer: Viewer, id: number, copy: string | null): Promise<void> {
      const order = await orderFor(viewer, id);
      if (!isStaff(viewer)) throw new NotFoundError();
      const text = copy ?? order.copy;
      const quote = quoteOf(order.product, { copy: text, runs: order.runs.length, options: order.options });
      if (quote.overflow) throw new ValidationError({ copy: 'ads.error.overflow' });
      await inTransaction(async (trx, mail) => {
        const moved = await move(trx, order, 'sendProof', 'desk', viewer.userId);
        await repo.updateOrderIf(
          trx,
          id,
          moved.state,
          { copy: text, supply: quote.supply, vat: quote.vat, total: quote.total },
          clock.now(),
        );
        await repo.insertProof(trx, id, text, viewer.userId!, clock.now());
        mail(mailFor(moved, 'sendProof'));
      });
    },

    /** The advertiser approves the latest proof (→ awaiting payment, or scheduled for a 후불 customer) or asks for a change. */
    async decideProof(viewer: Viewer, id: number, approve: boolean, note: string | null): Promise<void> {
      const order = await orderFor(viewer, id);
      if (order.advertiserId !== viewer.userId) throw new NotFoundError();
      await inTransaction(async (trx, mail) => {
        await repo.decideLatestProof(trx, id, approve ? 'approved' : 'change_requested', note, clock.now());
        if (!approve) return void (await move(trx, order, 'requestChange', 'advertiser', viewer.userId, note ?? undefined));
        const approved = await move(trx, order, 'approveProof', 'advertiser', viewer.userId);
        if (approved.billing === 'postpay') await move(trx, approved, 'schedule', 'system', null, 'postpay');
        else mail(mailFor(await move(trx, approved, 'awaitPayment', 'system', null), 'awaitPayment'));
      });
    },

    async cancel(viewer: Viewer, id: number): Promise<void> {
      const order = await orderFor(viewer, id);
      const actor = actorOf(viewer, order);
      if (
        actor === 'advertiser' &&
        (!ADVERTISER_CANCELLABLE.has(order.state) || (order.firstDeadline && order.firstDeadline.getTime() <= clock.now().getTime()))
      ) {
        throw new ConflictError('ads.error.cancelLate');
      }
      await inTransaction((trx) => move(trx, order, 'cancel', actor, viewer.userId));
    },

    async refund(viewer: Viewer, id: number): Promise<void> {
      const order = await orderFor(viewer, id);
      if (!isStaff(viewer)) throw new NotFoundError();
      await inTransaction((trx) => move(trx, order, 'refund', 'desk', viewer.userId));
    },

    /** The desk marks an account customer 후불 (pays later on invoice): approval schedules the order at once. */
    async setPostpay(viewer: Viewer, id: number): Promise<void> {
      const order = await orderFor(viewer, id);
      if (!isStaff(viewer)) throw new NotFoundError();
      await inTransaction(async (trx) => {
        if (!(await repo.updateOrderIf(trx, id, order.state, { billing: 'postpay' }, clock.now())))
          throw new ConflictError('ads.error.state');
        await repo.insertAudit(
          trx,
          {
            actorId: viewer.userId,
            action: 'ad_order.postpay',
            orderId: id,
            before: { billing: order.billing },
            after: { billing: 'postpay' },
          },
          clock.now(),
        );
        if (order.state === 'awaiting_payment') await move(trx, order, 'schedule', 'desk', viewer.userId, 'postpay');
      });
    },

    /** Scheduled orders whose first edition has come start running; running ones past their last edition complete. */
    async advanceSchedules(): Promise<number> {
      const day = today();
      let changed = 0;
      for (const state of ['scheduled', 'running'] as const) {
        for (const order of await repo.listOrders(db, { state, limit: 1000 })) {
          const first = order.runs[0];
          const last = order.runs[order.runs.length - 1];
          const name: TransitionName | null =
            state === 'scheduled' && first && first <= day ? 'startRunning' : state === 'running' && last && last < day ? 'complete' : null;
          if (!name) continue;
          await inTransaction((trx) => move(trx, order, name, 'system', null));
          changed += 1;
        }
      }
      return changed;
    },

    /** Used by payments.service.ts: one change inside its transaction. */
    move,
    inTransaction,
    mailFor,
  };
}
