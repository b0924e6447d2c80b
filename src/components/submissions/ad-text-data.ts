/**
 * Reference data for the ad-text parser: Korean banks, print-ad phrasing fixes and stock phrases.
 * Data, not code: add a bank or a phrase by adding a row.
 */

/** Banks a Korean advertiser prints for transfers: the name shown, and the other ways print writes it. */
export const KOREAN_BANKS: ReadonlyArray<{ name: string; aliases: string[] }> = [
  { name: '농협', aliases: ['NH농협', 'NH', '농협은행', '지역농협', '단위농협'] },
  { name: '국민', aliases: ['KB국민', 'KB', '국민은행'] },
  { name: '신한', aliases: ['신한은행'] },
  { name: '우리', aliases: ['우리은행'] },
  { name: '하나', aliases: ['하나은행', 'KEB하나'] },
  { name: '기업', aliases: ['IBK기업', 'IBK', '기업은행'] },
  { name: 'SC제일', aliases: ['SC제일은행', '제일은행'] },
  { name: '씨티', aliases: ['씨티은행', '한국씨티'] },
  { name: '카카오뱅크', aliases: ['카카오'] },
  { name: '토스뱅크', aliases: ['토스'] },
  { name: '케이뱅크', aliases: ['K뱅크'] },
  { name: '새마을금고', aliases: ['MG새마을금고'] },
  { name: '신협', aliases: ['신용협동조합'] },
  { name: '우체국', aliases: ['우체국예금'] },
  { name: '수협', aliases: ['수협은행', 'Sh수협'] },
  { name: '산업', aliases: ['KDB산업', '산업은행'] },
  { name: '광주은행', aliases: [] },
  { name: '전북은행', aliases: [] },
  { name: '부산은행', aliases: [] },
  { name: '경남은행', aliases: [] },
  { name: '대구은행', aliases: ['iM뱅크'] },
  { name: '제주은행', aliases: [] },
  { name: '산림조합', aliases: [] },
];

/** Names the bank form of the application shows (the select's options). */
export const BANK_NAMES: readonly string[] = KOREAN_BANKS.map((b) => b.name);

/**
 * Print ads drop spaces to fit a line. Known compressions and how a listing writes them;
 * applied to the delivery note and service-area text only.
 */
export const PRINT_PHRASE_FIXES: ReadonlyArray<[RegExp, string]> = [
  [/^기타\s*낙후\s*지역\s*/, '기타 낙후지역은 '],
  [/^도서\s*산간\s*(?:지역)?\s*/, '도서산간 지역은 '],
  [/추가\s*요금\s*발생/, '추가요금 발생'],
  [/배송비\s*별도/, '배송비 별도'],
];

/** Stock self-praise that print ads add after a business description; the description keeps the part before it. */
export const STOCK_CLAUSES: readonly RegExp[] = [
  /\s*(?:으로서|로서)\s+.*(?:앞장서고\s*있습니다|최선을\s*다하겠습니다|노력하겠습니다|모시겠습니다|약속드립니다)\.?$/,
];

/** Words that mark a line as the delivery / service-area line of an ad. */
export const DELIVERY_WORDS = /(?:배송|배달|택배|퀵)/;

/** Kinds of classified deal and the print words that announce them, checked in this order (알바 구합니다 is a job). */
export type ClassifiedDeal = 'rent' | 'job' | 'sell' | 'buy' | 'wanted' | 'share' | 'swap';
export const CLASSIFIED_DEALS: ReadonlyArray<[ClassifiedDeal, RegExp]> = [
  ['rent', /월세|전세|반전세|세\s?놓습니다|세놓|임대합니다|방\s?있습니다/],
  ['job', /구인|알바|아르바이트|채용|직원\s*모집|사람\s*구함|모집합니다|구직/],
  ['sell', /팝니다|팔아요|판매합니다|급매|급처|처분합니다|넘깁니다/],
  ['buy', /삽니다|사요|매입합니다|구매합니다/],
  ['wanted', /구합니다|구해요|찾습니다/],
  ['share', /나눔|무료로?\s*드립니다|드려요/],
  ['swap', /교환합니다|교환\s*원해요|맞교환|물물교환/],
];

/**
 * Words an ad prints in front of a fact (문의 010-…, 입금계좌 농협 …). Once the fact is taken out, a piece made only of
 * these words (and punctuation) is a leftover label and is dropped.
 */
export const FIELD_LABEL_WORD =
  /^(?:(?:입금|송금)?계좌(?:번호)?|입금처?|예금주|문의(?:처|전화)?|전화(?:번호)?|연락처|주문|예약|상담|tel|t|fax|f|팩스|휴대폰|핸드폰|hp|주소|위치|오시는|찾아오시는|길|카톡|카카오톡|및|또는|안내|가격|시급|일급|주급|월급|급여)$/i;

/**
 * How Korean shop names (상호) end: an ad's first words run on past the name ("햇살떡집 개업떡 답례떡 전문"), and the
 * name ends at the first word ending so. Longest first is not needed: any match ends the name.
 */
export const SHOP_NAME_ENDING =
  /(?:집|당|관|방|사|소|실|원|가게|치과|안과|내과|외과|피부과|소아과|이비인후과|상회|상사|마트|식당|카페|플라워|꽃방|약국|센터|공방|스튜디오|하우스|마켓|샵|숍|몰|제과|베이커리|반점|세탁|정육점|의원|학원|미용실|헤어|네일|부동산|인테리어|철물|기획|산업|상점|푸드|김밥|국밥|치킨|피자|커피|랜드|월드|나라|농원|농장|유통|상가|타운|갤러리|모터스|테크|컴퓨터|코리아|열쇠|설비|용달|애드|광고|도시락|백반|교습소|공업사|카센터|하우스|철학관)$/;

/**
 * Shop-name endings that, standing alone as a word, as often name what is sold (국밥 8천원, 치킨 2만원, 네일 3만원):
 * such a word marks no name at the start of a price list, unless it is longer (고향국밥, 교촌치킨).
 */
export const SOLD_ITEM_ENDING = /^(?:김밥|국밥|치킨|피자|커피|카페|헤어|네일|세탁|인테리어|푸드|제과|베이커리|철물|열쇠|설비|용달|광고|도시락|백반)$/;

/** Words that stay with a shop's name after its ending: a branch (본점, 2호점, 충장로점). */
export const BRANCH_WORD = /^(?:본점|\d+호점|(?!전문점$)[가-힣A-Za-z0-9]{1,6}점)$/;

/** What a shop says it does ("개업떡 답례떡 전문", "케이크 주문제작"): words that mark the end of a name's run-on text. */
export const TRADE_CLAIM_WORD = /(?:전문|전문점|취급|판매|제작|주문제작|수리|도매|소매|시공|대여|렌탈|출장|납품|직영|직판|매매|매입)$/;
