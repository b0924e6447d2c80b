/**
 * The uploads folder (createLocalStorage). Files are named by their content's hash, so two advertisers sending the
 * same photo at the same moment write the same name at once: both writes must succeed (the load test's 503s
 * "지금은 사진을 저장할 수 없어" came from their temporary names colliding within one millisecond: EEXIST).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../src/components/media/index.js';

const KEY = `${'ab'.repeat(32)}-1600.webp`;

describe('local upload storage', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-storage-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the same file put eight times at once → every put succeeds, one file with the bytes, no temporary file left', async () => {
    const storage = createLocalStorage(dir);
    const bytes = Buffer.from('the same re-encoded photo');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => storage.put(KEY, bytes)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([KEY]);
    expect(await storage.get(KEY)).toEqual(bytes);
  });

  it('a put over an existing file of the same name → the new bytes, no temporary file left', async () => {
    const storage = createLocalStorage(dir);
    await storage.put(KEY, Buffer.from('first'));
    await storage.put(KEY, Buffer.from('second'));
    expect(fs.readdirSync(dir)).toEqual([KEY]);
    expect((await storage.get(KEY))?.toString()).toBe('second');
  });
});
