import { afterEach, describe, expect, it } from 'vitest';
import { migrateLatest, migrateRollback, migrationStatus } from '../../../src/db/index.js';
import { migrations } from '../../../db/migrations/index.js';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';

describe.each(engines())('migrations on %s', (engine) => {
  let t: TestDb;
  afterEach(async () => t?.destroy());

  it('fresh database → every migration applied, categories seeded, nothing pending', async () => {
    t = await createTestDb(engine);
    const status = await migrationStatus(t.db);
    expect(status.pending).toEqual([]);
    expect(status.done).toEqual(migrations.map(([name]) => name));
    const count = await t.db('categories').count({ n: '*' }).first();
    expect(Number(count?.n)).toBeGreaterThanOrEqual(30);
  });

  it('rollback all → no Golmok tables left; latest again → same schema', async () => {
    t = await createTestDb(engine);
    await migrateRollback(t.db, true);
    for (const table of ['listings', 'users', 'phones', 'categories', 'audit_log']) {
      expect(await t.db.schema.hasTable(table)).toBe(false);
    }
    const applied = await migrateLatest(t.db);
    expect(applied).toHaveLength(migrations.length);
    expect(await t.db.schema.hasTable('listings')).toBe(true);
  });

  it('foreign keys are enforced (a phone for a missing listing is refused)', async () => {
    t = await createTestDb(engine);
    await expect(
      t
        .db('phones')
        .insert({ listing_id: 999999, type: 'mobile', e164: '+821012345678', display: '010-1234-5678', national_digits: '01012345678' }),
    ).rejects.toThrow();
  });

  it('audit_log is append-only: update and delete are refused', async () => {
    t = await createTestDb(engine);
    await t.db('audit_log').insert({ action: 'approve', subject_type: 'listing', subject_id: 1, created_at: new Date() });
    await expect(t.db('audit_log').update({ action: 'reject' })).rejects.toThrow(/append-only/);
    await expect(t.db('audit_log').del()).rejects.toThrow(/append-only/);
  });
});
