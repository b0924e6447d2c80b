/** The page cache's stamp read: shared by callers that arrive together, never older than the caller's arrival. */
import { describe, expect, it } from 'vitest';
import { coalesce } from '../../../src/lib/coalesce.js';

describe('coalesce', () => {
  it('callers arriving while a read runs share the next read, which starts after the running one ends', async () => {
    let value = 0;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const read = coalesce(() => {
      started.push(value);
      return new Promise<number>((resolve) => gates.push(() => resolve(started.length)));
    });
    const a = read();
    value = 1; // a write lands after the first read started
    const b = read();
    const c = read();
    expect(started).toEqual([0]); // b and c wait: the running read may predate the write
    gates[0]();
    expect(await a).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]); // one more read, shared by b and c
    gates[1]();
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    const d = read();
    expect(started).toHaveLength(3); // nothing running: a caller alone starts its own read
    gates[2]();
    expect(await d).toBe(3);
  });

  it('a failed read fails its callers only; the next caller reads again', async () => {
    let n = 0;
    const read = coalesce(async () => {
      n += 1;
      if (n === 1) throw new Error('busy');
      return n;
    });
    await expect(read()).rejects.toThrow('busy');
    expect(await read()).toBe(2);
  });
});
