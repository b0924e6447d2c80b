import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedFor } from '../../../src/lib/cached.js';

describe('cachedFor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads once per period and shares the load between callers', async () => {
    vi.useFakeTimers();
    let loads = 0;
    const get = cachedFor(1000, async () => ++loads);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    vi.advanceTimersByTime(1000);
    expect(await get()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await get()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let calls = 0;
    const get = cachedFor(60_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return 'ok';
    });
    await expect(get()).rejects.toThrow('database away');
    expect(await get()).toBe('ok');
    expect(calls).toBe(2);
  });
});
