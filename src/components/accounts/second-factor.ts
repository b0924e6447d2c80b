/**
 * TOTP second factor for moderators and admins (otpauth). The secret is stored when enrolment starts and becomes
 * active once the first code is confirmed. Codes are single-use: the time step of the last accepted code is kept
 * and only a later step is accepted (one conditional UPDATE, so two instances cannot both accept it).
 */
import type { Knex } from 'knex';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import * as repo from './accounts.repository.js';
import type { Clock } from '../../lib/clock.js';

const PERIOD = 30;

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Golmok', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function createSecondFactor(deps: { db: Knex; clock: Clock }) {
  const { db, clock } = deps;

  const state = (userId: number) => repo.findTotpState(db, userId);

  /** Accepts a code once: true when it is valid for this secret and later than any code accepted before. */
  async function accept(userId: number, secret: string, label: string, code: string, enable: boolean): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const now = clock.now().getTime();
    const delta = totpFor(secret, label).validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return false;
    const step = Math.floor(now / 1000 / PERIOD) + delta;
    return repo.acceptTotpStep(db, userId, secret, step, enable ? clock.now() : null);
  }

  return {
    async isEnrolled(userId: number): Promise<boolean> {
      return Boolean((await state(userId))?.enabledAt);
    },

    /** Starts (or restarts) enrolment: a new secret, its otpauth:// URI and a QR code (SVG) for the authenticator app. */
    async beginEnrolment(userId: number): Promise<{ secret: string; uri: string; qrSvg: string }> {
      const s = await state(userId);
      if (!s) throw new Error('no such user');
      if (s.enabledAt) throw new Error('already enrolled');
      const secret = s.secret ?? new Secret({ size: 20 }).base32;
      if (!s.secret) await repo.setTotpSecret(db, userId, secret);
      const uri = totpFor(secret, s.email).toString();
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
    },

    async confirmEnrolment(userId: number, code: string): Promise<boolean> {
      const s = await state(userId);
      if (!s?.secret || s.enabledAt) return false;
      return accept(userId, s.secret, s.email, code, true);
    },

    async verify(userId: number, code: string): Promise<boolean> {
      const s = await state(userId);
      if (!s?.secret || !s.enabledAt) return false;
      return accept(userId, s.secret, s.email, code, false);
    },
  };
}
export type SecondFactor = ReturnType<typeof createSecondFactor>;
