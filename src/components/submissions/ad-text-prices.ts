/**
 * Prices in print-ad text: 6만 / 6만원 / 2만5천원 / 2만 5천원 / 1만2천5백원 / 3천5백원 / 15,000원 / 1,100만원 /
 * 1억2천만원, ranges (3~5만원, 2만~3만원, 15,000~20,000원), from-prices (7만원부터, 5만원 이상, 5만원~), a price
 * band (만원대), prices per period (월 25만원, 시급 1만원), and the splitting of a line that lists several priced items
 * (장미 꽃다발 2만5천원 / 축하난 7만원부터 / 미니화분 15,000원) into one piece per item.
 */
import { parseWon } from '../../lib/money.js';

/** One amount as print writes it (no range, no suffix). */
const AMOUNT = String.raw`(?:\d+억\s?)?(?:\d+천)?\d*만\s?(?:\d+천)?(?:\d+백)?\s?원?|\d{1,3}(?:,\d{3})+\s?만\s?원?|\d{1,3}(?:,\d{3})+\s?원|\d+천\s?(?:\d+백)?\s?원|\d+(?:백)?\s?원|\d+억\s?원?`;
/** The low end of a range: a number, perhaps with its own unit (2만~3만원, 3~5만원, 15,000~20,000원). */
const LOW = String.raw`\d{1,3}(?:,\d{3})+원?|\d+(?:억|만|천)?원?`;
const NOT_AFTER_DIGIT = String.raw`(?<![\d,])`;
const PRICE_SOURCE = String.raw`${NOT_AFTER_DIGIT}(?:(${LOW})\s?[~∼～]\s?)?(${AMOUNT})(?:\s?(부터|이상|까지|이하|~)|(대)(?![가-힣]))?`;
const PRICE_RE = new RegExp(PRICE_SOURCE);
const PRICE_ALL = new RegExp(PRICE_SOURCE, 'g');

/** An amount match that is a price: it has digits, or it is a band (만원대); and parseWon reads it. */
function isPrice(m: RegExpMatchArray): boolean {
  return (/\d/.test(m[2]) || m[4] === '대') && parseWon(m[2].trim()) !== null;
}

/** Words right before a price that make it a price per period (수강료 월 25만원, 시급 1만원, 월세 40만원). */
const PERIOD_BEFORE = /(?:^|\s)(매월|월급|월세|월|시급|시간당|일당|일급|주급)\s*[:：]?\s*$/;
const PERIOD_OF: Record<string, Period> = {
  매월: 'month',
  월급: 'month',
  월세: 'month',
  월: 'month',
  시급: 'hour',
  시간당: 'hour',
  일당: 'day',
  일급: 'day',
  주급: 'week',
};
export type Period = 'month' | 'hour' | 'day' | 'week';

export interface FoundPrice {
  priceKrw: number;
  /** The top of a range (3~5만원 → 50000), else null. */
  maxKrw: number | null;
  /** A from-price: 부터, 이상, or a range's low end (까지 and 이하 are ceilings, only noted). */
  from: boolean;
  /** How the ad qualified the price, for the offer's note: 부터, 이상, 까지, 이하, or the printed range. */
  note: string | null;
  /** The amount as printed (without range or suffix). */
  token: string;
  /** The line without the price, its range and its suffix (and the period word, unless it is all the line had). */
  rest: string;
  /** A price per period (월, 시급, 시간당 …), else null; `periodWord` is the word as printed. */
  per: Period | null;
  periodWord: string | null;
}

/** The unit a range's low end borrows from its high end when it has none (3~5만원: 3 is 3만). */
function lowAmount(printed: string, high: string): number | null {
  const low = printed.replace(/원$/, '');
  if (/[억만천]$/.test(low) || /,/.test(low)) return parseWon(low);
  const unit = high.replace(/\s/g, '').replace(/원$/, '').match(/[억만천]$/)?.[0];
  return parseWon(unit ? `${low}${unit}` : low);
}

/** The first price in the line that parseWon accepts, with the line without it. */
export function findPrice(line: string): FoundPrice | null {
  const m = line.match(PRICE_RE);
  if (!m || !isPrice(m)) return null;
  const amount = m[2].trim();
  const high = parseWon(amount);
  if (high === null) return null;
  const low = m[1] ? lowAmount(m[1], amount) : null;
  const range = low !== null && low < high;
  const suffix = m[3] === '~' ? '부터' : (m[3] ?? null);
  // 까지/이하: a ceiling (삽니다 20만원까지), kept as the note, never a from-price.
  const ceiling = suffix === '까지' || suffix === '이하';
  let before = line.slice(0, m.index);
  const period = before.match(PERIOD_BEFORE);
  // The period word goes from the item's name (수강료 월 → 수강료) unless it is the whole name (시급 1만원 → 시급).
  if (period && before.slice(0, period.index).trim()) before = before.slice(0, period.index);
  const rest = (before + ' ' + line.slice(m.index! + m[0].length)).replace(/\s+/g, ' ').trim();
  return {
    priceKrw: range ? low : high,
    maxKrw: range ? high : null,
    from: range || (suffix !== null && !ceiling),
    note: m[4] ? `${amount.replace(/\s/g, '')}${m[4]}` : range ? m[0].replace(/\s?(?:부터|이상|까지|이하|~)$/, '').trim() : suffix,
    token: amount,
    rest,
    per: period ? PERIOD_OF[period[1]] : null,
    periodWord: period ? period[1] : null,
  };
}

/** How many prices a line holds. */
export function countPrices(line: string): number {
  return [...line.matchAll(PRICE_ALL)].filter(isPrice).length;
}

/** Separators of listed items: slash, bar, semicolon, bullets, a comma not inside a number. */
const ITEM_SEPARATOR = /\s*(?:[/|｜;▶►■□●○◆◇★☆※•]|,(?!\d{3}))\s*/;

/**
 * A line listing several priced items → one piece per item: split at separators when that gives two or more priced
 * pieces, else right after each price (its range and suffix included). A line with fewer than two prices is one piece.
 */
export function splitPriceList(line: string): string[] {
  if (countPrices(line) < 2) return [line];
  const pieces = line.split(ITEM_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (pieces.filter((p) => countPrices(p) > 0).length >= 2) return pieces.flatMap((p) => (countPrices(p) >= 2 ? splitAfterPrices(p) : [p]));
  return splitAfterPrices(line);
}

function splitAfterPrices(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of line.matchAll(PRICE_ALL)) {
    if (!isPrice(m)) continue;
    const end = m.index + m[0].length;
    out.push(line.slice(from, end));
    from = end;
  }
  out.push(line.slice(from));
  return out.map((p) => p.replace(/^[\s,/|]+|[\s,/|]+$/g, '')).filter(Boolean);
}

/** Where the first price of the line starts, or -1. */
export function firstPriceAt(line: string): number {
  for (const m of line.matchAll(PRICE_ALL)) if (isPrice(m)) return m.index;
  return -1;
}
