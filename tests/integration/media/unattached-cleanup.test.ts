/** Uploads on no listing are cleaned up after N days — never one a listing or a pending edit uses, never a file another row shares. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';
import { smallPng } from '../../helpers/images.js';
import { draftOf } from '../../helpers/drafts.js';

const DAY = 86_400_000;

describe.each(engines())('removeUnattached on %s', (engine) => {
  // Each test on an app of its own: one moves the clock 8 days, the other leaves files in the uploads folder.
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ engine });
  });
  afterEach(async () => t.close());

  const exists = (file: string) => fs.existsSync(path.join(t.config.uploadsDir, file));

  it('keeps attached, recent, shared and pending-edit uploads; removes the rest with their files', async () => {
    const owner = (await createUser(t)).id;
    const store = async (w: number) =>
      t.services.media.storeUpload(await smallPng(w, 20), { ownerId: owner, role: 'photo', altText: null });
    const attached = await store(30);
    const abandoned = await store(31);
    const sharedA = await store(32);
    const sharedB = await store(32); // the same image again: same files
    const inEdit = await store(33);
    const listing = await t.services.submissions.createListing(
      owner,
      await draftOf(t, { name: '사진 가게' }),
      [
        { id: attached.id, role: 'photo', altText: null },
        { id: sharedB.id, role: 'photo', altText: null },
      ],
      true,
    );
    await t.db('listings').where({ id: listing }).update({ status: 'published', published_at: t.clock.now() });
    await t.services.submissions.updateListing(
      listing,
      { userId: owner, role: 'advertiser' },
      await draftOf(t, { name: '사진 가게' }),
      [
        { id: attached.id, role: 'photo', altText: null },
        { id: inEdit.id, role: 'photo', altText: null },
      ],
      true,
    );
    t.clock.advance(8 * DAY);
    const recent = await store(34);

    const result = await t.services.media.removeUnattached(7);
    const ids = (await t.db('media').orderBy('id').pluck('id')).map(Number);
    expect(ids).toEqual([attached.id, sharedB.id, inEdit.id, recent.id].sort((a, b) => a - b));
    expect(result.rows).toBe(2); // abandoned and sharedA
    expect(ids).not.toContain(sharedA.id);
    expect(abandoned.variants.every((v) => !exists(v.file))).toBe(true);
    expect(sharedB.variants.every((v) => exists(v.file))).toBe(true);
    expect(inEdit.variants.every((v) => exists(v.file))).toBe(true);
    expect(result.files).toBe(abandoned.variants.length);
  });

  it('files no row names (a crash between storing and inserting) and half-written temp files go once older than N days', async () => {
    const dir = t.config.uploadsDir;
    fs.mkdirSync(dir, { recursive: true }); // made by the first upload; this test stores none
    const old = new Date(t.clock.now().getTime() - 8 * DAY);
    const orphan = `${'a'.repeat(64)}-1600.webp`;
    const leftover = `${'b'.repeat(64)}-480.webp.1234.1700000000000.tmp`;
    const fresh = `${'c'.repeat(64)}-480.webp`;
    for (const f of [orphan, leftover, fresh]) fs.writeFileSync(path.join(dir, f), 'x');
    for (const f of [orphan, leftover]) fs.utimesSync(path.join(dir, f), old, old);
    fs.utimesSync(path.join(dir, fresh), t.clock.now(), t.clock.now());
    const named = (await t.db('media').pluck('variants')).flatMap((v: string) => JSON.parse(v).map((x: { file: string }) => x.file));

    const result = await t.services.media.removeUnattached(7);
    expect(result.files).toBe(2);
    expect([exists(orphan), exists(leftover), exists(fresh)]).toEqual([false, false, true]);
    expect(named.every((f: string) => exists(f))).toBe(true);
  });
});
