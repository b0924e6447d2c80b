/**
 * A value loaded at most once per `ttlMs` (wall-clock) and shared by every caller meanwhile: callers during a load get
 * the same promise. A failed load is not kept, so the next call tries again.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let entry: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!entry || now - entry.at > ttlMs) {
      const value = load();
      const mine = { at: now, value };
      entry = mine;
      value.catch(() => {
        if (entry === mine) entry = null;
      });
    }
    return entry.value;
  };
}
