/**
 * The rate card's price rules and the one pure function that prices an order. Money is whole 원 throughout; VAT is
 * 10 % of the supply amount with anything below 1원 cut off (원 미만 절사), as on a Korean tax invoice. An order
 * stores the rule it was priced with (ProductSnapshot), so a later change to the rate card never reprices it.
 */
import { z } from 'zod';

const won = z.number().int().min(0).max(1_000_000_000);
const extras = z.object({ bold: won, box: won, photo: won }).strict();

/** A print line ad: priced per line, or per character, per edition; a minimum and a maximum number of lines. */
const lineRule = z.object({
  kind: z.literal('line'),
  unit: z.enum(['line', 'char']),
  pricePerUnit: won,
  charsPerLine: z.number().int().min(4).max(60),
  minLines: z.number().int().min(1).max(50),
  maxLines: z.number().int().min(1).max(100),
  extras,
}).strict();

/** A print display ad: size in 단 (columns) × cm, a price per 단·cm per edition, a colour surcharge in percent. */
const displayRule = z.object({
  kind: z.literal('display'),
  pricePerColumnCm: won,
  maxColumns: z.number().int().min(1).max(20),
  maxCm: z.number().int().min(1).max(60),
  colourPercent: z.number().int().min(0).max(300),
}).strict();

/** A paid listing period on the web: the listing stays up this many days. */
const webListingRule = z
  .object({ kind: z.literal('web_listing'), days: z.union([z.literal(30), z.literal(90), z.literal(365)]), price: won })
  .strict();

/** A featured placement: the "광고" slot above a category's, a district's or a search's results for N days. */
const featuredRule = z
  .object({
    kind: z.literal('featured'),
    placement: z.enum(['category', 'district', 'search']),
    days: z.number().int().min(1).max(365),
    price: won,
  })
  .strict();

/** A print line ad per edition together with a web listing period, sold as one product. */
const bundleRule = z
  .object({ kind: z.literal('bundle'), line: lineRule.omit({ kind: true }), webDays: z.number().int().min(1).max(365), webPrice: won })
  .strict();

export const priceRuleSchema = z.discriminatedUnion('kind', [lineRule, displayRule, webListingRule, featuredRule, bundleRule]);
export type PriceRule = z.infer<typeof priceRuleSchema>;
export type LineRule = z.infer<typeof lineRule>;
export type ProductKind = PriceRule['kind'];

/** Multi-run discounts: the largest tier whose minRuns the order reaches applies to the per-edition amount. */
export const discountsSchema = z
  .array(z.object({ minRuns: z.number().int().min(2).max(365), percent: z.number().int().min(1).max(90) }).strict())
  .max(10);
export type Discounts = z.infer<typeof discountsSchema>;

/** What an order keeps of its product: enough to print and reprice it exactly as quoted. */
export interface ProductSnapshot { id: number; code: string; nameKo: string; nameEn: string; rule: PriceRule; discounts: Discounts }

export const isPrintKind = (kind: ProductKind): boolean => kind === 'line' || kind === 'display' || kind === 'bundle';

export interface PriceInput {
  copy: string;
  runs: number;
  extras?: { bold?: boolean; box?: boolean; photo?: boolean };
  columns?: number;
  cm?: number;
  colour?: boolean;
}

/** One line of a quote: a message key with its parameters, quantity × unit price = amount. */
export interface PriceItem { key: string; params: Record<string, number>; quantity: number; unitPrice: number; amount: number }

export interface Quote {
  items: PriceItem[];
  /** Print copy: characters counted, lines it takes, the product's limit, and whether it is over. */
  chars: number;
  lines: number;
  maxLines: number | null;
  overflow: boolean;
  subtotal: number;
  discountPercent: number;
  discount: number;
  /** 공급가액, 부가세, 합계. */
  supply: number;
  vat: number;
  total: number;
}

/** Characters of print copy as the layout counts them: Unicode code points after NFC, line breaks not counted. */
export function countChars(copy: string): number {
  return [...copy.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\n/g, '')].length;
}

/** Lines the copy takes at charsPerLine: each written line wraps on its own and takes at least one line. */
export function countLines(copy: string, charsPerLine: number): number {
  const written = copy.normalize('NFC').replace(/\r\n?/g, '\n').trim().split('\n');
  if (written.length === 1 && written[0] === '') return 0;
  return written.reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / charsPerLine)), 0);
}

/** VAT on a supply amount: 10 %, below 1원 cut off. */
export const vatOf = (supply: number): number => Math.floor(supply / 10);

