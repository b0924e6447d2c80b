/**
 * The ad business: orders from draft to completed, priced and booked against the rate card and the edition calendar
 * (ratecard.service.ts). Every state change goes through `move` (order-workflow.service.ts, order-states.ts's table):
 * one transaction with its audit_log row, and a mail to the advertiser after commit where they must act. Prices are
 * computed here only, from the product the order snapshotted.
 */
import type { Knex } from 'knex';
import { ValidationError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import { deadlineOf, isBookable, parseWeekdays, type CalendarRules } from './edition-calendar.js';
import { canTransition, ADVERTISER_CANCELLABLE } from './order-states.js';
import { isPrintKind, type ProductSnapshot, type Quote } from './pricing.js';
import { classificationList } from './print-layout/classifications.js';
import * as repo from './ads.repository.js';
import { listPayments } from './payments.repository.js';
import type { ProductRow } from './ratecard.repository.js';
import { createFeaturedTargets } from './featured-targets.js';
import { createRateCard } from './ratecard.service.js';
import { createOrderWorkflow, isStaff, quoteOf, type OrderWorkflowDeps } from './order-workflow.service.js';
import type { OrderInput } from './ads.schemas.js';

export type { ProductRow } from './ratecard.repository.js';

/** One of the advertiser's listings an order can start from (its copy) and point at (web products). */
export interface OwnListing { id: number; name: string; description: string }

export interface AdsDeps extends OrderWorkflowDeps {
  /** The account's own listings (from the submissions component); none when not given. */
  ownListings?: (userId: number) => Promise<OwnListing[]>;
  /** The directory's categories, for a featured placement's category page; none when not given. */
  categories?: () => Promise<Array<{ slug: string; nameKo: string; nameEn: string; parentId: number | null }>>;
  /** Print → web attribution (components/codes): codes made inside the transaction that schedules an order, and read for its page. */
  printCodes?: {
    onScheduled: (trx: Knex.Transaction, orderId: number) => Promise<void>;
    ofOrder: (orderId: number) => Promise<OrderCode[]>;
  };
}

/** A print run's short code as the order page shows it. */
export interface OrderCode { editionDate: string; code: string; url: string; qrSvg: string; visits: number; calls: number }

export function createAdsService(deps: AdsDeps) {
  const { db, clock, config } = deps;
  const rules: CalendarRules = {
    weekdays: parseWeekdays(config.publicationDays) ?? [1, 2, 3, 4, 5, 6],
    deadlineDaysBefore: config.deadlineDaysBefore,
    deadlineTime: config.deadlineTime,
  };
  const ownListings = async (userId: number): Promise<OwnListing[]> => (deps.ownListings ? deps.ownListings(userId) : []);
  const rateCard = createRateCard({ db, clock, rules });
  const { activeProduct, closedSet } = rateCard;
  const targets = createFeaturedTargets(deps.categories);
  const workflow = createOrderWorkflow(deps);
  const { orderFor, inTransaction } = workflow;

  const snapshot = (p: ProductRow): ProductSnapshot => ({
    id: p.id,
    code: p.code,
    nameKo: p.nameKo,
    nameEn: p.nameEn,
    rule: p.rule,
    discounts: p.discounts,
  });


  return {
    rules,
    bank: config.bank,
    /** The paper's classification list (the order form suggests its names; the classified pages group by it). */
    classifications: classificationList(config.print.classifications),
    now: () => clock.now(),
    products: rateCard.products,
    product: rateCard.product,
    saveProduct: rateCard.saveProduct,
    closedDays: rateCard.closedDays,
    closeDay: rateCard.closeDay,
    reopenDay: rateCard.reopenDay,
    editions: rateCard.editions,

    /** The live price of a form as typed (the order form's preview; a posted price never counts). */
    async quote(
      productId: number,
      input: { copy: string; runs: number; options: repo.OrderOptions },
    ): Promise<{ product: ProductRow; quote: Quote }> {
      const product = await activeProduct(productId);
      return { product, quote: quoteOf(snapshot(product), input) };
    },

    /**
     * A new order in `draft` (the advertiser's own; the desk enters one for an existing advertiser account). Print
     * products need 1–26 bookable editions; copy over the product's line limit is refused.
     */
    async createOrder(input: OrderInput, by: { userId: number; staff: boolean; advertiserId: number }): Promise<number> {
      const product = await activeProduct(input.productId);
      // A listing named in the form must be the advertiser's own; anything else is dropped, never linked.
      if (input.listingId !== null && !(await ownListings(by.advertiserId)).some((l) => l.id === input.listingId))
        input = { ...input, listingId: null };
      const snap = snapshot(product);
      const print = isPrintKind(product.kind);
      const closed = await closedSet();
      const now = clock.now();
      const runs = print ? [...new Set(input.runs)].sort() : [];
      const errors: Record<string, string> = {};
      if (print && runs.length === 0) errors.runs = 'ads.error.runsRequired';
      if (runs.some((d) => !isBookable(d, now, rules, closed))) errors.runs = 'ads.error.runPast';
      const quote = quoteOf(snap, { copy: input.copy, runs: runs.length, options: input.options });
      if (quote.overflow) errors.copy = 'ads.error.overflow';
      if ((product.rule.kind === 'web_listing' || product.rule.kind === 'featured') && input.listingId === null)
        errors.listing = 'ads.error.listingRequired';
      if (product.rule.kind === 'featured') {
        const target = await targets.targetOf(product.rule.placement, input.options.target ?? '');
        if (target) input = { ...input, options: { ...input.options, target } };
        else errors.target = `ads.error.target.${product.rule.placement}`;
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const firstDeadline = runs.length ? deadlineOf(runs[0], rules, closed) : null;
      return inTransaction(async (trx) => {
        const id = await repo.insertOrder(
          trx,
          {
            advertiserId: by.advertiserId,
            enteredBy: by.staff ? by.userId : null,
            productId: product.id,
            product: snap,
            listingId: input.listingId,
            copy: input.copy,
            options: input.options,
            customerName: input.customerName,
            state: 'draft',
            supply: quote.supply,
            vat: quote.vat,
            total: quote.total,
            billing: 'bank_transfer',
            depositor: '',
            taxInvoice: input.taxBusinessNo !== null,
            taxBusinessNo: input.taxBusinessNo,
            firstDeadline,
          },
          runs,
          now,
        );
        // The name to write on the transfer: the customer's name (spaces out, at most 6 characters) and the order number.
        await repo.setDepositor(trx, id, `${[...input.customerName.replace(/\s+/g, '')].slice(0, 6).join('')}${id}`);
        await repo.insertAudit(
          trx,
          { actorId: by.userId, action: 'ad_order.create', orderId: id, after: { state: 'draft', total: quote.total } },
          now,
        );
        return id;
      });
    },

    async orderDetails(viewer: Viewer, id: number) {
      const order = await orderFor(viewer, id);
      const [proofs, payments, audit, codes] = await Promise.all([
        repo.listProofs(db, id),
        listPayments(db, id),
        repo.orderAudit(db, id),
        deps.printCodes?.ofOrder(id) ?? Promise.resolve([] as OrderCode[]),
      ]);
      const paid = payments.reduce((s, p) => s + p.amount, 0);
      const now = clock.now();
      const beforeDeadline = !order.firstDeadline || order.firstDeadline.getTime() > now.getTime();
      const staff = isStaff(viewer);
      return {
        order,
        proofs,
        payments,
        audit,
        paid,
        staff,
        now,
        codes,
        quote: quoteOf(order.product, { copy: order.copy, runs: order.runs.length, options: order.options }),
        can: {
          submit: canTransition('submit', order.state, staff ? 'desk' : 'advertiser'),
          decide: !staff && canTransition('approveProof', order.state, 'advertiser'),
          sendProof: staff && canTransition('sendProof', order.state, 'desk'),
          cancel: staff ? canTransition('cancel', order.state, 'desk') : ADVERTISER_CANCELLABLE.has(order.state) && beforeDeadline,
          refund: staff && canTransition('refund', order.state, 'desk') && paid > 0,
          postpay:
            staff &&
            order.billing !== 'postpay' &&
            ['draft', 'submitted', 'proof_sent', 'change_requested', 'approved', 'awaiting_payment'].includes(order.state),
        },
      };
    },

    /** The account a desk entry is for (by its e-mail), or a field error. */
    async advertiserByEmail(email: string): Promise<number> {
      const id = email.trim() ? await repo.findUserIdByEmail(db, email) : null;
      if (id === null) throw new ValidationError({ advertiser_email: 'ads.error.advertiser' });
      return id;
    },

    ownListings,
    targetChoices: targets.choices,

    async listForAdvertiser(userId: number) {
      return repo.listOrders(db, { advertiserId: userId });
    },

    /** The order's moves (order-workflow.service.ts): submit, proofs, cancel, refund, 후불, the schedule; `move` for payments. */
    ...workflow,
  };
}

export type AdsService = ReturnType<typeof createAdsService>;
