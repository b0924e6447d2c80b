/**
 * db:backup during a write burst, db:restore into a fresh database and uploads folder: the restore is the snapshot
 * (counts as in the manifest, every listing complete and as it was, counters never ahead of the source, every file
 * byte for byte), and a target holding data is refused unless --force. On SQLite, and on PostgreSQL in schemas of their own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';
import { smallPng } from '../../helpers/images.js';
import { draftOf } from '../../helpers/drafts.js';
import { main as backupMain } from '../../../src/cli/db-backup.js';
import { main as restoreMain } from '../../../src/cli/db-restore.js';
import { createKnex } from '../../../src/db/index.js';
import type { BackupManifest } from '../../../src/db/backup.js';

const CHILD_TABLES = ['phones', 'branches', 'offers', 'payment_accounts', 'listing_categories', 'media'] as const;

/** A listing with its child rows, in a form that compares across engines and databases. */
async function graphOf(db: Knex, id: number): Promise<unknown> {
  const listing = await db('listings').where({ id }).first();
  const children: Record<string, unknown> = {};
  for (const t of CHILD_TABLES)
    children[t] = await db(t)
      .where({ listing_id: id })
      .orderBy(t === 'listing_categories' ? 'category_id' : 'id');
  const branchIds = (await db('branches').where({ listing_id: id }).pluck('id')) as number[];
  children.branch_hours = await db('branch_hours').whereIn('branch_id', branchIds).orderBy('id');
  return JSON.parse(JSON.stringify({ listing, ...children }));
}

