/**
 * TOTP secrets at rest: sealed with AES-256-GCM under TOTP_ENCRYPTION_KEYS (src/lib/secret-box.ts) and bound to
 * their user's row, so users.totp_secret never holds the base32 secret and a value copied to another user does not
 * open. Secrets stored in clear by earlier versions are sealed at start (boot.ts); `npm run totp:reencrypt`
 * re-seals every secret under the first key after a rotation.
 */
import type { Knex } from 'knex';
import { isSealed, open, seal, sealedKeyId, type KeyRing } from '../../lib/secret-box.js';
import * as repo from './accounts.repository.js';

const context = (userId: number) => `users.totp_secret:${userId}`;
const BASE32 = /^[A-Z2-7]{16,}=*$/;

export function sealTotpSecret(keys: KeyRing, userId: number, secret: string): string {
  return seal(keys, secret, context(userId));
}

/** The base32 secret, or a SecretBoxError when the stored value does not open with the configured keys. */
export function openTotpSecret(keys: KeyRing, userId: number, stored: string): string {
  return open(keys, stored, context(userId));
}

export interface ResealResult {
  /** Plain-text secrets (from before encryption at rest) now sealed. */
  encrypted: number;
  /** Sealed under another key, now sealed under the first key. */
  reencrypted: number;
  /** Already sealed under the first key (or left as they were, with plaintextOnly). */
  current: number;
  /** Users whose secret does not open with any configured key (left unchanged: the second factor fails closed). */
  failed: number[];
}

/**
 * Seals every plain-text secret and, unless `plaintextOnly`, re-seals every secret not under the first key.
 * One transaction; each row is replaced only if it still holds what was read.
 */
export async function resealTotpSecrets(db: Knex, keys: KeyRing, opts: { plaintextOnly: boolean }): Promise<ResealResult> {
  const result: ResealResult = { encrypted: 0, reencrypted: 0, current: 0, failed: [] };
  await db.transaction(async (trx) => {
    for (const { id, stored } of await repo.listTotpSecrets(trx)) {
      if (!isSealed(stored)) {
        if (!BASE32.test(stored)) result.failed.push(id);
        else if (await repo.replaceTotpSecret(trx, id, stored, sealTotpSecret(keys, id, stored))) result.encrypted += 1;
        continue;
      }
      if (opts.plaintextOnly || sealedKeyId(stored) === keys.primaryId) {
        result.current += 1;
        continue;
      }
      let secret: string;
      try {
        secret = openTotpSecret(keys, id, stored);
      } catch {
        result.failed.push(id);
        continue;
      }
      if (await repo.replaceTotpSecret(trx, id, stored, sealTotpSecret(keys, id, secret))) result.reencrypted += 1;
    }
  });
  return result;
}
