/** Parsers and error lines for environment values: the building blocks of the schema in index.ts. */
import { z } from 'zod';
import { derivedKeyRing, parseKeyRing, type KeyRing } from '../lib/secret-box.js';

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** An origin (scheme, host, port), nothing after it but an optional slash. */
export function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && u.pathname === '/' && !u.search && !u.hash
      && /^https?:\/\/[^/?#]+\/?$/i.test(value);
  } catch {
    return false;
  }
}

export const int = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min).max(max);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function describeIssue(issue: z.core.$ZodIssue, source: Record<string, string | undefined>): string {
  const key = String(issue.path[0] ?? 'environment');
  const value = source[key];
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `Invalid configuration: ${key} ${issue.message}${shown}`;
}

/**
 * TOTP_ENCRYPTION_KEYS, or in development and tests a fixed, obviously non-secret key derived from a label (as for
 * SESSION_SECRET); production must set one. The key material never appears in an error line.
 */
export function totpKeyRing(spec: string | undefined, production: boolean): KeyRing {
  if (!spec) {
    if (production)
      throw new ConfigError(
        'Invalid configuration: TOTP_ENCRYPTION_KEYS is required in production (id:base64key, e.g. k1:<openssl rand -base64 32>)',
      );
    return derivedKeyRing('dev', 'golmok-development-totp-key');
  }
  try {
    return parseKeyRing(spec);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: TOTP_ENCRYPTION_KEYS ${(err as Error).message}`);
  }
}