function discountFor(discounts: Discounts, runs: number): number {
  return discounts.filter((d) => runs >= d.minRuns).reduce((best, d) => Math.max(best, d.percent), 0);
}

function linePrice(
  rule: Omit<LineRule, 'kind'>,
  input: PriceInput,
): { items: PriceItem[]; chars: number; lines: number; overflow: boolean } {
  const chars = countChars(input.copy.trim());
  const lines = countLines(input.copy, rule.charsPerLine);
  const billedLines = Math.max(rule.minLines, lines);
  const items: PriceItem[] =
    rule.unit === 'line'
      ? [
          {
            key: 'ads.item.lines',
            params: { lines: billedLines },
            quantity: billedLines,
            unitPrice: rule.pricePerUnit,
            amount: billedLines * rule.pricePerUnit,
          },
        ]
      : (() => {
          const billedChars = Math.max(chars, rule.minLines * rule.charsPerLine);
          return [
            {
              key: 'ads.item.chars',
              params: { chars: billedChars },
              quantity: billedChars,
              unitPrice: rule.pricePerUnit,
              amount: billedChars * rule.pricePerUnit,
            },
          ];
        })();
  for (const extra of ['bold', 'box', 'photo'] as const) {
    if (input.extras?.[extra])
      items.push({ key: `ads.item.${extra}`, params: {}, quantity: 1, unitPrice: rule.extras[extra], amount: rule.extras[extra] });
  }
  return { items, chars, lines, overflow: lines > rule.maxLines };
}

/**
 * Prices an order of `runs` editions (web products: runs is ignored, one period). Per-edition amounts are multiplied
 * by the runs and then discounted; one-time amounts (a bundle's web period) are not. Throws RangeError for a size
 * outside the product's limits; copy over the line limit is priced but flagged `overflow` (the order refuses it).
 */
export function priceOrder(rule: PriceRule, discounts: Discounts, input: PriceInput): Quote {
  const runs = Math.max(1, Math.trunc(input.runs));
  let perEdition: PriceItem[] = [];
  let once: PriceItem[] = [];
  let chars = 0;
  let lines = 0;
  let maxLines: number | null = null;
  let overflow = false;
  switch (rule.kind) {
    case 'line':
    case 'bundle': {
      const line = rule.kind === 'line' ? rule : rule.line;
      const priced = linePrice(line, input);
      ({ chars, lines, overflow } = priced);
      perEdition = priced.items;
      maxLines = line.maxLines;
      if (rule.kind === 'bundle')
        once = [{ key: 'ads.item.webDays', params: { days: rule.webDays }, quantity: 1, unitPrice: rule.webPrice, amount: rule.webPrice }];
      break;
    }
    case 'display': {
      const columns = input.columns ?? 0;
      const cm = input.cm ?? 0;
      if (!Number.isInteger(columns) || !Number.isInteger(cm) || columns < 1 || cm < 1 || columns > rule.maxColumns || cm > rule.maxCm) {
        throw new RangeError('display size outside the product limits');
      }
      const base = columns * cm * rule.pricePerColumnCm;
      perEdition = [
        { key: 'ads.item.size', params: { columns, cm }, quantity: columns * cm, unitPrice: rule.pricePerColumnCm, amount: base },
      ];
      if (input.colour && rule.colourPercent > 0) {
        const surcharge = Math.floor((base * rule.colourPercent) / 100);
        perEdition.push({
          key: 'ads.item.colour',
          params: { percent: rule.colourPercent },
          quantity: 1,
          unitPrice: surcharge,
          amount: surcharge,
        });
      }
      break;
    }
    case 'web_listing':
    case 'featured':
      once = [{ key: `ads.item.${rule.kind}`, params: { days: rule.days }, quantity: 1, unitPrice: rule.price, amount: rule.price }];
      break;
  }
  const editions = perEdition.length > 0 ? runs : 0;
  const perEditionSum = perEdition.reduce((s, i) => s + i.amount, 0);
  const items = [
    ...perEdition.map((i) => ({
      ...i,
      quantity: i.quantity * editions,
      amount: i.amount * editions,
      params: { ...i.params, runs: editions },
    })),
    ...once,
  ];
  const subtotal = items.reduce((s, i) => s + i.amount, 0);
  const discountPercent = editions > 0 ? discountFor(discounts, editions) : 0;
  const discount = Math.floor((perEditionSum * editions * discountPercent) / 100);
  const supply = subtotal - discount;
  const vat = vatOf(supply);
  return { items, chars, lines, maxLines, overflow, subtotal, discountPercent, discount, supply, vat, total: supply + vat };
}
