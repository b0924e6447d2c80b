/**
 * Classified ads in print ("중고 세탁기 팝니다 30만원", 삽니다, 구합니다, 구인/알바, 월세/전세 with deposit and rent):
 * what kind of deal, its title (the words before the price, never the whole text) and its price.
 */
import { parseWon } from '../../lib/money.js';
import { CLASSIFIED_DEALS, type ClassifiedDeal } from './ad-text-data.js';
import { findPrice, firstPriceAt } from './ad-text-prices.js';
import { extractPhones } from './ad-text-phones.js';
import { cleanSentence, extractAccounts, isLabelOnly, tidy } from './ad-text-fields.js';
import type { AdClassified, AdOffer, ParsedAd } from './ad-text-types.js';

/** The deal a piece of text announces, or null for a business ad. */
export function classifiedDeal(text: string): ClassifiedDeal | null {
  return CLASSIFIED_DEALS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** A rent amount: print writes 만원 without the unit (보증금 500 / 월 40), so a bare number below 10,000 is in 만원. */
function rentAmount(printed: string | undefined): number | null {
  if (!printed) return null;
  const p = printed.replace(/\s+/g, '');
  if (/^\d+$/.test(p)) return Number(p) < 10_000 ? Number(p) * 10_000 : Number(p);
  return parseWon(p);
}

/** An amount as rent ads print it: 500, 1,000, 40만원, 1억2천만원 (bare numbers are in 만원, see rentAmount). */
export const RENT_AMOUNT = String.raw`\d[\d,]*(?:억\s?)?(?:\d+천)?(?:\d*만)?(?:\d+천)?\s?원?`;
const AMOUNT = `(${RENT_AMOUNT})`;
const DEPOSIT_RE = new RegExp(String.raw`(?:보증금|전세)\s*[:：]?\s*${AMOUNT}`);
const RENT_RE = new RegExp(String.raw`(?:월세|(?<![가-힣])월)\s*[:：]?\s*${AMOUNT}`);

/** The deal's prices: deposit and rent for 월세/전세, else the first price. */
export function classifiedPrices(deal: ClassifiedDeal, text: string): AdClassified {
  if (deal === 'rent') {
    const depositKrw = rentAmount(text.match(DEPOSIT_RE)?.[1]);
    const rentKrw = /전세/.test(text) && !/월세/.test(text) ? null : rentAmount(text.match(RENT_RE)?.[1]);
    return { deal, priceKrw: rentKrw ?? depositKrw, depositKrw, rentKrw };
  }
  const price = /무료|나눔/.test(text) && deal === 'share' ? null : findPrice(text);
  return { deal, priceKrw: price?.priceKrw ?? null, depositKrw: null, rentKrw: null };
}

/** A job ad's pay as its offer, named by the pay word (시급 1만2천원 → 시급 per hour; 월 300만원 → 월급 per month). */
function jobPay(text: string): AdOffer[] {
  const price = findPrice(text);
  if (!price) return [];
  const name = price.periodWord ? PAY_WORD[price.periodWord] ?? price.periodWord : '급여';
  return [{ name, priceKrw: price.priceKrw, priceStyle: 'full', ...(price.per ? { pricePer: price.per } : {}) }];
}
const PAY_WORD: Record<string, string> = { 월: '월급', 매월: '월급' };

/** Words that start a classified's terms: the title ends before them (보증금 500, 시급 1만원, 가격 30만원). */
const TERMS_START = /(?:보증금|시급|시간당|일당|일급|주급|월급|급여|가격|(?<![가-힣])월\s*[:：]?\s*\d)/;
/** 월세 or 전세 right before its amount (아파트 전세 2억5천만원): the deal word stays in the title, the amount does not. */
const DEAL_BEFORE_AMOUNT = /(?<![가-힣])(?:월세|전세)(?=\s*[:：]?\s*\d)/;

/** A rent term with its amount (보증금 500, 월 40, 전세 1억2천만원, 월세 40만원), for taking it out of running text. */
export const RENT_TERM = new RegExp(String.raw`(?:보증금|월세|전세|(?<![가-힣])월)\s*[:：]?\s*${RENT_AMOUNT}`, 'g');

/**
 * The title of a classified: the first line up to its terms (price, deposit, pay), without trailing punctuation:
 * 중고 세탁기 팝니다 30만원 → 중고 세탁기 팝니다; 중고 냉장고 삽니다 상태 좋은 것 20만원까지 → 중고 냉장고 삽니다. When the
 * price comes first (30만원에 팝니다), the rest of the line.
 */
export function classifiedTitle(firstLine: string): string {
  // A deal said as a verb (팝니다, 삽니다, 구합니다, 구해요) ends the title: what follows describes the item.
  const verb = CLASSIFIED_DEALS.map(([, re]) => firstLine.match(re)).find((v) => v && v.index! > 0 && /[다요]$/.test(v[0]));
  const afterVerb = verb ? verb.index! + verb[0].length : -1;
  const deal = firstLine.match(DEAL_BEFORE_AMOUNT);
  const afterDeal = deal ? deal.index! + deal[0].length : -1;
  const cuts = [firstPriceAt(firstLine), firstLine.search(TERMS_START), afterVerb, afterDeal].filter((i) => i >= 0);
  const at = cuts.length ? Math.min(...cuts) : -1;
  let title = at > 0 ? firstLine.slice(0, at) : firstLine;
  if (at === 0) title = (findPrice(firstLine)?.rest ?? firstLine).replace(/^에\s*/, '');
  return title.replace(/[\s,.:：!~/(-]+$/, '').trim().slice(0, 120);
}

/**
 * A classified ad: its title instead of the whole first line, its price (deposit and rent for 월세/전세) as the
 * offers the form shows, and the rest of a one-line ad as the description.
 */
export function asClassified(ad: ParsedAd, deal: NonNullable<ReturnType<typeof classifiedDeal>>, lines: string[], text: string): void {
  const first = tidy(extractPhones(extractAccounts(lines[0]).rest).rest);
  const title = classifiedTitle(first);
  const prices = classifiedPrices(deal, text);
  ad.kind = 'classified';
  ad.classified = prices;
  ad.name = title;
  ad.brands = [];
  ad.offers =
    deal === 'rent'
      ? [
          ...(prices.depositKrw !== null ? [{ name: '보증금', priceKrw: prices.depositKrw, priceStyle: 'man' as const }] : []),
          ...(prices.rentKrw !== null
            ? [{ name: '월세', priceKrw: prices.rentKrw, priceStyle: 'man' as const, pricePer: 'month' as const }]
            : []),
        ]
      : deal === 'job'
        ? jobPay(text)
        : prices.priceKrw !== null
          ? [{ name: title, priceKrw: prices.priceKrw, priceStyle: 'full' as const }]
          : [];
  if (lines.length === 1) {
    // What follows the title and the price in a one-line ad describes the item.
    let rest = first.slice(first.indexOf(title) + title.length);
    // A title ending in its deal word (아파트 전세) leaves that deal's amount at the start of the rest.
    if (deal === 'rent') {
      if (/(?:월세|전세)$/.test(title)) rest = rest.replace(new RegExp(String.raw`^\s*[:：]?\s*${RENT_AMOUNT}`), ' ');
      rest = rest.replace(RENT_TERM, ' ');
    } else rest = findPrice(rest)?.rest ?? rest;
    const words = rest.replace(/^[\s,/|.:-]+/, '').trim();
    ad.description = words && !isLabelOnly(words) ? cleanSentence(words, null) : '';
  }
}
