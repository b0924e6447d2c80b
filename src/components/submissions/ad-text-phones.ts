/**
 * Phones in print-ad text: "Tel. 062) 522-2000", "010.2345.6789", "(062)522-2000", "1588-1234", "0507-1234-5678",
 * ranges "062-522-2000~3" (four lines) and extensions "내선 12", which the phone library does not read.
 * Business registration numbers (123-45-67890) are skipped.
 */
import { parsePhone, type PhoneType } from '../phones/index.js';

export interface AdPhone {
  printed: string;
  e164: string;
  display: string;
  type: PhoneType;
  extension?: string;
}

const LABEL = String.raw`(?:(?<![A-Za-z])(?:tel|fax|t|f|h\.?p|mobile)\b\.?|전화|문의|주문|예약|상담|팩스|휴대폰|핸드폰|☎|☏|📞)\s*[:：]?\s*`;
const NUMBER = String.raw`\(?0\d{1,3}\)?[ .\-)]*\d{3,4}[ .\-]*\d{4}|1[5-9]\d{2}[ .\-]?\d{4}`;
const PHONE_RE = new RegExp(
  String.raw`(${LABEL})?(?<![\d\-])(${NUMBER})(?![\d])(?:\s*~\s*(\d{1,4})(?![\d]))?(?:\s*\(?\s*(?:내선|ext\.?|x)\s*(\d{1,6})\)?)?`,
  'gi',
);
const REGISTRATION_NO = /(?<![\d-])\d{3}-\d{2}-\d{5}(?![\d-])/g;
const MAX_RANGE = 20;

function isFaxLabel(label: string | undefined): boolean {
  return !!label && /^(?:fax|f\b|팩스)/i.test(label.trim());
}

/** Expands "0625222000" with range end "3" to 0625222000 … 0625222003 (at most 20 lines). */
function expandRange(digits: string, end: string | undefined): string[] {
  if (!end) return [digits];
  const tail = digits.slice(-end.length);
  const from = Number(tail);
  const to = Number(end);
  if (!(to > from) || to - from > MAX_RANGE) return [digits];
  const head = digits.slice(0, digits.length - end.length);
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(head + String(n).padStart(end.length, '0'));
  return out;
}

/** Finds every valid phone in a piece of text; `rest` is the text with the phones (and their labels) taken out. */
export function extractPhones(text: string): { phones: AdPhone[]; rest: string } {
  const masked = text.replace(REGISTRATION_NO, (m) => ' '.repeat(m.length));
  const phones: AdPhone[] = [];
  const cuts: Array<[number, number]> = [];
  for (const m of masked.matchAll(PHONE_RE)) {
    const [whole, label, number, rangeEnd, extension] = m;
    const fax = isFaxLabel(label);
    const lines = expandRange(number.replace(/\D/g, ''), rangeEnd);
    const found: AdPhone[] = [];
    for (const [i, digits] of lines.entries()) {
      const parsed = parsePhone(digits, { fax });
      if (!parsed) continue;
      found.push({
        printed: i === 0 ? number.trim() : parsed.display,
        e164: parsed.e164,
        display: parsed.display,
        type: parsed.type,
        ...(extension ? { extension } : {}),
      });
    }
    if (found.length === 0) continue;
    phones.push(...found);
    cuts.push([m.index, m.index + whole.length]);
  }
  // Pieces joined once: cutting each phone out of the whole text in turn was quadratic in a text of many phones.
  const pieces: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    pieces.push(text.slice(at, from), ' ');
    at = to;
  }
  pieces.push(text.slice(at));
  return { phones, rest: pieces.join('') };
}
