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

  it('the returned config is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
  });
});
