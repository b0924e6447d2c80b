/**
 * The one place where text becomes search tokens, for documents (at write time) and for queries.
 * Hangul runs → single syllables + overlapping pairs (Lucene's CJK bigram approach), so 1–2 syllable words
 * match inside longer words and spacing does not matter; Latin words lower-cased; digit runs as words;
 * 초성 (initial consonants) as suffixes so a bare-consonant query matches as a prefix; phones as digit forms.
 * Text is NFC-normalised (never NFKC: it would turn compatibility jamo into other code points).
 */
import { getChoseong } from 'es-hangul';
import { extractPriceWords, type PriceRange } from './search-prices.js';

const HANGUL_RUN = /[\uAC00-\uD7A3]+/g;
const LATIN_OR_DIGITS = /[a-z]+|[0-9]+/g;
const CHOSEONG_ONLY = /^[\u3131-\u314E]+$/;

/** Latin letters with accents (café, Cafés) lose them; Hangul is left composed. */
const ACCENTED_LATIN = /[\u00C0-\u024F\u1E00-\u1EFF]/g;

export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(ACCENTED_LATIN, (c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
}

/** 축하화환 → 축 하 화 환 축하 하화 화환 */
export function hangulGrams(run: string): string[] {
  const chars = [...run];
  const grams = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/** Tokens of a piece of document text. */
export function textTokens(text: string): string[] {
  const t = normaliseText(text);
  const out: string[] = [];
  for (const m of t.match(HANGUL_RUN) ?? []) out.push(...hangulGrams(m));
  for (const m of t.replace(HANGUL_RUN, ' ').match(LATIN_OR_DIGITS) ?? []) out.push(m);
  return out;
}

/** 초성 suffixes of each Hangul word: 금남로 → ㄱㄴㄹ ㄴㄹ ㄹ, so "ㄴㄹ" matches as a prefix anywhere inside. */
export function choseongTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of normaliseText(text).match(HANGUL_RUN) ?? []) {
    const cho = [...getChoseong(run)];
    for (let i = 0; i < cho.length; i++) out.push(cho.slice(i).join(''));
  }
  return out;
}

/** The 초성 of each Hangul word, space-separated and space-wrapped: 하늘드론 드론·카메라 → ' ㅎㄴㄷㄹ ㄷㄹ ㅋㅁㄹ '. */
export function choseongWords(text: string): string {
  const words = (normaliseText(text).match(HANGUL_RUN) ?? []).map((run) => getChoseong(run));
  return words.length ? ` ${words.join(' ')} ` : '';
}

/**
 * 0625222000 → 0625222000 625222000 25222000 5222000: what people type of a number, as whole tokens. A query of
 * digits matches them as a prefix, so the first digits of a number (0109984, 062-522) find it too.
 */
export function phoneTokens(nationalDigits: string): string[] {
  const d = nationalDigits.replace(/\D/g, '');
  const out = new Set([d, d.replace(/^0/, '')]);
  if (d.length >= 9) out.add(d.slice(-8));
  if (d.length >= 9) out.add(d.slice(-7));
  return [...out].filter((x) => x.length >= 7);
}

export function districtToken(sigungu: string): string {
  return `zzd${normaliseText(sigungu).replace(/\s+/g, '')}`;
}
export function categoryToken(categoryId: number): string {
  return `zzc${categoryId}`;
}

export function kindToken(kind: string): string {
  return `zzk${kind}`;
}

export function joinTokens(tokens: Iterable<string>): string {
  return [...new Set(tokens)].join(' ');
}

export const GWANGJU_DISTRICT_NAMES = ['동구', '서구', '남구', '북구', '광산구'];

export interface ParsedQuery {
  /** The cut, normalised text as typed (for the search box and highlighting). */
  text: string;
  /** Districts named in the query (filters). */
  districts: string[];
  /** Groups of tokens; every group must match (AND). */
  terms: string[];
  /** A bare-consonant query: prefix match on 초성. */
  choseong: string | null;
  /** National digits when the query is a phone number, or the first 4+ digits of one. */
  phoneDigits: string | null;
  /** Hangul runs and Latin words of the query, for highlighting and substring ranking. */
  words: string[];
  /** The query's letters and digits without spaces or district words (축하 화환 → 축하화환), for substring ranking. */
  compact: string;
  /** True when the only content is a single syllable (searched in names and keywords only, to stay cheap and relevant). */
  singleSyllable: boolean;
  /** Price words (5만원, 3만원대, 10만원 이하): offers in this range are matched; null when the query names no price. */
  price: PriceRange | null;
}

export const MAX_QUERY_LENGTH = 100;

export function parseQuery(raw: string, phoneDigitsOf: (q: string) => string | null): ParsedQuery {
  // Trimmed before it is cut, so spaces around a long query do not change what is searched.
  const text = normaliseText(raw).trim().slice(0, MAX_QUERY_LENGTH).replace(/\s+/g, ' ').trim();
  const empty: ParsedQuery = {
    text,
    districts: [],
    terms: [],
    choseong: null,
    phoneDigits: null,
    words: [],
    compact: '',
    singleSyllable: false,
    price: null,
  };
  if (!text) return empty;
  // Price words go with other words (화분 5만원); a price alone is searched as the text it is.
  const priced = extractPriceWords(text);
  if (priced.price && /[\p{L}\p{N}]/u.test(priced.rest)) return { ...parseQuery(priced.rest, phoneDigitsOf), text, price: priced.price };
  const phoneDigits = phoneDigitsOf(text);
  if (phoneDigits && phoneDigits.length >= 4) return { ...empty, phoneDigits, words: [] };
  const districts: string[] = [];
  const rest: string[] = [];
  for (const word of text.split(' ')) {
    if (GWANGJU_DISTRICT_NAMES.includes(word)) districts.push(word);
    else rest.push(word);
  }
  const remaining = rest.join(' ');
  const compact = remaining.replace(/\s+/g, '');
  if (compact && CHOSEONG_ONLY.test(compact)) return { ...empty, districts, choseong: compact };
  const terms: string[] = [];
  const words: string[] = [];
  for (const run of remaining.match(HANGUL_RUN) ?? []) {
    words.push(run);
    const chars = [...run];
    if (chars.length === 1) terms.push(run);
    else for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
  }
  for (const w of remaining.replace(HANGUL_RUN, ' ').match(LATIN_OR_DIGITS) ?? []) {
    words.push(w);
    terms.push(w);
  }
  const uniqueTerms = [...new Set(terms)];
  return {
    ...empty,
    districts,
    terms: uniqueTerms,
    words,
    compact: remaining.replace(/[^\p{L}\p{N}]+/gu, ''),
    singleSyllable: uniqueTerms.length === 1 && [...uniqueTerms[0]].length === 1 && /[\uAC00-\uD7A3]/.test(uniqueTerms[0]),
  };
}
