/**
 * "Paste your print ad": turns the text of a newspaper display ad into the fields of the listing form.
 * Pure: no database, no clock. Nothing it returns is saved until the advertiser submits the form.
 */
import { parseRoadAddress } from '../../lib/korean-address.js';
import { extractPhones } from './ad-text-phones.js';
import { DELIVERY_WORDS, PRINT_PHRASE_FIXES } from './ad-text-data.js';
import { findPrice, firstPriceAt, splitPriceList } from './ad-text-prices.js';
import { offerFromLine } from './ad-text-offers.js';
import { readTags } from './ad-text-tags.js';
import { guessCategory, type CategoryHint } from './ad-text-category.js';
import { BRANCH_NAME_FIRST, dropEmptyBrackets, splitBranchLine, splitTrailingAddress } from './ad-text-branches.js';
import { listedShopName, splitShopName } from './ad-text-name.js';
import { asClassified, classifiedDeal } from './ad-text-classified.js';
import type { AdBranch, AdOffer, ParsedAd } from './ad-text-types.js';
import { ACCOUNT_RE, cleanSentence, extractAccounts, isLabelOnly, tidy } from './ad-text-fields.js';

export type { AdAccount } from './ad-text-fields.js';
export type { AdBranch, AdClassified, AdOffer, ParsedAd } from './ad-text-types.js';
export type { CategoryHint, CategoryGuess } from './ad-text-category.js';

export const AD_TEXT_MAX_LENGTH = 5000;

