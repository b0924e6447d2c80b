/** 사업자등록번호: ten digits shown as 123-45-67890, with a check digit (KOREAN-NOTES.md). */

/** The ten digits of a valid number, or null (wrong length, wrong check digit, all zeros). */
export function parseBusinessNumber(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits) || /^0+$/.test(digits)) return null;
  const d = [...digits].map(Number);
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = weights.reduce((s, w, i) => s + w * d[i], 0);
  sum += Math.floor((d[8] * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9] ? digits : null;
}

export const formatBusinessNumber = (digits: string): string => `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
