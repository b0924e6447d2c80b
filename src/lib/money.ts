/** Won amounts: parse Korean print notation and format for display. Prices are whole won. */

const UNITS: Array<[string, number]> = [['억', 100_000_000], ['만', 10_000], ['천', 1_000], ['백', 100]];

/**
 * Parses 6만 / 6만원 / 3만5천원 / 12,000원 / 45만원 / 1억2천만원 / 60000 into whole won.
 * Returns null for 협의, 문의 and anything that is not a price.
 */
export function parseWon(raw: string): number | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '').replace(/원$/, '').replace(/^₩/, '');
  if (!text || /협의|문의/.test(text)) return null;
  if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) {
    const n = Number(text.replace(/,/g, ''));
    return Number.isSafeInteger(n) ? n : null;
  }
  if (!/^[\d,.억만천백]+$/.test(text) || /^[,.]/.test(text)) return null;
  // 1억2천만 = 1×억 + (2×천)×만: small units add into a section that the next 만 or 억 multiplies.
  let total = 0;
  let section = 0;
  let number: number | null = null;
  for (const token of text.match(/\d[\d,]*(?:\.\d+)?|[억만천백]/g) ?? []) {
    if (/^\d/.test(token)) {
      number = Number(token.replace(/,/g, ''));
      continue;
    }
    const unit = UNITS.find(([u]) => u === token)![1];
    if (unit >= 10_000) {
      section += number ?? 0;
      total += (section || 1) * unit;
      section = 0;
    } else {
      section += (number ?? 1) * unit;
    }
    number = null;
  }
  total += section + (number ?? 0);
  return Number.isSafeInteger(total) && total > 0 ? Math.round(total) : null;
}

/** Digits grouped by thousands (60,000). One formatter for the process: toLocaleString builds a new one per call, a search's cards many. */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 60000 → "60,000원" (ko) or "₩60,000" (en). */
export function formatWon(amount: number, lang: 'ko' | 'en' = 'ko'): string {
  const digits = GROUPED.format(Math.round(amount));
  return lang === 'en' ? `₩${digits}` : `${digits}원`;
}

/** 60000 → "6만원", 35000 → "3만 5천원", 120000000 → "1억 2,000만원" (the style many Korean shops print). */
export function formatWonKorean(amount: number): string {
  if (amount < 10_000) return formatWon(amount);
  const eok = Math.floor(amount / 100_000_000);
  const man = Math.floor((amount % 100_000_000) / 10_000);
  const rest = amount % 10_000;
  const parts: string[] = [];
  if (eok) parts.push(`${GROUPED.format(eok)}억`);
  if (man) parts.push(`${GROUPED.format(man)}만`);
  if (rest) parts.push(rest % 1000 === 0 ? `${rest / 1000}천` : GROUPED.format(rest));
  return `${parts.join(' ')}원`;
}