const LEGAL_RE = /(㈜|\(주\)|주식회사\s?)([가-힣A-Za-z0-9]+)/;
const LATIN_LINE = /^[A-Za-z][A-Za-z0-9 &.'-]*$/;
const SENTENCE_END = /[.!?。"”]$|(?:다|요|세요)$/;

/** Where a phone or a label starts in running text (one-line ads). */
const FACT_START =
  /(?:(?<![A-Za-z])(?:tel|fax)\b|(?<![A-Za-z])t\.|☎|☏|(?:문의|주문|예약)(?:처|전화)?(?=[^가-힣]|및|$)|(?:입금|송금)?계좌(?:번호)?(?=[^가-힣]|및|$)|입금(?:처)?(?=[^가-힣]|및|$)|(?<![\d-])\(?0\d{1,3}\)?[ .\-)]*\d{3,4}[ .-]*\d{4}|(?<![\d-])1[5-9]\d{2}[ .-]?\d{4})/i;
const ACCOUNT_START = new RegExp(ACCOUNT_RE.source);

/** Where the first phone, label or bank account starts in running text, or -1. */
function factAt(text: string): number {
  const found = [text.search(FACT_START), text.search(ACCOUNT_START)].filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}

/** Running text after an ad's name → one piece per priced item, then the facts (phones, accounts) as one piece. */
function pieces(rest: string): string[] {
  const at = factAt(rest);
  const [items, facts] = at >= 0 ? [rest.slice(0, at), rest.slice(at)] : [rest, ''];
  return [...splitPriceList(items), facts].map((p) => p.trim()).filter(Boolean);
}

/**
 * An ad pasted as one line → the lines it would have had: its name first, then one piece per priced item and the
 * facts. The name is the text before the first fact (phone, account, label), cut to the shop's name by the parser's
 * first-line rule (splitShopName); when a price comes first, the words after the shop's name (its first word when
 * nothing marks where the name ends) name the first item. A list of priced items has a name only when a clear shop
 * word starts it (listedShopName).
 */
function explodeOneLine(line: string): string[] {
  const priceAt = firstPriceAt(line);
  const fact = factAt(line);
  if (priceAt >= 0 && (fact < 0 || priceAt < fact)) {
    if (splitPriceList(line).length >= 2 && /[/|｜;▶►■●◆★※•]/.test(line.slice(0, fact < 0 ? undefined : fact))) {
      const listed = listedShopName(line.slice(0, priceAt));
      return [listed, ...pieces(line.slice(listed.length))];
    }
    const head = line.slice(0, priceAt).trim();
    const name = head.includes(' ') ? splitShopName(head, true).name : '';
    // The name may follow a trade phrase (네일 전문 루비네일 젤네일 3만원): the first line runs to the name's end.
    let end = name ? line.indexOf(name) + name.length : 0;
    // A trade claim between the name and the first item (해피펫 애견미용 전문 미용 3만원): it describes the shop.
    const claim = line.slice(end, priceAt).match(/^.*(?:전문|취급|출장|시공)(?=\s)/);
    const claimed = claim ? [claim[0].trim()] : [];
    if (claim) end += claim[0].length;
    return [line.slice(0, end - (claim?.[0].length ?? 0)).trim(), ...claimed, ...pieces(line.slice(end))];
  }
  if (fact > 0) return [line.slice(0, fact).trim(), ...pieces(line.slice(fact))];
  return [line];
}

/** A label word (문의, 주문, 예약 …) in an address's detail: what follows it in running text is not the address. */
const DETAIL_LABEL = /(?:^|\s)(?:문의|주문|예약|상담|입금|계좌|예금주|연락처)(?=\s|[.:：]|$)/;

/** A branch's address (and name), and `leftover`: running text the address line carried after a label (문의 환영). */
function parseBranch(text: string): (Omit<AdBranch, 'phones'> & { leftover: string }) | null {
  const parts = dropEmptyBrackets(tidy(text.replace(/[|｜]/g, ' ')));
  const m = parts.match(BRANCH_NAME_FIRST);
  const name = m ? m[1] : null;
  let addressPrinted = (m ? m[2] : parts).trim();
  const a = parseRoadAddress(addressPrinted);
  if (!a) return null;
  let detail = a.detail;
  let leftover = '';
  const label = detail.search(DETAIL_LABEL);
  if (label >= 0) {
    leftover = detail.slice(label).trim();
    detail = detail.slice(0, label).trim();
    addressPrinted = addressPrinted.slice(0, addressPrinted.lastIndexOf(leftover)).trim();
  }
  return {
    name,
    addressPrinted,
    address: { sido: a.sido, sigungu: a.sigungu, road: a.roadName, buildingNo: a.buildingNo, detail },
    leftover,
  };
}

function fixPhrases(text: string): string {
  return PRINT_PHRASE_FIXES.reduce((s, [re, to]) => s.replace(re, to), text).replace(/\s+/g, ' ').trim();
}

/** "전국전지역6만배송 (기타낙후지역 배송비 추가요금발생)" → area "전국 배송", note, and the price for the offers above. */
function parseDeliveryLine(line: string): { serviceArea: string; deliveryNote: string | null; price: number | null } | null {
  if (!DELIVERY_WORDS.test(line)) return null;
  const paren = line.match(/[(（]([^)）]+)[)）]/);
  const main = paren ? line.replace(paren[0], ' ') : line;
  const price = findPrice(main);
  const word = main.match(DELIVERY_WORDS)![0];
  const area = /전국/.test(main) ? `전국 ${word}` : fixPhrases((price ? price.rest : main).replace(/전\s*지역/, ' 전지역 '));
  return { serviceArea: area, deliveryNote: paren ? fixPhrases(paren[1]) : null, price: price?.priceKrw ?? null };
}

function guessName(first: string, body: string[]): { name: string; brands: string[] } {
  const words = first.split(' ');
  const brands: string[] = [];
  const kept: string[] = [];
  for (const w of words) {
    const re = new RegExp(`(?<![A-Za-z])${w.replace(/[^A-Za-z0-9]/g, '')}(?![A-Za-z])`, 'i');
    const inText =
      /^[A-Za-z][A-Za-z0-9]*$/.test(w) && words.length > 1
        ? body
            .filter((l) => l.toLowerCase() !== w.toLowerCase())
            .map((l) => l.match(re)?.[0])
            .find(Boolean)
        : undefined;
    if (inText) brands.push(inText.toUpperCase() === inText ? inText : w);
    else kept.push(w);
  }
  return kept.length ? { name: kept.join(' '), brands } : { name: first, brands: [] };
}

