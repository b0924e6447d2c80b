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
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret' })).toThrow(
      /^Invalid configuration: TOTP_ENCRYPTION_KEYS is required in production/,
    );
    expect(loadConfig({}).totpKeys.primaryId).toBe('dev');
    const key = Buffer.alloc(32, 5).toString('base64');
    const c = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret',
      PUBLIC_URL: 'https://golmok.kr',
      TOTP_ENCRYPTION_KEYS: `k2:${key}, k1:${Buffer.alloc(32, 6).toString('base64')}`,
    });
    expect(c.totpKeys.primaryId).toBe('k2');
    expect([...c.totpKeys.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('production without PUBLIC_URL → one line naming it; development and tests start without it', () => {
    const prod = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret',
      TOTP_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    };
    expect(() => loadConfig(prod)).toThrow(/^Invalid configuration: PUBLIC_URL is required in production/);
    expect(loadConfig({ ...prod, PUBLIC_URL: 'https://golmok.kr/' }).baseUrl).toBe('https://golmok.kr');
    expect(loadConfig({}).baseUrl).toBeUndefined();
  });

  it('PUBLIC_URL that is not an http(s) origin → refused, naming it', () => {
    for (const bad of [
      'ftp://golmok.kr',
      'javascript:alert(1)',
      'https://golmok.kr/path',
      'https://golmok.kr/?x=1',
      'https://a@golmok.kr',
      'https://golmok.kr/#',
      'golmok.kr',
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/^Invalid configuration: PUBLIC_URL must be an http or https origin/);
    }
    expect(loadConfig({ PUBLIC_URL: 'HTTP://Golmok.KR:8080' }).baseUrl).toBe('http://golmok.kr:8080');
  });

  it('ALLOWED_HOSTS → a lower-case list; by default only this machine', () => {
    expect(loadConfig({}).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(loadConfig({ ALLOWED_HOSTS: 'Golmok.kr, www.golmok.kr:8443' }).allowedHosts).toEqual(['golmok.kr', 'www.golmok.kr:8443']);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'evil.example/#' })).toThrow(/ALLOWED_HOSTS/);
  });

  it('a malformed TOTP_ENCRYPTION_KEYS → one line naming it, without the key material', () => {
    const short = Buffer.alloc(16, 5).toString('base64');
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEYS: `k1:${short}` })).toThrow(
      /^Invalid configuration: TOTP_ENCRYPTION_KEYS key "k1" must be 32 bytes/,
    );
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
