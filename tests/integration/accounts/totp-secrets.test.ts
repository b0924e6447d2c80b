/** TOTP secrets at rest on both engines: plain-text secrets sealed at start, re-sealing after a key rotation, failures left alone. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';
import { openTotpSecret, resealTotpSecrets, sealTotpSecret } from '../../../src/components/accounts/index.js';
import { parseKeyRing, sealedKeyId } from '../../../src/lib/secret-box.js';
import { startServer } from '../../../src/boot.js';
import { loadConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/core/logger.js';

const K1 = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
const K2 = `k2:${Buffer.alloc(32, 2).toString('base64')}`;
const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK'];

describe.each(engines())('TOTP secrets at rest on %s', (engine) => {
  // Each test on a database of its own holding the three plain-text secrets; the later steps seal them first.
  let t: TestDb;
  let ids: number[] = [];
  beforeEach(async () => {
    t = await createTestDb(engine);
    ids = [];
    const now = new Date();
    for (const [i, secret] of SECRETS.entries()) {
      const [row] = await t
        .db('users')
        .insert({ email: `m${i}@example.kr`, password_hash: 'x', role: 'moderator', totp_secret: secret, created_at: now, updated_at: now })
        .returning('id');
      ids.push(Number(typeof row === 'object' ? row.id : row));
    }
    await t.db('users').insert({ email: 'plain@example.kr', password_hash: 'x', role: 'advertiser', created_at: now, updated_at: now });
  });
  afterEach(async () => t.destroy());
  const stored = async (id: number) => String((await t.db('users').where({ id }).first('totp_secret')).totp_secret);

  it('start-up sealing: every plain-text secret is sealed under the first key; nothing base32 is left; a second run changes nothing', async () => {
    const ring = parseKeyRing(K1);
    expect(await resealTotpSecrets(t.db, ring, { plaintextOnly: true })).toEqual({ encrypted: 3, reencrypted: 0, current: 0, failed: [] });
    for (const [i, id] of ids.entries()) {
      const value = await stored(id);
      expect(value).not.toContain(SECRETS[i]);
      expect(sealedKeyId(value)).toBe('k1');
      expect(openTotpSecret(ring, id, value)).toBe(SECRETS[i]);
    }
    const all = (await t.db('users').whereNotNull('totp_secret').select('totp_secret')).map((r) => String(r.totp_secret));
    expect(all.some((v) => /^[A-Z2-7]{16,}=*$/.test(v))).toBe(false);
    expect(await resealTotpSecrets(t.db, ring, { plaintextOnly: true })).toEqual({ encrypted: 0, reencrypted: 0, current: 3, failed: [] });
  });

  it('rotation: with "k2,k1" the re-encrypt step moves every secret to k2, after which "k2" alone opens them', async () => {
    await resealTotpSecrets(t.db, parseKeyRing(K1), { plaintextOnly: true });
    const before = await stored(ids[0]);
    // Start-up sealing does not rotate (instances still on the old key list must keep reading).
    expect((await resealTotpSecrets(t.db, parseKeyRing(`${K2},${K1}`), { plaintextOnly: true })).reencrypted).toBe(0);
    expect(await stored(ids[0])).toBe(before);
    expect(await resealTotpSecrets(t.db, parseKeyRing(`${K2},${K1}`), { plaintextOnly: false })).toEqual({
      encrypted: 0,
      reencrypted: 3,
      current: 0,
      failed: [],
    });
    for (const [i, id] of ids.entries()) expect(openTotpSecret(parseKeyRing(K2), id, await stored(id))).toBe(SECRETS[i]);
  });

  it('a secret no configured key opens, or one copied onto another user, is reported and left unchanged', async () => {
    await resealTotpSecrets(t.db, parseKeyRing(K1), { plaintextOnly: true });
    const foreign = sealTotpSecret(parseKeyRing(`k3:${Buffer.alloc(32, 3).toString('base64')}`), ids[1], SECRETS[1]);
    const copied = sealTotpSecret(parseKeyRing(K1), ids[0], SECRETS[0]);
    await t.db('users').where({ id: ids[0] }).update({ totp_secret: copied });
    await t.db('users').where({ id: ids[1] }).update({ totp_secret: foreign });
    await t.db('users').where({ id: ids[2] }).update({ totp_secret: copied });
    const r = await resealTotpSecrets(t.db, parseKeyRing(`${K2},${K1}`), { plaintextOnly: false });
    expect(r).toEqual({ encrypted: 0, reencrypted: 1, current: 0, failed: [ids[1], ids[2]].sort((a, b) => a - b) });
    expect(await stored(ids[1])).toBe(foreign);
    expect(await stored(ids[2])).toBe(copied);
  });
});

describe('start-up', () => {
  it('a server started on a database with a plain-text secret seals it before serving', async () => {
    const t = await createTestDb('sqlite');
    const now = new Date();
    await t
      .db('users')
      .insert({
        email: 'old@example.kr',
        password_hash: 'x',
        role: 'admin',
        totp_secret: SECRETS[0],
        totp_enabled_at: now,
        created_at: now,
        updated_at: now,
      });
    await t.db.destroy();
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_FILE: (t.config.db as { filename: string }).filename,
        SEED_ON_START: 'false',
        TOTP_ENCRYPTION_KEYS: K1,
      },
      t.dir,
    );
    const server = await startServer(config, createLogger('silent'));
    try {
      const row = await server.db('users').where({ email: 'old@example.kr' }).first('id', 'totp_secret');
      expect(sealedKeyId(String(row.totp_secret))).toBe('k1');
      expect(openTotpSecret(parseKeyRing(K1), Number(row.id), String(row.totp_secret))).toBe(SECRETS[0]);
    } finally {
      await server.shutdown('test');
    }
    fs.rmSync(t.dir, { recursive: true, force: true });
  });
});
