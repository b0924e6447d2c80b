/** Search results → what the page and the API print. Highlighting escapes every piece before adding <mark>. */
import type { Lang } from '../../core/i18n.js';
import { cardCallVM, distanceText, listingPath, type Category } from '../listings/index.js';
import { districtLabel } from '../../lib/korean-address.js';
import { plainText } from '../../lib/plain-text.js';
import { formatWon } from '../../lib/money.js';
import type { SearchOutcome } from './search.service.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

/** Wraps case-insensitive occurrences of the words in <mark>; text is escaped piece by piece. */
export function highlightHtml(text: string, words: string[]): string {
  const needles = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return escapeHtml(text);
  const lower = text.normalize('NFC').toLowerCase();
  const source = text.normalize('NFC');
  let out = '';
  let plainFrom = 0;
  let i = 0;
  while (i < source.length) {
    const hit = needles.find((n) => lower.startsWith(n, i));
    if (hit) {
      out += `${escapeHtml(source.slice(plainFrom, i))}<mark>${escapeHtml(source.slice(i, i + hit.length))}</mark>`;
      i += hit.length;
      plainFrom = i;
    } else {
      i += 1;
    }
  }
  return out + escapeHtml(source.slice(plainFrom));
}

/** Characters a snippet never starts or ends on: a cut there would leave a dangling separator (꽃다발 · …, 화환/…). */
const DANGLING = /^[\s·•/\-–—,;:|]+|[\s·•/\-–—,;:|]+$/g;

/** Where the word holding position i starts (after the last space before it). */
const wordStart = (text: string, i: number) => text.lastIndexOf(' ', i - 1) + 1;

/**
 * A plain-text snippet around the first match (cut first, escaped later), of about `max` characters: it starts at a
 * word's start and ends at a word's end, never on a separator, with … where text was cut.
 */
export function snippetText(description: string, words: string[], max = 90): string {
  const flat = String(description ?? '').replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const at = words.map((w) => (w ? lower.indexOf(w) : -1)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  // About 20 characters of context before the match, from the start of a word (the match's own word if that one is long).
  let start = at > 20 ? wordStart(flat, at - 20) : 0;
  if (at - start > 40) start = wordStart(flat, at);
  let end = Math.min(flat.length, start + max);
  if (end < flat.length && flat[end] !== ' ') {
    const lastSpace = flat.lastIndexOf(' ', end);
    // A single word longer than the whole snippet is cut where it must be.
    if (lastSpace > Math.max(start, at)) end = lastSpace;
  }
  const piece = flat.slice(start, end).replace(DANGLING, '');
  return `${start > 0 ? '…' : ''}${piece}${end < flat.length ? '…' : ''}`;
}

const catName = (c: Category | undefined, lang: Lang) => (c ? (lang === 'en' ? c.nameEn : c.nameKo) : null);

/** Whether query digits name a number: whole, its end, or its first digits (with or without the leading 0). */
const namesNumber = (n: string, digits: string) =>
  n === digits || n.endsWith(digits) || digits.endsWith(n) || n.startsWith(digits) || n.slice(1).startsWith(digits);

/** A result's snippet: its tagline and plain description around the first query word. */
const resultSnippet = (r: SearchOutcome['results'][number], words: string[]) => {
  const description = plainText(r.description);
  return snippetText(r.tagline ? `${r.tagline} · ${description}` : description, words);
};

/** What the API prints of one result (search.openapi.ts) and the page's card starts from. */
function cardCore(out: SearchOutcome, r: SearchOutcome['results'][number], categories: Map<number, Category>, lang: Lang) {
  const km = out.distances?.get(r.id);
  return {
    id: r.id,
    name: r.name,
    url: listingPath(r),
    kind: r.kind,
    category: catName(categories.get(r.categoryId ?? -1), lang),
    district: r.district,
    phones: r.phones.map((p) => ({ display: p.display, e164: p.e164 })),
    snippet: resultSnippet(r, out.parsed.words),
    offer: r.offer ? { name: r.offer.name, priceKrw: r.offer.priceKrw } : null,
    // Sorted by distance: how far its nearest branch is (rounded to 10 m for the API; "1.2 km" for the page).
    distanceKm: km === undefined ? null : Math.round(km * 100) / 100,
  };
}

/**
 * What the public API prints of each result: the page's facts without its HTML (highlights, call button, price
 * text), which the API would build only to drop.
 */
export function resultsApiVM(out: SearchOutcome, categories: Map<number, Category>, lang: Lang) {
  return out.results.map((r) => cardCore(out, r, categories, lang));
}

export function resultsVM(out: SearchOutcome, categories: Map<number, Category>, lang: Lang) {
  const words = out.parsed.words;
  return out.results.map((r) => {
    const core = cardCore(out, r, categories, lang);
    const digits = out.parsed.phoneDigits;
    const matchedPhone = digits
      ? (r.phones.find((p) => p.nationalDigits === digits) ?? r.phones.find((p) => namesNumber(p.nationalDigits, digits)))
      : undefined;
    const branch = matchedPhone?.branchId ? r.branches.find((b) => b.id === matchedPhone.branchId) : undefined;
    // The call button dials the number the visitor searched for, else the main one (listing-level first).
    const dialable = r.phones.filter((p) => p.type !== 'fax');
    const callPhone =
      (matchedPhone && matchedPhone.type !== 'fax' ? matchedPhone : undefined) ?? dialable.find((p) => p.branchId === null) ?? dialable[0];
    return {
      ...core,
      nameHtml: highlightHtml(r.name, words),
      districtName: r.district ? districtLabel(r.district, lang).name : null, // the page's label; the API keeps the Hangul
      call: cardCallVM(callPhone, r.id),
      snippetHtml: highlightHtml(core.snippet, words),
      // The offer that matched the query's price words, else the first priced one (a wreath order is decided on it).
      offer: r.offer
        ? { name: r.offer.name, priceKrw: r.offer.priceKrw, price: formatWon(r.offer.priceKrw, lang), matched: r.offerMatched }
        : null,
      distance: out.distances ? distanceText(out.distances.get(r.id)) : null,
      matchedBranch: branch
        ? { name: branch.name, phone: matchedPhone!.display }
        : matchedPhone
          ? { name: null, phone: matchedPhone.display }
          : null,
    };
  });
}
