/**
 * Korean phone numbers: parse what people type or print, validate with libphonenumber-js's full metadata,
 * and produce the E.164 form, the display form Korean readers expect and the tel: href.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneType = 'mobile' | 'landline' | 'voip' | 'safe' | 'representative' | 'fax' | 'other';
export const PHONE_TYPES: readonly PhoneType[] = ['mobile', 'landline', 'voip', 'safe', 'representative', 'fax', 'other'];

export interface ParsedPhone {
  e164: string;
  display: string;
  type: PhoneType;
  /** Digits as dialled inside Korea (0625222000, 15883082). */
  nationalDigits: string;
  extension?: string;
}

const LIB_TYPE: Record<string, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'landline',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'safe',
  UAN: 'representative',
  TOLL_FREE: 'representative',
  SHARED_COST: 'representative',
};

/** Strips what print puts around a number: labels, an unbalanced "062)", dots, an extension written 내선 12. */
function clean(raw: string): { digits: string; extension?: string } {
  let text = raw.normalize('NFKC').trim();
  let extension: string | undefined;
  const ext = text.match(/(?:내선|ext\.?|x)\s*(\d{1,6})\s*$/i);
  if (ext) {
    extension = ext[1];
    text = text.slice(0, ext.index).trim();
  }
  text = text.replace(/^(?:tel\.?|t\.|☎|전화|문의|주문|fax\.?|f\.)\s*:?\s*/i, '');
  const plus = text.trim().startsWith('+');
  const digits = text.replace(/\D/g, '');
  return { digits: plus ? `+${digits}` : digits, extension };
}

/** Parses one phone number written in any common Korean form, or returns null when it is not a valid number. */
export function parsePhone(raw: string, opts: { fax?: boolean } = {}): ParsedPhone | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const { digits, extension } = clean(raw);
  if (digits.replace('+', '').length < 7 || digits.replace('+', '').length > 15) return null;
  const parsed = parsePhoneNumberFromString(digits, 'KR');
  if (!parsed || !parsed.isValid() || parsed.country !== 'KR') return null;
  const libType = parsed.getType() ?? '';
  const national = `0${parsed.nationalNumber}`;
  const representative = /^1[5-9]\d{2}\d{4}$/.test(String(parsed.nationalNumber));
  const type: PhoneType = opts.fax ? 'fax' : representative ? 'representative' : (LIB_TYPE[libType] ?? 'other');
  const nationalDigits = representative ? String(parsed.nationalNumber) : national;
  return {
    e164: parsed.number,
    display: displayForm(nationalDigits, parsed.formatNational()),
    type,
    nationalDigits,
    ...(extension ? { extension } : {}),
  };
}

function displayForm(nationalDigits: string, libFormatted: string): string {
  // 050x safe numbers: the library prints 050-71234-5678; Korean readers write 0507-1234-5678.
  const safe = nationalDigits.match(/^(050\d)(\d{3,4})(\d{4})$/);
  if (safe) return `${safe[1]}-${safe[2]}-${safe[3]}`;
  return libFormatted.replace(/\s+/g, '-');
}

/** The href a tap dials: E.164 for ordinary numbers; the bare number for 15xx/16xx/18xx, which cannot be dialled from abroad. */
export function telHref(phone: Pick<ParsedPhone, 'e164' | 'type' | 'nationalDigits' | 'display'>): string | null {
  if (phone.type === 'fax') return null;
  if (phone.type === 'representative') return `tel:${phone.display}`;
  return `tel:${phone.e164}`;
}

/** Digits a visitor typed as a phone query, or null if the text is not phone-like (for search). */
export function phoneQueryDigits(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  if (!/^\+?[\d\s().-]{4,20}$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  // The country code: +82, or 82 written apart before 5+ digits (82 10 4619) or before a whole number; `(0)` after it
  // is the trunk 0. A short tail such as 82-2000 stays what it is.
  if (text.startsWith('+82') || (/^82[\s.(-]/.test(text) && digits.length >= 7) || (digits.startsWith('82') && digits.length >= 11)) {
    digits = digits.slice(2);
    if (!digits.startsWith('0')) digits = `0${digits}`;
  }
  return digits.length >= 4 ? digits : null;
}