async function orphans(db: Knex): Promise<number> {
  let n = 0;
  for (const t of ['phones', 'branches', 'offers', 'payment_accounts', 'listing_categories', 'listing_daily_stats', 'search_documents']) {
    n += Number((await db(t).whereNotIn('listing_id', db('listings').select('id')).count({ n: '*' }).first())?.n ?? 0);
  }
  n += Number(
    (await db('media').whereNotNull('listing_id').whereNotIn('listing_id', db('listings').select('id')).count({ n: '*' }).first())?.n ?? 0,
  );
  return n;
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.each(engines())('db:backup and db:restore on %s', (engine) => {
  // Each test with a source app, a backup folder and a restore target of its own: the second needs a backup restored
  // into its target first, and on PostgreSQL a restore drops the source's schema (the backup's name must be free).
  let t: TestApp;
  let owner: number;
  let dir: string;
  let backupDir: string;
  let restoreSchema: string;
  const sourceEnv = (): Record<string, string> =>
    t.config.db.client === 'pg'
      ? {
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: process.env.TEST_DATABASE_URL!,
          DB_SCHEMA: t.config.db.schema!,
          UPLOADS_DIR: t.config.uploadsDir,
        }
      : { NODE_ENV: 'test', LOG_LEVEL: 'silent', SQLITE_FILE: t.config.db.filename, UPLOADS_DIR: t.config.uploadsDir };
  let targetEnv: Record<string, string>;
  let target: Knex;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-backup-'));
    backupDir = path.join(dir, 'backup');
    restoreSchema = `r_${crypto.randomBytes(5).toString('hex')}`;
    targetEnv =
      engine === 'pg'
        ? {
            NODE_ENV: 'test',
            LOG_LEVEL: 'silent',
            DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
            DB_SCHEMA: restoreSchema,
            UPLOADS_DIR: path.join(dir, 'restored-uploads'),
          }
        : {
            NODE_ENV: 'test',
            LOG_LEVEL: 'silent',
            SQLITE_FILE: path.join(dir, 'restored', 'golmok.sqlite'),
            UPLOADS_DIR: path.join(dir, 'restored-uploads'),
          };
    t = await createTestApp({ engine });
    owner = (await createUser(t)).id;
    target =
      engine === 'pg'
        ? createKnex({ client: 'pg', connection: targetEnv.DATABASE_URL, schema: restoreSchema, poolMax: 2 })
        : createKnex({ client: 'sqlite', filename: targetEnv.SQLITE_FILE, poolMax: 1 });
  });
  afterEach(async () => {
    if (engine === 'pg') await target.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [restoreSchema]);
    await target?.destroy();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One burst step: a published listing with a photo, two branches' worth of child rows, and a counted call. */
  async function write(i: number): Promise<void> {
    const photo = await t.services.media.storeUpload(await smallPng(20 + i, 16), { ownerId: owner, role: 'photo', altText: `사진 ${i}` });
    const id = await t.services.submissions.createListing(owner, await draftOf(t, {
      name: `백업꽃집 ${i}`, offers: [{ name: '축하화환', price: '6만원' }], phones: [{ number: `010-2345-${String(1000 + i)}` }],
      branches: [{ name: '본점', address: '광주 북구 금남로 24', hours: [{ opens: '09:00', closes: '18:00' }] }],
    }), [{ id: photo.id, role: 'photo', altText: `사진 ${i}` }], true);
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    const phone = await t.db('phones').where({ listing_id: id }).first('id');
    await t.services.stats.recordCall({ listingId: id, phoneId: Number(phone.id), ip: `10.0.0.${i % 250}`, userAgent: 'Mozilla/5.0 test' });
    await t.services.stats.recordView({ listingId: id, ip: `10.0.1.${i % 250}`, userAgent: 'Mozilla/5.0 test' });
    // Counters are buffered in memory (issue 11); write them now, as the flush timer would.
    await t.services.stats.flush();
  }

  it('a backup taken during a write burst restores into a fresh database and folder as a consistent snapshot', async () => {
    for (let i = 0; i < 3; i++) await write(i);
    let done = false;
    let afterBackup = 0;
    let i = 3;
    const burst = (async () => {
      while (!done || afterBackup < 3) {
        await write(i++);
        if (done) afterBackup++;
      }
    })();
    const lines: string[] = [];
    const code = await backupMain(['--to', backupDir], sourceEnv(), (l) => lines.push(l));
    done = true;
    await burst;
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.at(-1)).toMatch(/^Backed up \d+ rows in \d+ tables and \d+ upload files to /);

    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ format: 'golmok-backup/1', engine, missingUploads: [] });
    const sourceListings = Number((await t.db('listings').count({ n: '*' }).first())?.n);
    expect(manifest.tables.listings).toBeGreaterThanOrEqual(3);
    expect(manifest.tables.listings).toBeLessThan(sourceListings); // the burst went on after the snapshot
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);

    // The source as it ended up, read before (on PostgreSQL) its schema goes away so the backup's name is free again.
    const ids = ((await t.db('listings').orderBy('id').pluck('id')) as number[]).map(Number);
    const graphs = new Map<number, unknown>();
    for (const id of ids) graphs.set(id, await graphOf(t.db, id));
    const stats = (await t.db('listing_daily_stats').select('listing_id', 'day', 'views', 'calls')) as Array<{
      listing_id: number;
      day: string;
      views: number;
      calls: number;
    }>;
    const searchIds = ((await t.db('search_documents').orderBy('listing_id').pluck('listing_id')) as number[]).map(Number);
    const files = new Map(fs.readdirSync(t.config.uploadsDir).map((f) => [f, sha(path.join(t.config.uploadsDir, f))]));
    if (engine === 'pg') await t.db.raw('DROP SCHEMA ?? CASCADE', [t.config.db.client === 'pg' ? t.config.db.schema! : '']);

    const out: string[] = [];
    expect(await restoreMain(['--from', backupDir], targetEnv, (l) => out.push(l)), out.join('\n')).toBe(0);
    expect(out.at(-1)).toContain('row counts and file hashes match the manifest');

    for (const [table, n] of Object.entries(manifest.tables))
      expect(Number((await target(table).count({ n: '*' }).first())?.n), table).toBe(n);
    const restoredIds = ((await target('listings').orderBy('id').pluck('id')) as number[]).map(Number);
    expect(restoredIds.length).toBe(manifest.tables.listings);
    for (const id of restoredIds) {
      const restored = (await graphOf(target, id)) as { listing: Record<string, unknown> };
      const source = structuredClone(graphs.get(id)) as { listing: Record<string, unknown> };
      // A burst step creates the listing, then publishes it in a second statement: the snapshot may fall between the
      // two, and then the restore holds the listing as submitted (pending, one version earlier), everything else equal.
      if (restored.listing.status === 'pending' && source.listing.status === 'published') {
        Object.assign(source.listing, { status: 'pending', published_at: null, version: Number(source.listing.version) - 1 });
      }
      expect(restored, `listing ${id}`).toEqual(source);
    }
    expect(await orphans(target)).toBe(0);
    if (engine === 'sqlite') expect(await target.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    const restoredStats = (await target('listing_daily_stats').select('listing_id', 'day', 'views', 'calls')) as typeof stats;
    expect(restoredStats.length).toBeGreaterThan(0);
    for (const r of restoredStats) {
      const s = stats.find((x) => Number(x.listing_id) === Number(r.listing_id) && String(x.day) === String(r.day))!;
      expect(Number(r.calls)).toBeLessThanOrEqual(Number(s.calls));
      expect(Number(r.views)).toBeLessThanOrEqual(Number(s.views));
    }

    const restoredFiles = fs.readdirSync(targetEnv.UPLOADS_DIR);
    expect(restoredFiles.length).toBe(manifest.uploads.length);
    for (const f of restoredFiles) expect(sha(path.join(targetEnv.UPLOADS_DIR, f)), f).toBe(files.get(f));
    const named = ((await target('media').pluck('variants')) as string[]).flatMap((v) =>
      (JSON.parse(v) as Array<{ file: string }>).map((x) => x.file),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const f of named) expect(restoredFiles, f).toContain(f);
    // The search index came back with its listings.
    expect(((await target('search_documents').orderBy('listing_id').pluck('listing_id')) as number[]).map(Number)).toEqual(
      searchIds.filter((id) => restoredIds.includes(id)),
    );
  });

  it('a target holding data is refused without --force and replaced with it; an altered backup file is refused', async () => {
    for (let i = 0; i < 2; i++) await write(i);
    const out: string[] = [];
    expect(await backupMain(['--to', backupDir], sourceEnv(), (l) => out.push(l)), out.join('\n')).toBe(0);
    if (engine === 'pg') await t.db.raw('DROP SCHEMA ?? CASCADE', [t.config.db.client === 'pg' ? t.config.db.schema! : '']);
    expect(await restoreMain(['--from', backupDir], targetEnv, (l) => out.push(l)), out.join('\n')).toBe(0);
    await expect(restoreMain(['--from', backupDir], targetEnv, (l) => out.push(l))).rejects.toThrow(/not empty|already holds data/);
    fs.rmSync(targetEnv.UPLOADS_DIR, { recursive: true, force: true });
    await expect(restoreMain(['--from', backupDir], targetEnv, (l) => out.push(l))).rejects.toThrow(/already holds data \(.*listings/);
    expect(await restoreMain(['--from', backupDir, '--force'], targetEnv, (l) => out.push(l))).toBe(0);

    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    const victim = path.join(backupDir, 'uploads', manifest.uploads[0].path);
    fs.appendFileSync(victim, 'x');
    await expect(restoreMain(['--from', backupDir, '--force'], targetEnv, () => undefined)).rejects.toThrow(
      /does not match its manifest: uploads\/.*content differs/,
    );
    expect(await restoreMain([], targetEnv, (l) => out.push(l))).toBe(2);
  });
});
