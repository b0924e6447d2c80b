import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

describe('loadConfig', () => {
  it('empty environment → documented defaults', () => {
    const c = loadConfig({}, '/srv/golmok');
    expect(c.port).toBe(3000);
    expect(c.env).toBe('development');
    expect(c.db).toMatchObject({ client: 'sqlite', filename: path.resolve('/srv/golmok', 'data/golmok.sqlite') });
    expect(c.uploadsDir).toBe(path.resolve('/srv/golmok', 'data/uploads'));
  });

  it('PORT=abc → one clear line naming PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT must be a whole number \(got "abc"\)$/);
  });

  it('PORT=70000 → refused, naming PORT', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('DATABASE_URL=postgres://… → PostgreSQL client', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c.db.client).toBe('pg');
  });

  it('DATABASE_URL=mysql://… → refused', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('production without SESSION_SECRET → refused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('production without TOTP_ENCRYPTION_KEYS → one line naming it; development and tests get a derived key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret' })).toThrow(/^Invalid configuration: TOTP_ENCRYPTION_KEYS is required in production/);
    expect(loadConfig({}).totpKeys.primaryId).toBe('dev');
    const key = Buffer.alloc(32, 5).toString('base64');
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret', TOTP_ENCRYPTION_KEYS: `k2:${key}, k1:${Buffer.alloc(32, 6).toString('base64')}` });
    expect(c.totpKeys.primaryId).toBe('k2');
    expect([...c.totpKeys.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('a malformed TOTP_ENCRYPTION_KEYS → one line naming it, without the key material', () => {
    const short = Buffer.alloc(16, 5).toString('base64');
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEYS: `k1:${short}` })).toThrow(/^Invalid configuration: TOTP_ENCRYPTION_KEYS key "k1" must be 32 bytes/);
    try {
      loadConfig({ TOTP_ENCRYPTION_KEYS: `k1:${short}` });
    } catch (err) {
      expect((err as Error).message).not.toContain(short);
    }
  });

  it('MAIL_FROM with a line break → refused', () => {
    expect(() => loadConfig({ MAIL_FROM: 'Golmok <a@b.kr>\r\nBcc: evil@example.com' })).toThrow(/MAIL_FROM must be one line/);
  });

  it('the returned config is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
  });
});
