/** An image whose second file cannot be stored leaves no file and no row behind; an earlier upload's shared files stay. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';
import { createMediaService, StorageUnavailableError, type MediaStorage } from '../../../src/components/media/index.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { smallPng } from '../../helpers/images.js';

/** In-memory storage that refuses the n-th put from now on (ENOSPC), like a disk filling up between two variants. */
function fillingStorage() {
  const files = new Map<string, Buffer>();
  let failAt = Infinity;
  let puts = 0;
  const storage: MediaStorage = {
    async put(key, bytes) {
      if (++puts >= failAt) throw new StorageUnavailableError('ENOSPC');
      files.set(key, bytes);
    },
    async get(key) { return files.get(key) ?? null; },
    async delete(key) { files.delete(key); },
    async listKeys() { return [...files.keys()]; },
    async removeLeftovers() { return 0; },
  };
  return { storage, files, failFromNextPut: (n: number) => { puts = 0; failAt = n; } };
}

describe.each(engines())('storeUpload when the store fails half-way on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(engine); });
  afterAll(async () => t.destroy());

  it('the first variant written, the second refused → StorageUnavailableError, the first file removed, no row', async () => {
    const s = fillingStorage();
    const media = createMediaService({ db: t.db, clock: fixedClock('2026-11-24T02:00:00Z'), storage: s.storage, config: { maxPixels: 40e6, keepOriginal: false } });
    const rows = async () => Number((await t.db('media').count({ n: '*' }).first())?.n);
    const before = await rows();
    s.failFromNextPut(2);
    await expect(
      media.storeUpload(await smallPng(40, 30), { ownerId: null as unknown as number, role: 'photo', altText: null }),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
    expect([...s.files.keys()]).toEqual([]);
    expect(await rows()).toBe(before);
  });

  it('the same image stored before keeps its files when a second upload of it fails', async () => {
    const s = fillingStorage();
    const media = createMediaService({
      db: t.db,
      clock: fixedClock('2026-11-24T02:00:00Z'),
      storage: s.storage,
      config: { maxPixels: 40e6, keepOriginal: false },
    });
    const first = await media.storeUpload(await smallPng(41, 30), { ownerId: null as unknown as number, role: 'photo', altText: null });
    s.failFromNextPut(2);
    await expect(
      media.storeUpload(await smallPng(41, 30), { ownerId: null as unknown as number, role: 'photo', altText: null }),
    ).rejects.toThrow(StorageUnavailableError);
    expect([...s.files.keys()].sort()).toEqual(first.variants.map((v) => v.file).sort());
  });
});
