/**
 * Bracketed tags that classified columns print before an ad ([구직], [전세], [교환], 【급매】, <팝니다>): they set the
 * kind of deal and are taken out of the text, so no stored field keeps them.
 */
import type { ClassifiedDeal } from './ad-text-data.js';

const TAG_DEALS: ReadonlyArray<[RegExp, ClassifiedDeal]> = [
  [/^(?:구인|구직|알바|채용|모집|일자리)$/, 'job'],
  [/^(?:전세|월세|반전세|임대|세놓음|매매|분양)$/, 'rent'],
  [/^(?:교환|물물교환|맞교환)$/, 'swap'],
  [/^(?:급매|팝니다|판매|매도|중고)$/, 'sell'],
  [/^(?:삽니다|구매|매입)$/, 'buy'],
  [/^(?:구합니다|찾습니다)$/, 'wanted'],
  [/^(?:나눔|무료나눔|드림)$/, 'share'],
];
const TAG = /[[【〔<《(]\s*([가-힣]{2,5})\s*[\]】〕>》)]/g;

/** The deal the ad's tags announce (the first tag that names one) and the text without any tag that names a deal. */
export function readTags(text: string): { deal: ClassifiedDeal | null; text: string } {
  let deal: ClassifiedDeal | null = null;
  const rest = text.replace(TAG, (whole, word: string) => {
    const found = TAG_DEALS.find(([re]) => re.test(word))?.[1];
    if (!found) return whole;
    // 매매 in a tag is a sale when nothing says rent: 【급매】 아파트 매매 is sold, [매매] 아파트 too.
    deal ??= found === 'rent' && word === '매매' ? 'sell' : found;
    return ' ';
  });
  return { deal, text: deal ? rest.replace(/^[ \t]+/gm, '').replace(/[ \t]{2,}/g, ' ') : text };
}
