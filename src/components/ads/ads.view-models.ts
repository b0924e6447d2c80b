/** Products, quotes and orders → exactly what the ad pages print. */
import { formatWon } from '../../lib/money.js';
import type { Lang } from '../../core/i18n.js';
import { formatBusinessNumber } from './business-number.js';
import { timeLeft, type Edition } from './edition-calendar.js';
import type { OrderRow } from './ads.repository.js';
import type { ProductRow } from './ratecard.repository.js';
import type { OrderFormValues } from './ads.schemas.js';
import type { AdsService } from './ads.service.js';
import type { Quote } from './pricing.js';
import { tearSheetDays, tearSheetHref } from './tear-sheets.js';
import { seoulParts } from '../../lib/clock.js';

type T = (k: string, p?: Record<string, string | number>) => string;

/** States in which an order's print runs get short codes printed with them. */
const PRINTED = new Set(['scheduled', 'running', 'completed']);

const seoulTime = (d: Date, lang: Lang) =>
  d.toLocaleString(lang === 'en' ? 'en-GB' : 'ko-KR', {
    timeZone: 'Asia/Seoul',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
const dayLabel = (day: string, lang: Lang) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'ko-KR', {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  });

export function leftText(deadline: Date, now: Date, t: T): string {
  const { passed, ...left } = timeLeft(deadline, now);
  if (passed) return t('ads.left.passed');
  return left.days > 0 ? t('ads.left.days', left) : t('ads.left.hours', left);
}

export const productName = (p: { nameKo: string; nameEn: string }, lang: Lang) => (lang === 'en' ? p.nameEn : p.nameKo);

export function quoteVM(q: Quote, lang: Lang, t: T) {
  return {
    items: q.items.map((i) => ({
      label: t(i.key, i.params),
      quantity: i.quantity.toLocaleString('en-US'),
      unit: formatWon(i.unitPrice, lang),
      amount: formatWon(i.amount, lang),
    })),
    discount:
      q.discount > 0 ? { label: t('ads.price.discount', { percent: q.discountPercent }), amount: `-${formatWon(q.discount, lang)}` } : null,
    supply: formatWon(q.supply, lang),
    vat: formatWon(q.vat, lang),
    total: formatWon(q.total, lang),
  };
}

export function orderFormVM(
  o: {
    products: ProductRow[];
    product: ProductRow | null;
    editions: Edition[];
    values: OrderFormValues;
    errors: Record<string, string>;
    quote: Quote | null;
    now: Date;
    staff: boolean;
    action: string;
    listings: Array<{ id: number; name: string }>;
    targets?: Array<{ value: string; ko: string; en: string }>;
    classifications?: Array<{ ko: string; en: string }>;
  },
  lang: Lang,
  t: T,
) {
  const p = o.product;
  const rule = p?.rule;
  const line = rule?.kind === 'line' ? rule : rule?.kind === 'bundle' ? rule.line : null;
  const extras =
    rule?.kind === 'line'
      ? (['bold', 'box', 'photo'] as const)
          .filter((k) => rule.extras[k] > 0)
          .map((k) => ({ name: k, label: t(`ads.new.${k}`, { price: formatWon(rule.extras[k], lang) }), checked: o.values[k] }))
      : [];
  const print = rule ? ['line', 'display', 'bundle'].includes(rule.kind) : false;
  const q = o.quote;
  return {
    action: o.action,
    staff: o.staff,
    classifications: (o.classifications ?? []).map((c) => ({ value: c.ko, label: lang === 'en' ? c.en : c.ko })),
    listings: o.listings.map((l) => ({ value: String(l.id), name: l.name, selected: String(l.id) === o.values.listing })),
    products: o.products.map((x) => ({
      id: x.id,
      name: productName(x, lang),
      href: `${o.action === '/ads/orders' ? '/ads/orders/new' : '/desk/ads/orders/new'}?product=${x.id}`,
      selected: x.id === p?.id,
    })),
    product: p ? { id: p.id, name: productName(p, lang) } : null,
    line: line
      ? {
          charsPerLine: line.charsPerLine,
          maxLines: line.maxLines,
          help: t('ads.new.copyHelp', { chars: line.charsPerLine, max: line.maxLines }),
        }
      : null,
    display:
      rule?.kind === 'display'
        ? {
            columns: t('ads.new.columns', { max: rule.maxColumns }),
            cm: t('ads.new.cm', { max: rule.maxCm }),
            maxColumns: rule.maxColumns,
            maxCm: rule.maxCm,
            colour: rule.colourPercent > 0 ? t('ads.new.colour', { percent: rule.colourPercent }) : null,
          }
        : null,
    extras,
    editions: print
      ? o.editions.map((e) => ({
          value: e.date,
          label: dayLabel(e.date, lang),
          deadline: t('ads.new.deadline', { deadline: seoulTime(e.deadline, lang), left: leftText(e.deadline, o.now, t) }),
          checked: o.values.runs.includes(e.date),
        }))
      : [],
    values: o.values,
    errors: Object.fromEntries(Object.entries(o.errors).map(([k, v]) => [k, t(v)])),
    count:
      q && line
        ? {
            text: t('ads.new.count', { chars: q.chars, lines: q.lines, max: line.maxLines }),
            overflow: q.overflow ? t('ads.new.overflow', { over: q.lines - line.maxLines }) : null,
          }
        : null,
    price: q ? quoteVM(q, lang, t) : null,
    // Web products point at one of the advertiser's listings; a featured placement also names its page.
    web:
      rule && (rule.kind === 'web_listing' || rule.kind === 'featured')
        ? {
            listings: o.listings.map((l) => ({ value: String(l.id), name: l.name, selected: String(l.id) === o.values.listing })),
            target:
              rule.kind === 'featured'
                ? {
                    label: t(`ads.new.target.${rule.placement}`),
                    choices:
                      rule.placement === 'search'
                        ? null
                        : (o.targets ?? []).map((c) => ({
                            value: c.value,
                            name: lang === 'en' ? c.en : c.ko,
                            selected: c.value === o.values.target,
                          })),
                  }
                : null,
          }
        : null,
  };
}

type Details = Awaited<ReturnType<AdsService['orderDetails']>>;

export function orderPageVM(
  d: Details,
  o: { bank: { name: string; account: string; holder: string }; done: string | null; base: string },
  lang: Lang,
  t: T,
) {
  const { order } = d;
  const over = d.paid - order.total;
  const latest = d.proofs[d.proofs.length - 1] ?? null;
  return {
    id: order.id,
    base: o.base,
    title: t('ads.order.title', { id: order.id }),
    state: t(`ads.state.${order.state}`),
    stateCode: order.state,
    product: productName({ nameKo: order.product.nameKo, nameEn: order.product.nameEn }, lang),
    copy: order.copy,
    customer: order.customerName,
    advertiserEmail: d.staff ? order.advertiserEmail : null,
    runs: order.runs.map((r) => dayLabel(r, lang)),
    tearSheets: tearSheetDays(order, seoulParts(d.now).day).map((day) => ({
      href: tearSheetHref(order.id, day),
      label: t('print.tearSheet', { date: dayLabel(day, lang) }),
    })),
    price: quoteVM({ ...d.quote, supply: order.supply, vat: order.vat, total: order.total }, lang, t),
    done: o.done ? t(`ads.done.${o.done}`) : null,
    can: d.can,
    cancelHelp: order.firstDeadline ? t('ads.order.cancelHelp', { deadline: seoulTime(order.firstDeadline, lang) }) : null,
    proofs: d.proofs.map((p) => ({
      label: t('ads.order.proofVersion', { version: p.version, date: seoulTime(p.createdAt, lang) }),
      pdf: `/ads/orders/${order.id}/proofs/${p.version}.pdf`,
      decision: p.decision ? t(p.decision === 'approved' ? 'ads.done.approved' : 'ads.done.changeRequested') : null,
      note: p.note,
    })),
    latestProof: latest ? { copy: latest.copy, pdf: `/ads/orders/${order.id}/proofs/${latest.version}.pdf` } : null,
    isPrint: ['line', 'display', 'bundle'].includes(order.product.rule.kind),
    pay:
      order.state === 'awaiting_payment'
        ? {
            amount: formatWon(order.total - d.paid > 0 ? order.total - d.paid : order.total, lang),
            bank: o.bank.name,
            account: o.bank.account,
            holder: o.bank.holder,
            depositor: order.depositor,
            help: t('ads.order.payDepositorHelp', { depositor: order.depositor }),
          }
        : null,
    postpay: order.billing === 'postpay',
    paid: d.paid > 0 ? t('ads.order.paid', { paid: formatWon(d.paid, lang), total: formatWon(order.total, lang) }) : null,
    partial: d.paid > 0 && over < 0 ? t('ads.order.partial', { missing: formatWon(-over, lang) }) : null,
    over: over > 0 && d.paid > 0 ? t('ads.order.over', { over: formatWon(over, lang) }) : null,
    taxInvoice: order.taxBusinessNo ? t('ads.order.taxInvoice', { number: formatBusinessNumber(order.taxBusinessNo) }) : null,
    docs: {
      quote: `/ads/orders/${order.id}/quote.pdf`,
      statement:
        ['paid', 'scheduled', 'running', 'completed'].includes(order.state) || order.billing === 'postpay'
          ? `/ads/orders/${order.id}/statement.pdf`
          : null,
    },
    codes: d.codes.map((c) => ({
      edition: dayLabel(c.editionDate, lang),
      code: `${c.code.slice(0, 3)}-${c.code.slice(3)}`,
      url: c.url,
      qrSvgHtml: c.qrSvg,
      qrLabel: t('codes.order.qr', { date: dayLabel(c.editionDate, lang), code: c.code }),
      figures: t('codes.figures', {
        source: dayLabel(c.editionDate, lang),
        visits: c.visits.toLocaleString('en-US'),
        calls: c.calls.toLocaleString('en-US'),
      }),
    })),
    codesMissing: order.listingId === null && PRINTED.has(order.state) ? t('codes.order.noListing') : null,
    history: d.audit.map((a) => ({ when: seoulTime(a.createdAt, lang), what: a.action.replace('ad_order.', '') })),
  };
}

/** `today` (Asia/Seoul): given on the advertiser's list, which links the tear sheets of editions already out. */
export function orderListItemVM(o: OrderRow, base: string, lang: Lang, t: T, today?: string) {
  return {
    tearSheets: today
      ? tearSheetDays(o, today).map((day) => ({
          href: tearSheetHref(o.id, day),
          label: t('print.tearSheet', { date: dayLabel(day, lang) }),
        }))
      : [],
    href: `${base}/${o.id}`,
    title: t('ads.order.title', { id: o.id }),
    product: productName(o.product, lang),
    state: t(`ads.state.${o.state}`),
    total: formatWon(o.total, lang),
    customer: o.customerName,
    runs: o.runs.map((r) => dayLabel(r, lang)).join(', '),
  };
}