/** Parses the pasted text of a print ad. `categories` (optional) lets it suggest a category by its synonyms. */
export function parseAdText(input: string, categories: CategoryHint[] = []): ParsedAd {
  const tagged = readTags(input.normalize('NFC').slice(0, AD_TEXT_MAX_LENGTH));
  const text = tagged.text;
  const ad: ParsedAd = {
    kind: 'business',
    classified: null,
    name: '',
    nameLatin: null,
    legalName: null,
    brands: [],
    categories: [],
    category: null,
    nameUnsure: true,
    tagline: null,
    description: '',
    serviceArea: null,
    deliveryNote: null,
    phones: [],
    branches: [],
    offers: [],
    paymentAccounts: [],
  };
  const given = text.split(/\r?\n/).map(tidy).filter(Boolean).flatMap(splitBranchLine);
  const deal = tagged.deal ?? classifiedDeal(given[0] ?? '');
  // One line, or a first line that already prices items: split into the lines it would have had (a classified keeps its
  // line: its title is cut below). Other lines: a line listing several priced items becomes one line per item.
  const lines = given
    .flatMap((l, i) => (i > 0 ? splitPriceList(l) : !deal && (given.length === 1 || firstPriceAt(l) >= 0) ? explodeOneLine(l) : [l]))
    .flatMap((l) => (deal ? [l] : splitTrailingAddress(l)));
  const legalMatch = text.match(LEGAL_RE);
  const legal = legalMatch
    ? {
        full: `${legalMatch[1].trim()}${legalMatch[2].replace(/(?<=..)(?:은|는|이|가)$/, '')}`,
        subject: /^(?:㈜|\(주\)|주식회사\s?)[가-힣A-Za-z0-9]+?(?:은|는|이|가)?\s+/,
      }
    : null;
  ad.legalName = legal?.full ?? null;
  const description: string[] = [];
  let head = '';
  let pendingOffers: AdOffer[] = [];
  for (const [index, raw] of lines.entries()) {
    const { accounts, rest: afterAccounts } = extractAccounts(raw);
    ad.paymentAccounts.push(...accounts);
    const { phones, rest: afterPhones } = extractPhones(afterAccounts);
    const branch = parseBranch(afterPhones);
    if (branch) {
      const { leftover, ...found } = branch;
      ad.branches.push({ ...found, phones });
      // "문의 환영" after the address: the label goes, the words describe the shop.
      const words = leftover.replace(DETAIL_LABEL, ' ').trim();
      if (words && !isLabelOnly(words)) description.push(cleanSentence(words, legal));
      continue;
    }
    ad.phones.push(...phones);
    const line = tidy(afterPhones);
    if (!line || (index > 0 && isLabelOnly(line))) continue;
    if (index === 0) {
      // The shop's name only; what the first words say the shop does ("개업떡 답례떡 전문") describes it.
      const { name, tail, tagline, sure } = splitShopName(line);
      Object.assign(ad, guessName(name, lines.slice(1)));
      ad.nameUnsure = !sure;
      head = line;
      if (tagline) {
        ad.tagline = tagline;
        description.push(cleanSentence(tagline, legal));
      }
      if (tail) description.push(cleanSentence(tail, legal));
      continue;
    }
    if (line.toLowerCase() === ad.name.toLowerCase()) continue;
    if (index === 1 && LATIN_LINE.test(line) && !ad.nameLatin) {
      ad.nameLatin = line;
      continue;
    }
    const delivery = parseDeliveryLine(line);
    if (delivery) {
      ad.serviceArea = delivery.serviceArea;
      ad.deliveryNote = delivery.deliveryNote;
      const price = delivery.price;
      if (price !== null) for (const o of pendingOffers) o.priceKrw ??= price;
      ad.offers.push(...pendingOffers);
      pendingOffers = [];
      continue;
    }
    if (line.length <= 40 && !SENTENCE_END.test(line)) {
      const { offer, priced } = offerFromLine(line);
      if (priced) ad.offers.push(offer);
      else pendingOffers.push(offer);
      continue;
    }
    description.push(cleanSentence(line, legal));
  }
  // Short lines never given a price were not offers after all.
  description.unshift(...pendingOffers.map((o) => cleanSentence(o.name, legal)));
  ad.description = description.filter(Boolean).join(' ');
  if (deal) asClassified(ad, deal, given, text);
  // A name printed again on a line of its own (HDKorea) is the name, whatever its ending; a classified's title is cut
  // by rule; an empty or very long name is never sure.
  if (given.slice(1).some((l) => l === ad.name) || ad.kind === 'classified') ad.nameUnsure = false;
  if (!ad.name || ad.name.length > 40) ad.nameUnsure = true;
  ad.category = guessCategory({ name: ad.name, head, text, deal: ad.classified?.deal ?? null }, categories);
  ad.categories = ad.category && ad.category.confidence !== 'low' ? [{ id: ad.category.id, name: ad.category.name }] : [];
  return ad;
}
