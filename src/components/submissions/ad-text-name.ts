/**
 * A business's name out of the first words of an ad: print often runs the name on with what the shop does
 * ("햇살떡집 개업떡 답례떡 전문", "해피데이 케이크 주문제작") or puts a trade phrase before it ("꽃배달 전문 하늘꽃집",
 * "애견호텔 멍멍하우스"). The name is the shop name only; the words after it are returned as `tail` (the parser makes
 * them the description, or the first offer when a price follows), the trade phrase before it as `tagline`.
 */
import { BRANCH_WORD, SHOP_NAME_ENDING, SOLD_ITEM_ENDING, TRADE_CLAIM_WORD } from './ad-text-data.js';
import { ALL_TRADE_WORDS } from './ad-text-category.js';

const LATIN_WORD = /^[A-Za-z][A-Za-z0-9&.'-]*$/;

/** `sure`: a shop-name ending marked where the name ends; a name found only by falling back is unsure. */
export interface SplitName { name: string; tail: string; tagline: string; sure: boolean }

/** A word ending like a shop's name; a bare trade word (카페, 네일, 열쇠 standing alone) is what is sold, not a name. */
function endsLikeName(word: string): boolean {
  if (!/[가-힣]$/.test(word) || word.length < 2 || TRADE_CLAIM_WORD.test(word)) return false;
  const ending = word.match(SHOP_NAME_ENDING)?.[0];
  if (!ending) return false;
  return !(word === ending && SOLD_ITEM_ENDING.test(word));
}

/** A word that names a trade as much as a shop (꽃집, 세탁소): a name only when no more particular one follows. */
const isGeneric = (word: string) => ALL_TRADE_WORDS.has(word);

/** A trade phrase word: it claims a trade (전문, 출장), names one (꽃배달, 애견호텔), or qualifies it (24시, 정직한). */
function isTradePhraseWord(word: string): boolean {
  const bare = word.replace(/[·・,]/g, ' ').split(' ').filter(Boolean);
  return TRADE_CLAIM_WORD.test(word) || bare.every((w) => ALL_TRADE_WORDS.has(w) || SOLD_ITEM_ENDING.test(w)) || /^\d+시간?$/.test(word);
}

/**
 * `head`: the words before the ad's first fact or price. `fallbackFirstWord`: when nothing marks where the name ends,
 * take the first word (a price follows, so the words after the name name the first item) instead of the whole head.
 */
export function splitShopName(head: string, fallbackFirstWord = false): SplitName {
  const words = head.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { name: words.join(' '), tail: '', tagline: '', sure: words.length === 1 && endsLikeName(words[0]) };
  const cut = (from: number, to: number, sure: boolean): SplitName => ({
    name: words.slice(from, to).join(' '), tail: words.slice(to).join(' '), tagline: words.slice(0, from).join(' '), sure,
  });
  // A name ending in a shop word (떡집, 플라워, 상회 …), with its branch word if one follows.
  const particular = words.findIndex((w) => endsLikeName(w) && !isGeneric(w));
  const ending = particular >= 0 ? particular : words.findIndex(endsLikeName);
  if (ending >= 0) {
    let end = ending + 1;
    while (end < words.length && BRANCH_WORD.test(words[end])) end++;
    // The words before it are a trade phrase when one of them claims a trade (꽃배달 전문 하늘꽃집) or all name trades
    // (애견호텔 멍멍하우스); otherwise they are part of the name (하늘 꽃집, 우리동네 하늘 꽃집).
    const before = words.slice(0, ending);
    const claim = before.findLastIndex((w) => TRADE_CLAIM_WORD.test(w));
    if (claim >= 0) {
      let start = claim + 1;
      while (start < ending && isTradePhraseWord(words[start])) start++;
      return cut(start, end, true);
    }
    if (before.length && before.every(isTradePhraseWord)) return cut(ending, end, true);
    return cut(0, end, true);
  }
  // No shop ending: a Latin name runs as far as its Latin words; a Hangul one is its first word when what follows
  // claims a trade (… 전문, … 주문제작).
  const latin = words.findIndex((w) => !LATIN_WORD.test(w));
  if (latin > 0 && latin < words.length && (fallbackFirstWord || words.slice(latin).some((w) => TRADE_CLAIM_WORD.test(w))))
    return cut(0, latin, false);
  if (latin <= 0 && (fallbackFirstWord || words.slice(1).some((w) => TRADE_CLAIM_WORD.test(w)))) {
    // A shop named after its dish, then the dish (착한부대찌개 부대찌개 9천원): the longer first word is the name.
    return cut(0, 1, words[0].length > words[1].length && words[0].endsWith(words[1]));
  }
  return cut(0, words.length, false);
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
 * item still follow it; or when the first word is a shop named after the dish that follows it (착한부대찌개 부대찌개).
 */
export function listedShopName(head: string): string {
  const words = head.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2 && words[0].length > words[1].length && words[0].endsWith(words[1])) return words[0];
  const ending = words.findIndex(isClearShopWord);
  if (ending < 0 || ending >= LISTED_NAME_MAX_WORDS) return '';
  let end = ending + 1;
  while (end < words.length && BRANCH_WORD.test(words[end])) end++;
  return end < words.length ? words.slice(0, end).join(' ') : '';
}
