/**
 * A business's name out of the first words of an ad: print often runs the name on with what the shop does
 * ("햇살떡집 개업떡 답례떡 전문", "해피데이 케이크 주문제작"). The name is the shop name only; the rest is returned as
 * `tail` (the parser makes it the description, or the first offer when a price follows).
 */
import { BRANCH_WORD, SHOP_NAME_ENDING, SOLD_ITEM_ENDING, TRADE_CLAIM_WORD } from './ad-text-data.js';

const LATIN_WORD = /^[A-Za-z][A-Za-z0-9&.'-]*$/;

export interface SplitName { name: string; tail: string }

/**
 * `head`: the words before the ad's first fact or price. `fallbackFirstWord`: when nothing marks where the name ends,
 * take the first word (a price follows, so the words after the name name the first item) instead of the whole head.
 */
export function splitShopName(head: string, fallbackFirstWord = false): SplitName {
  const words = head.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { name: words.join(' '), tail: '' };
  const cut = (n: number): SplitName => ({ name: words.slice(0, n).join(' '), tail: words.slice(n).join(' ') });
  // A name ending in a shop word (떡집, 플라워, 상회 …), with its branch word if one follows.
  const ending = words.findIndex((w) => /[가-힣]$/.test(w) && w.length >= 2 && SHOP_NAME_ENDING.test(w) && !TRADE_CLAIM_WORD.test(w));
  if (ending >= 0 && ending < words.length - 1) {
    let end = ending + 1;
    while (end < words.length && BRANCH_WORD.test(words[end])) end++;
    return cut(end);
  }
  if (ending >= 0) return cut(words.length);
  // No shop ending: a Latin name runs as far as its Latin words; a Hangul one is its first word when what follows
  // claims a trade (… 전문, … 주문제작).
  const latin = words.findIndex((w) => !LATIN_WORD.test(w));
  if (latin > 0 && latin < words.length && (fallbackFirstWord || words.slice(latin).some((w) => TRADE_CLAIM_WORD.test(w)))) return cut(latin);
  if (latin <= 0 && (fallbackFirstWord || words.slice(1).some((w) => TRADE_CLAIM_WORD.test(w)))) return cut(1);
  return cut(words.length);
}

/**
 * A word that can only be a shop's name (or its kind): it ends in a shop-name ending, and that ending says "shop" on its
 * own. A one-syllable ending also ends ordinary words (식사, 청소, 연구실): only 집 (꽃집, 떡집) or a word of three or
 * more syllables (세탁소, 하늘꽃방) counts. A longer ending counts unless, alone, it names what is sold (국밥, 치킨).
 */
function isClearShopWord(word: string): boolean {
  const ending = word.match(SHOP_NAME_ENDING)?.[0];
  if (!ending || !/[가-힣]$/.test(word) || TRADE_CLAIM_WORD.test(word)) return false;
  if (ending.length === 1) return ending === '집' ? word.length >= 2 : word.length >= 3;
  return word.length > ending.length || !SOLD_ITEM_ENDING.test(word);
}

/** How many words a shop's name before a price list may have (하늘 꽃집, 우리동네 하늘 꽃집). */
const LISTED_NAME_MAX_WORDS = 3;

/**
 * The shop's name at the start of a bare price list ("하늘 꽃집 장미 3만원 / 축하난 7만원부터"), or '' when the words
 * before the first price are only the first item (장미 꽃다발 2만5천원 / …). `head`: the words before the first price.
 * A name is taken only when a clear shop word (isClearShopWord) ends it, with its branch word, and words of the first
 * item still follow it.
 */
export function listedShopName(head: string): string {
  const words = head.trim().split(/\s+/).filter(Boolean);
  const ending = words.findIndex(isClearShopWord);
  if (ending < 0 || ending >= LISTED_NAME_MAX_WORDS) return '';
  let end = ending + 1;
  while (end < words.length && BRANCH_WORD.test(words[end])) end++;
  return end < words.length ? words.slice(0, end).join(' ') : '';
}
