/**
 * One priced item out of a short line of a print ad: its name, its price (from-price, band, range, per period) and the
 * note that qualifies it. What print writes around a price (주 3회) in brackets, a unit rate (평당) goes to the note, so
 * the item's name is only the item.
 */
import { findPrice } from './ad-text-prices.js';
import type { AdOffer } from './ad-text-types.js';

/** A rate per unit printed before the price (평당 1만2천원, 인당 2만원): the offer's note, not its name. */
const UNIT_RATE = /(?:^|\s)((?:평|인|개|장|벌|kg|키로|㎡)당)(?=\s|$)/;
const ASKING = /협의|문의/;

/** The offer a line names, and whether it carried a price (a line without one may still be a description). */
export function offerFromLine(line: string): { offer: AdOffer; priced: boolean } {
  const price = ASKING.test(line) ? null : findPrice(line);
  let name = price ? price.rest : line.replace(/\s*[-:·…~]?\s*(?:가격\s*)?(?:협의|문의)\s*$/, '');
  const notes: string[] = [];
  name = name.replace(/[(（]([^)）]*)[)）]/g, (_m, inner: string) => {
    if (inner.trim()) notes.push(inner.trim());
    return ' ';
  });
  const rate = name.match(UNIT_RATE);
  if (rate && name.replace(rate[0], '').trim()) {
    notes.unshift(rate[1]);
    name = name.replace(rate[0], ' ');
  }
  name = name.replace(/\s+/g, ' ').replace(/^[\s:·…~/|,-]+|[\s:·…~/|,-]+$/g, '').trim();
  const offer: AdOffer = {
    name,
    priceKrw: price?.priceKrw ?? null,
    priceStyle: price && /만/.test(price.token) && !/[천백,]/.test(price.token) ? 'man' : 'full',
  };
  if (price?.from) offer.priceFrom = true;
  if (price?.maxKrw) offer.priceMaxKrw = price.maxKrw;
  const note = [price?.note, ...notes].filter(Boolean).join(', ');
  if (note) offer.priceNote = note;
  if (price?.per) offer.pricePer = price.per;
  return { offer, priced: Boolean(price) || ASKING.test(line) };
}
