import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ScopedStorage } from '../../../src/lib/scoped-storage.js';

describe('ScopedStorage: a render context that is on only while a render runs', () => {
  it('follows the awaits of a render until its response closes, then reads nothing', async () => {
    const storage = new ScopedStorage<string[]>();
    const seen: string[] = [];
    const res = new EventEmitter();
    let later!: () => void;
    const step = new Promise<void>((resolve) => (later = resolve));
    storage.run(seen, () => {
      void step.then(() => storage.getStore()?.push('after an await'));
    }, res);
    later();
    await step;
    await Promise.resolve();
    expect(seen).toEqual(['after an await']);
    expect(storage.active).toBe(true);
    res.emit('close');
    expect(storage.active).toBe(false);
    expect(storage.getStore()).toBeUndefined();
  });

  it('keeps each render its own store while two overlap, and opens again after all closed', async () => {
    const storage = new ScopedStorage<string>();
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    const read = () => Promise.resolve().then(() => storage.getStore());
    const first = storage.run('first', read, a);
    const second = storage.run('second', read, b);
    expect([await first, await second]).toEqual(['first', 'second']);
    a.emit('close');
    expect(await storage.run('second again', read, new EventEmitter())).toBe('second again');
    b.emit('close');
    expect(storage.active).toBe(true); // the third scope is still open
  });

  it('without an end, the scope is only the synchronous call', () => {
    const storage = new ScopedStorage<number>();
    expect(storage.run(7, () => storage.getStore())).toBe(7);
    expect(storage.active).toBe(false);
    expect(storage.getStore()).toBeUndefined();
  });
});
