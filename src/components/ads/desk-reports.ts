/**
 * What the desk reads off the orders: the dashboard's counts per state and edition, the edition's run list for layout
 * (one row per print order × edition), revenue per edition and month, and the month's tax invoice requests. Every
 * CSV goes through csvLine, which neutralises spreadsheet formulas in user-written cells.
 */
import type { Knex } from 'knex';
import { seoulParts } from '../../lib/clock.js';
import { csvLine } from '../desk/index.js';
import { formatBusinessNumber } from './business-number.js';
import type { Edition } from './edition-calendar.js';
import { isPrintKind } from './pricing.js';
import * as repo from './ads.repository.js';

const EARNING = new Set(['paid', 'scheduled', 'running', 'completed']);
const NEEDS_APPROVAL = new Set(['submitted', 'proof_sent', 'change_requested']);

/** An order's supply amount split over its editions in whole won (the remainder goes to the first editions). */
export function splitOverRuns(supply: number, runs: number): number[] {
  const base = Math.floor(supply / runs);
  return Array.from({ length: runs }, (_, i) => base + (i < supply - base * runs ? 1 : 0));
}

export interface RunRow {
  orderId: number;
  edition: string;
  state: string;
  product: string;
  classification: string;
  copy: string;
  customer: string;
  size: string;
  extras: string;
}

export function createDeskReports(deps: { db: Knex }) {
  const { db } = deps;
  const allOrders = () => repo.listOrders(db, { limit: 20_000 });

  return {
    async overview(editions: Edition[]) {
      const counts = await repo.countOrdersByState(db);
      const orders = await repo.listOrders(db, { limit: 5000 });
      const live = orders.filter((o) => o.state !== 'cancelled' && o.state !== 'refunded' && o.state !== 'draft');
      return {
        counts,
        editions: editions.map((e) => {
          const inEdition = live.filter((o) => o.runs.includes(e.date));
          return {
            ...e, orders: inEdition.length, lacksApproval: inEdition.filter((o) => NEEDS_APPROVAL.has(o.state)).length,
            lacksPayment: inEdition.filter((o) => o.state === 'awaiting_payment' || o.state === 'approved').length,
          };
        }),
      };
    },

    listOrders: (f: { state?: repo.OrderRow['state']; edition?: string }) => repo.listOrders(db, f),

    /** The layout's run list of one edition: print orders that are not cancelled or refunded, one row each. */
    async runList(edition: string): Promise<RunRow[]> {
      const orders = (await repo.runsOfEdition(db, edition)).filter(
        (o) => isPrintKind(o.product.rule.kind) && o.state !== 'cancelled' && o.state !== 'refunded' && o.state !== 'draft',
      );
      return orders.map((o) => ({
        orderId: o.id,
        edition,
        state: o.state,
        product: o.product.nameKo,
        classification: o.options.classification ?? '',
        copy: o.copy,
        customer: o.customerName,
        size:
          o.product.rule.kind === 'display'
            ? `${o.options.columns}단×${o.options.cm}cm${o.options.colour ? ' 컬러' : ''}`
            : `${o.product.rule.kind === 'line' ? o.product.rule.charsPerLine : o.product.rule.kind === 'bundle' ? o.product.rule.line.charsPerLine : ''}자 줄광고`,
        extras: (['bold', 'box', 'photo'] as const).filter((k) => o.options[k]).join(' '),
      }));
    },

    runListCsv(rows: RunRow[]): string {
      return `\uFEFF${csvLine(['주문번호', '게재일', '상태', '상품', '분류', '크기', '옵션', '광고주', '문안'])}${rows.map((r) => csvLine([String(r.orderId), r.edition, r.state, r.product, r.classification, r.size, r.extras, r.customer, r.copy])).join('')}`;
    },

    /** Supply amounts of paid (or 후불 scheduled) orders per edition and per month; web products count in their order's month. */
    async revenueCsv(): Promise<string> {
      const perEdition = new Map<string, number>();
      const perMonth = new Map<string, number>();
      for (const o of await allOrders()) {
        if (!EARNING.has(o.state)) continue;
        if (o.runs.length) {
          splitOverRuns(o.supply, o.runs.length).forEach((amount, i) => {
            perEdition.set(o.runs[i], (perEdition.get(o.runs[i]) ?? 0) + amount);
            perMonth.set(o.runs[i].slice(0, 7), (perMonth.get(o.runs[i].slice(0, 7)) ?? 0) + amount);
          });
        } else {
          const month = seoulParts(o.createdAt).day.slice(0, 7);
          perMonth.set(month, (perMonth.get(month) ?? 0) + o.supply);
        }
      }
      const rows = [
        ...[...perEdition].sort().map(([k, v]) => csvLine(['호', k, String(v)])),
        ...[...perMonth].sort().map(([k, v]) => csvLine(['월', k, String(v)])),
      ];
      return `\uFEFF${csvLine(['구분', '기간', '공급가액'])}${rows.join('')}`;
    },

    /** The month's 세금계산서 requests (by order date, Asia/Seoul), for the desk's tax invoice run. */
    async taxInvoiceCsv(month: string): Promise<string> {
      const rows = (await allOrders()).filter(
        (o) => o.taxBusinessNo && seoulParts(o.createdAt).day.startsWith(month) && o.state !== 'cancelled' && o.state !== 'draft',
      );
      return `\uFEFF${csvLine(['주문번호', '주문일', '상호', '사업자등록번호', '이메일', '공급가액', '부가세', '합계', '상태'])}${rows
        .map((o) =>
          csvLine([
            String(o.id),
            seoulParts(o.createdAt).day,
            o.customerName,
            formatBusinessNumber(o.taxBusinessNo!),
            o.advertiserEmail,
            String(o.supply),
            String(o.vat),
            String(o.total),
            o.state,
          ]),
        )
        .join('')}`;
    },
  };
}

export type DeskReports = ReturnType<typeof createDeskReports>;
