/**
 * Short codes as printed under an ad and on a card: six characters from an alphabet without 0, O, 1, I, L (and U),
 * so a code read off newsprint is typed right. Input is forgiving: lower case, full-width letters from a Korean
 * keyboard, spaces and hyphens are accepted; U (a misread V) is mapped. Anything else is not a code.
 */
import crypto from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 6;
const SHAPE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A new random code (crypto-random; 30^6 ≈ 729 million codes, so guessing one is hopeless under the rate limit). */
export function randomCode(): string {
  let out = '';
  while (out.length < CODE_LENGTH) {
    // Rejection sampling: 240 is the largest multiple of 30 below 256, so every character is equally likely.
    for (const b of crypto.randomBytes(CODE_LENGTH * 2)) {
      if (b < 240 && out.length < CODE_LENGTH) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return out;
}

/** A code as someone typed it → the stored form, or null when it cannot be one of ours. */
export function normaliseCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 20) return null;
  const code = raw.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/U/g, 'V');
  return SHAPE.test(code) ? code : null;
}

/** How a code is printed for reading aloud and typing: ABC-DEF. */
export const printedCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;
