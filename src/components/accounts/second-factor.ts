/**
 * TOTP second factor for moderators and admins (otpauth). The secret is stored (sealed, see totp-secrets.ts) when
 * enrolment starts and becomes active once the first code is confirmed; confirming also issues one-time recovery
 * codes. Codes are single-use: the time step of the last accepted code is kept and only a later step is accepted
 * (one conditional UPDATE, so two instances cannot both accept it); a recovery code is marked used the same way.
 * A secret that does not open with the configured keys fails closed: no TOTP code is accepted for it.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import * as repo from './accounts.repository.js';
import type { Clock } from '../../lib/clock.js';
import type { KeyRing } from '../../lib/secret-box.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { openTotpSecret, sealTotpSecret } from './totp-secrets.js';

const PERIOD = 30;

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Golmok', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function createSecondFactor(deps: { db: Knex; clock: Clock; keys: KeyRing; hashCost: number; logger?: Logger }) {
  const { db, clock, keys } = deps;

  /** The user's state with the secret opened; `secret` is null when none is stored or it does not open. */
  async function state(userId: number) {
    const s = await repo.findTotpState(db, userId);
    if (!s) return null;
    let secret: string | null = null;
    if (s.stored) {
      try {
        secret = openTotpSecret(keys, userId, s.stored);
      } catch (err) {
        deps.logger?.error(
          { userId, err: (err as Error).message },
          'TOTP secret does not open with TOTP_ENCRYPTION_KEYS: second factor refused',
        );
      }
    }
    return { ...s, secret };
  }

  /** The time step a valid code stands for, or null. */
  function stepOf(secret: string, label: string, code: string): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const now = clock.now().getTime();
    const delta = totpFor(secret, label).validate({ token: code, timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
  }

  async function hashedCodes(): Promise<{ codes: string[]; hashes: string[] }> {
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c)!, deps.hashCost)));
    return { codes, hashes };
  }

  return {
    async isEnrolled(userId: number): Promise<boolean> {
      return Boolean((await repo.findTotpState(db, userId))?.enabledAt);
    },

    /** Starts (or restarts) enrolment: a new secret, its otpauth:// URI and a QR code (SVG) for the authenticator app. */
    async beginEnrolment(userId: number): Promise<{ secret: string; uri: string; qrSvg: string }> {
      const s = await state(userId);
      if (!s) throw new Error('no such user');
      if (s.enabledAt) throw new Error('already enrolled');
      // A pending secret that no longer opens (keys changed) is simply replaced: nothing was enrolled with it.
      const secret = s.secret ?? new Secret({ size: 20 }).base32;
      if (!s.secret) await repo.setTotpSecret(db, userId, sealTotpSecret(keys, userId, secret));
      const uri = totpFor(secret, s.email).toString();
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
    },

    /** Confirms enrolment with a first code; the recovery codes to show once, or null when the code is not accepted. */
    async confirmEnrolment(userId: number, code: string): Promise<string[] | null> {
      const s = await state(userId);
      if (!s?.stored || !s.secret || s.enabledAt) return null;
      const step = stepOf(s.secret, s.email, code);
      if (step === null) return null;
      const { codes, hashes } = await hashedCodes();
      const now = clock.now();
      const ok = await db.transaction(async (trx) => {
        if (!(await repo.acceptTotpStep(trx, userId, s.stored!, step, now))) return false;
        await repo.replaceRecoveryCodes(trx, userId, hashes, now);
        return true;
      });
      return ok ? codes : null;
    },

    /** A TOTP code of an enrolled user, accepted once. */
    async verify(userId: number, code: string): Promise<boolean> {
      const s = await state(userId);
      if (!s?.stored || !s.secret || !s.enabledAt) return false;
      const step = stepOf(s.secret, s.email, code);
      return step !== null && repo.acceptTotpStep(db, userId, s.stored, step, null);
    },

    /** A recovery code in place of a TOTP code: the number of codes left once it is used, or null when refused. */
    async useRecoveryCode(userId: number, input: string): Promise<number | null> {
      const code = normaliseRecoveryCode(input);
      if (!code || !(await repo.findTotpState(db, userId))?.enabledAt) return null;
      const unused = await repo.unusedRecoveryCodes(db, userId);
      for (const row of unused) {
        if (!(await verifyPassword(code, row.hash))) continue;
        if (!(await repo.useRecoveryCode(db, row.id, clock.now()))) return null;
        deps.logger?.warn({ userId, left: unused.length - 1 }, 'second factor passed with a recovery code');
        return unused.length - 1;
      }
      return null;
    },

    async recoveryCodesLeft(userId: number): Promise<number> {
      return (await repo.unusedRecoveryCodes(db, userId)).length;
    },

    /** A new set of recovery codes (the old ones stop working), to show once. */
    async regenerateRecoveryCodes(userId: number): Promise<string[]> {
      if (!(await repo.findTotpState(db, userId))?.enabledAt) throw new Error('not enrolled');
      const { codes, hashes } = await hashedCodes();
      await db.transaction((trx) => repo.replaceRecoveryCodes(trx, userId, hashes, clock.now()));
      return codes;
    },
  };
}
export type SecondFactor = ReturnType<typeof createSecondFactor>;
