/** Forms of the ad routes, parsed into bounded values. A posted price, state or owner is never read. */
import { z } from 'zod';
import { BadRequestError, ValidationError } from '../../core/errors.js';
import { parseBusinessNumber } from './business-number.js';
import { discountsSchema, priceRuleSchema } from './pricing.js';
import type { OrderOptions } from './ads.repository.js';
import type { ProductWrite } from './ratecard.repository.js';

export const COPY_MAX = 2000;
export const RUNS_MAX = 26;
const ID = /^[1-9]\d{0,8}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface OrderInput {
  productId: number;
  copy: string;
  runs: string[];
  options: OrderOptions;
  customerName: string;
  listingId: number | null;
  taxBusinessNo: string | null;
}

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];
const checked = (v: unknown) => v === 'on' || v === '1' || v === 'true';

/** An id from a path or a field; anything else 400. */
export function parseId(raw: unknown): number {
  if (typeof raw !== 'string' || !ID.test(raw)) throw new BadRequestError();
  return Number(raw);
}

/** The values of the order form as typed (for refilling it), before they are checked. */
export function orderFormValues(body: Body) {
  return {
    product: str(body.product),
    copy: str(body.copy).replace(/\r\n/g, '\n'),
    runs: list(body.runs).slice(0, 100),
    bold: checked(body.bold),
    box: checked(body.box),
    photo: checked(body.photo),
    colour: checked(body.colour),
    columns: str(body.columns),
    cm: str(body.cm),
    classification: str(body.classification).slice(0, 60),
    customerName: str(body.customer_name),
    taxInvoice: checked(body.tax_invoice),
    businessNo: str(body.business_no),
    advertiserEmail: str(body.advertiser_email),
    listing: str(body.listing),
    target: str(body.target).slice(0, 120),
  };
}
export type OrderFormValues = ReturnType<typeof orderFormValues>;

const smallInt = (s: string) => (/^\d{1,3}$/.test(s) ? Number(s) : undefined);

/** The order form → OrderInput, or a ValidationError naming each bad field. */
export function parseOrderForm(v: OrderFormValues): OrderInput {
  const errors: Record<string, string> = {};
  if (!ID.test(v.product)) errors.product = 'ads.error.product';
  const copy = v.copy.trim();
  if (!copy) errors.copy = 'ads.error.copyRequired';
  else if (copy.length > COPY_MAX) errors.copy = 'ads.error.copyTooLong';
  if (v.runs.length > RUNS_MAX) errors.runs = 'ads.error.runsTooMany';
  else if (!v.runs.every((d) => DAY.test(d))) errors.runs = 'ads.error.runPast';
  const customerName = v.customerName.trim().replace(/\s+/g, ' ');
  if (!customerName) errors.customer_name = 'ads.error.customerRequired';
  else if (customerName.length > 60 || /[\p{Cc}]/u.test(customerName)) errors.customer_name = 'ads.error.customerTooLong';
  let taxBusinessNo: string | null = null;
  if (v.taxInvoice) {
    taxBusinessNo = parseBusinessNumber(v.businessNo);
    if (!taxBusinessNo) errors.business_no = 'ads.error.businessNo';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const options: OrderOptions = {
    bold: v.bold,
    box: v.box,
    photo: v.photo,
    colour: v.colour,
    columns: smallInt(v.columns),
    cm: smallInt(v.cm),
  };
  if (v.classification.trim()) options.classification = v.classification.trim();
  if (v.target.trim()) options.target = v.target.trim();
  return {
    productId: Number(v.product),
    copy,
    runs: v.runs,
    options,
    customerName,
    listingId: ID.test(v.listing) ? Number(v.listing) : null,
    taxBusinessNo,
  };
}

/** The proof decision and the desk's edited copy. */
export function parseNote(raw: unknown): string | null {
  const note = str(raw).trim();
  if (note.length > 1000) throw new ValidationError({ note: 'ads.error.noteTooLong' });
  return note || null;
}

export function parseCopy(raw: unknown): string | null {
  const copy = str(raw).replace(/\r\n/g, '\n').trim();
  if (copy.length > COPY_MAX) throw new ValidationError({ copy: 'ads.error.copyTooLong' });
  return copy || null;
}

export function parseDay(raw: unknown): string {
  const day = str(raw);
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new ValidationError({ day: 'ads.error.day' });
  return day;
}

const productForm = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name_ko: z.string().trim().min(1).max(100),
  name_en: z.string().trim().min(1).max(100),
  rule: z.string().max(4000),
  discounts: z.string().max(2000),
  active_from: z.string().regex(DAY),
  active_to: z.string().regex(DAY).or(z.literal('')),
  sort: z.string().regex(/^\d{1,4}$/).or(z.literal('')),
});

/** The rate card's product form: names, dates, and the rule and discounts as JSON checked against pricing.ts. */
export function parseProductForm(body: Body): ProductWrite {
  const f = productForm.safeParse(Object.fromEntries(Object.keys(productForm.shape).map((k) => [k, str(body[k])])));
  if (!f.success) throw new ValidationError({ [String(f.error.issues[0].path[0])]: 'ads.error.productField' });
  const json = (s: string) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return undefined;
    }
  };
  const rule = priceRuleSchema.safeParse(json(f.data.rule));
  if (!rule.success) throw new ValidationError({ rule: 'ads.error.rule' });
  const discounts = discountsSchema.safeParse(json(f.data.discounts || '[]'));
  if (!discounts.success) throw new ValidationError({ discounts: 'ads.error.rule' });
  return {
    code: f.data.code,
    nameKo: f.data.name_ko,
    nameEn: f.data.name_en,
    rule: rule.data,
    discounts: discounts.data,
    activeFrom: f.data.active_from,
    activeTo: f.data.active_to || null,
    sort: f.data.sort ? Number(f.data.sort) : 0,
  };
}
