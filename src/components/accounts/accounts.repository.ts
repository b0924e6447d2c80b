/** Users and their one-time tokens. */
import type { Knex } from 'knex';
import { toBool, toDate, toNumber } from '../../db/index.js';
import type { Role } from '../../core/viewer.js';

export interface UserRow {
  id: number;
  email: string;
  passwordHash: string;
  displayName: string | null;
  role: Role;
  isDisabled: boolean;
  emailVerifiedAt: Date | null;
  totpEnabledAt: Date | null;
  createdAt: Date;
}

type Row = Record<string, unknown>;
function mapUser(r: Row): UserRow {
  return {
    id: toNumber(r.id),
    email: String(r.email),
    passwordHash: String(r.password_hash),
    displayName: r.display_name === null ? null : String(r.display_name),
    role: r.role as Role,
    isDisabled: toBool(r.is_disabled),
    emailVerifiedAt: toDate(r.email_verified_at),
    totpEnabledAt: toDate(r.totp_enabled_at),
    createdAt: toDate(r.created_at)!,
  };
}

export async function findUserByEmail(db: Knex, email: string): Promise<UserRow | null> {
  const row = await db('users').where({ email }).first();
  return row ? mapUser(row) : null;
}

export async function findUserById(db: Knex, id: number): Promise<UserRow | null> {
  const row = await db('users').where({ id }).first();
  return row ? mapUser(row) : null;
}

export async function insertUser(
  db: Knex,
  u: { email: string; passwordHash: string; role: Role; displayName?: string | null; verified: boolean; now: Date },
): Promise<number> {
  const [row] = await db('users')
    .insert({
      email: u.email,
      password_hash: u.passwordHash,
      role: u.role,
      display_name: u.displayName ?? null,
      email_verified_at: u.verified ? u.now : null,
      created_at: u.now,
      updated_at: u.now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' ? row.id : row);
}

export async function updateUser(
  db: Knex,
  id: number,
  fields: Partial<{
    password_hash: string;
    email_verified_at: Date;
    last_login_at: Date;
    role: Role;
    is_disabled: boolean;
    disabled_reason: string | null;
  }>,
  now: Date,
): Promise<void> {
  await db('users')
    .where({ id })
    .update({ ...fields, updated_at: now });
}

type TokenTable = 'password_resets' | 'email_verifications';

export async function insertToken(
  db: Knex,
  table: TokenTable,
  userId: number,
  tokenHash: string,
  expiresAt: Date,
  now: Date,
): Promise<void> {
  await db(table).insert({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt, created_at: now });
}

/** Marks a valid, unused, unexpired token used and returns its user id; null otherwise. One statement, so a token works once. */
export async function consumeToken(db: Knex, table: TokenTable, tokenHash: string, now: Date): Promise<number | null> {
  return db.transaction(async (trx) => {
    const row = await trx(table).where({ token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', now).first('id', 'user_id');
    if (!row) return null;
    const updated = await trx(table).where({ id: row.id }).whereNull('used_at').update({ used_at: now });
    return updated === 1 ? toNumber(row.user_id) : null;
  });
}

export async function findValidToken(db: Knex, table: TokenTable, tokenHash: string, now: Date): Promise<number | null> {
  const row = await db(table).where({ token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', now).first('user_id');
  return row ? toNumber(row.user_id) : null;
}

/** Ends every session of a user (password change, reset, disable). Sessions store JSON; match on the user id inside it. */
export async function deleteSessionsOfUser(db: Knex, userId: number): Promise<void> {
  await db('sessions')
    .where('sess', 'like', `%"userId":${Number(userId)},%`)
    .orWhere('sess', 'like', `%"userId":${Number(userId)}}%`)
    .del();
}

/** The TOTP state of a user: its stored (sealed) secret, set when enrolment starts, and when it was confirmed. */
export async function findTotpState(
  db: Knex,
  id: number,
): Promise<{ email: string; stored: string | null; enabledAt: Date | null } | null> {
  const row = (await db('users').where({ id }).first('email', 'totp_secret', 'totp_enabled_at')) as Row | undefined;
  return row
    ? {
        email: String(row.email),
        stored: (row.totp_secret ?? null) === null ? null : String(row.totp_secret),
        enabledAt: toDate(row.totp_enabled_at),
      }
    : null;
}

export async function setTotpSecret(db: Knex, id: number, stored: string): Promise<void> {
  await db('users').where({ id }).update({ totp_secret: stored, totp_last_step: null });
}

/**
 * Records `step` as the last accepted TOTP step when it is later than the one before (one conditional UPDATE, so two
 * instances cannot both accept a code); `enabledAt` confirms enrolment at the same time. True when it was recorded.
 */
export async function acceptTotpStep(db: Knex, id: number, stored: string, step: number, enabledAt: Date | null): Promise<boolean> {
  const updated = await db('users').where({ id, totp_secret: stored })
    .where((w) => w.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step, ...(enabledAt ? { totp_enabled_at: enabledAt } : {}) });
  return updated === 1;
}

/** Every stored TOTP secret (for encrypting and re-encrypting them). */
export async function listTotpSecrets(db: Knex): Promise<{ id: number; stored: string }[]> {
  const rows = (await db('users').whereNotNull('totp_secret').orderBy('id').select('id', 'totp_secret')) as Row[];
  return rows.map((r) => ({ id: toNumber(r.id), stored: String(r.totp_secret) }));
}

/** Replaces a stored secret only if it is still `from` (so a concurrent enrolment is never overwritten). */
export async function replaceTotpSecret(db: Knex, id: number, from: string, to: string): Promise<boolean> {
  return (await db('users').where({ id, totp_secret: from }).update({ totp_secret: to })) === 1;
}

/** A user's recovery codes are replaced as a set: the old ones (used or not) go, the new hashes come in. */
export async function replaceRecoveryCodes(db: Knex, userId: number, hashes: string[], now: Date): Promise<void> {
  await db('recovery_codes').where({ user_id: userId }).del();
  await db('recovery_codes').insert(hashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now })));
}

export async function unusedRecoveryCodes(db: Knex, userId: number): Promise<{ id: number; hash: string }[]> {
  const rows = (await db('recovery_codes')
    .where({ user_id: userId })
    .whereNull('used_at')
    .orderBy('id')
    .select('id', 'code_hash')) as Row[];
  return rows.map((r) => ({ id: toNumber(r.id), hash: String(r.code_hash) }));
}

/** Marks a recovery code used; one conditional UPDATE, so a code works once even across instances. */
export async function useRecoveryCode(db: Knex, id: number, now: Date): Promise<boolean> {
  return (await db('recovery_codes').where({ id }).whereNull('used_at').update({ used_at: now })) === 1;
}
