/**
 * Price words in a query (화분 5만원, 3만원대 화분, 30만원 이하 이사, 커트 15000원): taken out of the words and turned into a
 * range of won that a listing's offers are matched against. Total: any string in, never a throw.
 *  - 5만원, 15,000원, 3만5천원, 5만원 정도/쯤/선: about that price, ±ABOUT (a shop's 45,000 is "5만원" to a customer);
 *  - 3만원대: from that price up to the next step of its last non-zero digit (30,000–39,999; 10만원대 100,000–199,999);
 *  - 이하/이내/까지 up to it, 미만 below it, 이상/부터 from it, 초과 above it.
 */
import { parseWon } from '../../lib/money.js';

export interface PriceRange {
  min: number;
  /** null: no upper bound. */
  max: number | null;
  /** The price words as typed (5만원 이하). */
  text: string;
}

/** How far "about" reaches either side of a price. */
export const ABOUT = 0.1;

/** An amount with a unit (만, 천) or ending in 원, then an optional qualifier. Digits before it are not part of it. */
const PRICE = /(?<![\d,])(\d{1,3}(?:,\d{3})+|\d{1,9})\s*(?:(억|만|천)(?:\s*(\d{1,4})\s*천)?\s*원?|원)\s*(대|이하|이내|까지|미만|이상|부터|초과|정도|쯤|안팎|선)?/u;

function rangeOf(value: number, qualifier: string | undefined): { min: number; max: number | null } {
  switch (qualifier) {
    case '대': {
      let step = 1;
      while (value % (step * 10) === 0 && step < 1e12) step *= 10;
      return { min: value, max: value + step - 1 };
    }
    case '이하': case '이내': case '까지': return { min: 0, max: value };
    case '미만': return { min: 0, max: value - 1 };
    case '이상': case '부터': return { min: value, max: null };
    case '초과': return { min: value + 1, max: null };
    default: return { min: Math.round(value * (1 - ABOUT)), max: Math.round(value * (1 + ABOUT)) };
  }
}

/** The query without its first price words, and their range (null when it names no price). */
export function extractPriceWords(text: string): { rest: string; price: PriceRange | null } {
  const source = typeof text === 'string' ? text : '';
  const m = PRICE.exec(source);
  if (!m) return { rest: source, price: null };
  const [whole, digits, unit, thousands, qualifier] = m;
  const value = parseWon(`${digits}${unit ?? ''}${thousands ? `${thousands}천` : ''}`);
  if (value === null) return { rest: source, price: null };
  const rest = `${source.slice(0, m.index)} ${source.slice(m.index + whole.length)}`.replace(/\s+/g, ' ').trim();
  return { rest, price: { ...rangeOf(value, qualifier), text: whole.trim() } };
}

/** Whether a price lies in the range. */
export function priceWithin(price: number, range: PriceRange): boolean {
  return price >= range.min && (range.max === null || price <= range.max);
}
