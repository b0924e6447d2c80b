/** Moderators and admins with an enrolled TOTP factor, logged in and past the second factor. */
import { Secret, TOTP } from 'otpauth';
import type { TestApp } from './test-app.js';
import type { Role } from '../../src/core/viewer.js';
import { createUser, csrfFrom, loginAgent } from './auth.js';
import { sealTotpSecret } from '../../src/components/accounts/index.js';

export function totpCode(secret: string, at: Date): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/** A staff user with TOTP already enrolled (secret returned; stored sealed, as the app stores it) — not yet logged in. */
export async function createStaff(t: TestApp, role: Role = 'moderator', email?: string) {
  const user = await createUser(t, { role, email });
  const secret = new Secret({ size: 20 }).base32;
  await t
    .db('users')
    .where({ id: user.id })
    .update({ totp_secret: sealTotpSecret(t.config.totpKeys, user.id, secret), totp_enabled_at: t.clock.now() });
  return { ...user, role, secret };
}

/** Logs the staff user in and passes the second factor (the clock moves on 30 s so each code is fresh). */
export async function staffAgent(t: TestApp, staff: { email: string; password: string; secret: string }) {
  const agent = await loginAgent(t, staff.email, staff.password);
  t.clock.advance(30_000);
  const page = await agent.get('/account/2fa');
  const res = await agent
    .post('/account/2fa/verify')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), code: totpCode(staff.secret, t.clock.now()), next: '/mod' });
  if (res.status !== 303) throw new Error(`second factor failed: ${res.status}`);
  return agent;
}
