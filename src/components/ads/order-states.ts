/**
 * The ad order's states and every allowed change, in one table. A change names who may make it; `mail` marks the
 * changes after which the advertiser must act (look at a proof, pay). The service applies a change in one
 * transaction with its audit_log row; nothing else writes ad_orders.state.
 */
export const ORDER_STATES = [
  'draft',
  'submitted',
  'proof_sent',
  'change_requested',
  'approved',
  'awaiting_payment',
  'paid',
  'scheduled',
  'running',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** advertiser: the order's owner; desk: the desk role or an admin; system: the service itself (after a payment, the calendar). */
export type Actor = 'advertiser' | 'desk' | 'system';

export interface Transition { from: readonly OrderState[]; to: OrderState; by: readonly Actor[]; mail?: boolean }

const OPEN: readonly OrderState[] = ['draft', 'submitted', 'proof_sent', 'change_requested', 'approved', 'awaiting_payment'];

export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', by: ['advertiser', 'desk'] },
  sendProof: { from: ['submitted', 'proof_sent', 'change_requested'], to: 'proof_sent', by: ['desk'], mail: true },
  approveProof: { from: ['proof_sent'], to: 'approved', by: ['advertiser'] },
  requestChange: { from: ['proof_sent'], to: 'change_requested', by: ['advertiser'] },
  awaitPayment: { from: ['approved'], to: 'awaiting_payment', by: ['system'], mail: true },
  markPaid: { from: ['awaiting_payment'], to: 'paid', by: ['system', 'desk'] },
  // Paid orders, and approved ones of account customers (후불), are scheduled.
  schedule: { from: ['paid', 'approved'], to: 'scheduled', by: ['system', 'desk'] },
  startRunning: { from: ['scheduled'], to: 'running', by: ['system'] },
  complete: { from: ['running'], to: 'completed', by: ['system'] },
  // The advertiser may cancel an open order before its first deadline (checked by the service); the desk any time.
  cancel: { from: [...OPEN, 'paid', 'scheduled'], to: 'cancelled', by: ['advertiser', 'desk'] },
  refund: { from: ['paid', 'scheduled', 'running', 'cancelled'], to: 'refunded', by: ['desk'] },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** Whether `actor` may make this change from `state` (the advertiser's cancel also needs the deadline check). */
export function canTransition(name: TransitionName, state: OrderState, actor: Actor): boolean {
  const t: Transition = TRANSITIONS[name];
  return t.from.includes(state) && t.by.includes(actor);
}

/** States in which the advertiser cancelling is allowed at all (before the first deadline). */
export const ADVERTISER_CANCELLABLE: ReadonlySet<OrderState> = new Set(OPEN);

/** States in which the order still owes money (a payment can be applied). */
export const PAYABLE: ReadonlySet<OrderState> = new Set(['awaiting_payment']);
