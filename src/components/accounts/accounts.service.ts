/**
 * Accounts: sign-up with e-mail confirmation, login, password change and reset. Answers never reveal whether an
 * address is registered: the same outcome, a mail either way, and a password hash computed either way.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { ValidationError } from '../../core/errors.js';
import { translate, type Lang } from '../../core/i18n.js';
import type { Role } from '../../core/viewer.js';
import * as repo from './accounts.repository.js';
import { hashPassword, newToken, passwordProblem, tokenHash, verifyPassword } from './passwords.js';

const RESET_TTL_MS = 60 * 60 * 1000;
const VERIFY_TTL_MS = 48 * 60 * 60 * 1000;

export type LoginResult = { ok: true; user: repo.UserRow } | { ok: false; reason: 'invalid' | 'unverified' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAccountsService(deps: { db: Knex; clock: Clock; mailer: Mailer; logger: Logger; hashCost: number }) {
  const { db, clock, mailer } = deps;
  // Verified against when the address is unknown, so both paths cost one scrypt (similar time).
  const dummyHash = hashPassword('golmok-dummy-password', deps.hashCost);

  async function mail(to: string, lang: Lang, key: string, params: Record<string, string>): Promise<void> {
    await mailer.send({ to, subject: translate(lang, `${key}.subject`), text: translate(lang, `${key}.body`, params) });
  }

  function checkPassword(field: string, password: string, email?: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw new ValidationError({ [field]: problem });
  }

  return {
    async signUp(input: { email: string; password: string; displayName?: string }, ctx: { origin: string; lang: Lang }): Promise<void> {
      const email = normaliseEmail(input.email);
      checkPassword('password', input.password, email);
      const existing = await repo.findUserByEmail(db, email);
      const hash = await hashPassword(input.password, deps.hashCost);
      if (existing) {
        await mail(email, ctx.lang, 'mail.signupExisting', { resetUrl: `${ctx.origin}/password-reset` });
        return;
      }
      const now = clock.now();
      const { token, hash: th } = newToken();
      await db.transaction(async (trx) => {
        const id = await repo.insertUser(trx, {
          email,
          passwordHash: hash,
          role: 'advertiser',
          displayName: input.displayName ?? null,
          verified: false,
          now,
        });
        await repo.insertToken(trx, 'email_verifications', id, th, new Date(now.getTime() + VERIFY_TTL_MS), now);
      });
      await mail(email, ctx.lang, 'mail.verify', { url: `${ctx.origin}/verify-email/${token}` });
    },

    async verifyEmail(token: string): Promise<number | null> {
      const userId = await repo.consumeToken(db, 'email_verifications', tokenHash(token), clock.now());
      if (userId) await repo.updateUser(db, userId, { email_verified_at: clock.now() }, clock.now());
      return userId;
    },

    async authenticate(emailInput: string, password: string): Promise<LoginResult> {
      const user = await repo.findUserByEmail(db, normaliseEmail(emailInput));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok || user.isDisabled) return { ok: false, reason: 'invalid' };
      if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
      await repo.updateUser(db, user.id, { last_login_at: clock.now() }, clock.now());
      return { ok: true, user };
    },

    async requestPasswordReset(emailInput: string, ctx: { origin: string; lang: Lang }): Promise<void> {
      const email = normaliseEmail(emailInput);
      const user = await repo.findUserByEmail(db, email);
      if (!user || user.isDisabled) {
        await dummyHash;
        deps.logger.info('password reset asked for an unknown or disabled address');
        return;
      }
      const now = clock.now();
      const { token, hash } = newToken();
      await repo.insertToken(db, 'password_resets', user.id, hash, new Date(now.getTime() + RESET_TTL_MS), now);
      await mail(email, ctx.lang, 'mail.reset', { url: `${ctx.origin}/password-reset/${token}` });
    },

    async isResetTokenValid(token: string): Promise<boolean> {
      return (await repo.findValidToken(db, 'password_resets', tokenHash(token), clock.now())) !== null;
    },

    /** Sets a new password from a reset link; every other session of the user ends. */
    async resetPassword(token: string, password: string): Promise<boolean> {
      checkPassword('password', password);
      const hash = await hashPassword(password, deps.hashCost);
      const userId = await repo.consumeToken(db, 'password_resets', tokenHash(token), clock.now());
      if (!userId) return false;
      await repo.updateUser(db, userId, { password_hash: hash, email_verified_at: clock.now() }, clock.now());
      await repo.deleteSessionsOfUser(db, userId);
      return true;
    },

    async changePassword(userId: number, current: string, next: string): Promise<void> {
      const user = await repo.findUserById(db, userId);
      if (!user || !(await verifyPassword(current, user.passwordHash)))
        throw new ValidationError({ currentPassword: 'accounts.password.wrongCurrent' });
      checkPassword('newPassword', next, user.email);
      await repo.updateUser(db, userId, { password_hash: await hashPassword(next, deps.hashCost) }, clock.now());
      await repo.deleteSessionsOfUser(db, userId);
    },

    /** The CLI's way in: an already verified account with any role (the first admin). */
    async createUser(input: { email: string; password: string; role: Role }): Promise<number> {
      const email = normaliseEmail(input.email);
      checkPassword('password', input.password, email);
      if (await repo.findUserByEmail(db, email)) throw new ValidationError({ email: 'accounts.email.taken' });
      return repo.insertUser(db, {
        email,
        passwordHash: await hashPassword(input.password, deps.hashCost),
        role: input.role,
        verified: true,
        now: clock.now(),
      });
    },

    async findSessionUser(id: number) {
      const u = await repo.findUserById(db, id);
      return u ? { id: u.id, email: u.email, role: u.role, displayName: u.displayName, isDisabled: u.isDisabled } : null;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
