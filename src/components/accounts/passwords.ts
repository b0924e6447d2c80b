/** Password hashing with scrypt (memory-hard, from node:crypto) and the password policy. */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  pw: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;
const KEY_LENGTH = 32;

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 + 1024 * 1024 });
  return `scrypt$${cost}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const N = Number(n);
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r) + 1024 * 1024,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** Passwords people pick first; refused whatever their length. */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  '11111111',
  '00000000',
  '87654321',
  'qwerty123',
  'qwertyuiop',
  'qwer1234',
  'asdf1234',
  'zxcv1234',
  'abcd1234',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'iloveyou',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'admin123',
  'letmein1',
  'dragon123',
  'monkey123',
  'a1234567',
  'aa123456',
  'q1w2e3r4',
  'passw0rd',
  'superman',
  'trustno1',
  'golmok123',
  'gwangju1',
  'korea123',
  'samsung1',
  'sarang12',
  'saranghae',
  'qwerasdf',
  'asdfqwer',
  '!@#$%^&*',
  'p@ssw0rd',
]);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/** null when acceptable, else a message key. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'accounts.password.tooShort';
  if (length > PASSWORD_MAX) return 'accounts.password.tooLong';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'accounts.password.common';
  if (email && lower === email.toLowerCase()) return 'accounts.password.common';
  return null;
}

/** A random token for links (256 bits) and the hash stored in its place. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
