/**
 * Helpers the print-ad parser and its classified-ad reading share: bank accounts out of running text, the markup and
 * labels pasted text brings along, and a sentence tidied for the description.
 */
import { FIELD_LABEL_WORD, KOREAN_BANKS, STOCK_CLAUSES } from './ad-text-data.js';

export interface AdAccount { bank: string; holder: string; number: string }

const bankAlternation = KOREAN_BANKS.flatMap((b) => [b.name, ...b.aliases])
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
/** A bank account as ads print it: bank, holder (before or after the number), number. */
export const ACCOUNT_RE = new RegExp(
  String.raw`(${bankAlternation})(?:은행)?\s*[:：]?\s*(?:예금주\s*[:：]?\s*)?([가-힣]{2,5}(?=\s))?\s*(\d{2,6}(?:-\d{2,8}){1,4}|\d{10,16})(?:\s*\(?(?:예금주\s*[:：]?\s*)?([가-힣]{2,5})\)?)?`,
  'g',
);

function bankName(printed: string): string {
  return KOREAN_BANKS.find((b) => b.name === printed || b.aliases.includes(printed))?.name ?? printed;
}

/** The accounts a line holds (a number of 10+ digits with its holder), and the line without them. */
export function extractAccounts(line: string): { accounts: AdAccount[]; rest: string } {
  const accounts: AdAccount[] = [];
  const rest = line.replace(ACCOUNT_RE, (whole, bank: string, before?: string, number?: string, after?: string) => {
    const holder = before ?? after;
    if (!holder || !number || number.replace(/\D/g, '').length < 10) return whole;
    accounts.push({ bank: bankName(bank), holder, number });
    return ' ';
  });
  return { accounts, rest };
}

/**
 * Markup that pasted text brings along (markdown emphasis, headings, quotes, list bullets, links): the fields hold
 * plain text only.
 */
function stripMarkup(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\((?:[^)]*)\)/g, '$1')
    .replace(/\*+|_{2,}|~{2,}|`+/g, ' ')
    .replace(/^\s*(?:#{1,6}|>+|[-+•·▪◦]\s)\s*/, '');
}

/** One line as plain text: markup, edge bars and repeated spaces gone. */
export const tidy = (s: string) => stripMarkup(s).replace(/\s*[|｜]\s*$|^\s*[|｜]\s*/g, '').replace(/\s+/g, ' ').trim();

/** A piece left with nothing but labels (문의, 입금계좌, Tel.) once its phone or account was taken out. */
export function isLabelOnly(piece: string): boolean {
  const words = piece.split(/[\s.:：,·()[\]<>【】/|*~-]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => FIELD_LABEL_WORD.test(w));
}

/** A line as a sentence of the description: quotes, the legal name as subject and stock clauses gone, a full stop added. */
export function cleanSentence(line: string, legal: { full: string; subject: RegExp } | null): string {
  let s = line.replace(/^["“”']+|["“”']+$/g, '').trim();
  if (legal) s = s.replace(legal.subject, '').trim();
  for (const re of STOCK_CLAUSES) s = s.replace(re, '');
  s = s.trim();
  return s && !/[.!?。]$/.test(s) ? `${s}.` : s;
}
