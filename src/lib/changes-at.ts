/**
 * "What this page shows changes by itself at instant T": an opening-hours line flips at closing time, an ad
 * expires, a listing turns stale. Code that derives such a line from the clock calls `changesAt(T)`; a caller that
 * keeps the result (the rendered-page cache) runs the work inside `watchChanges` and learns the earliest such
 * instant, so a kept copy is never sent after the moment it would read differently. Outside `watchChanges`
 * `changesAt` does nothing.
 */
import { ScopedStorage, type ScopeEnd } from './scoped-storage.js';

export interface ChangeWatch {
  /** Earliest instant (ms since the epoch) registered so far; Infinity when nothing depends on the clock. */
  until: number;
}

const watching = new ScopedStorage<ChangeWatch>();

export function changesAt(at: Date | number | null | undefined): void {
  const watch = watching.getStore();
  if (!watch || at === null || at === undefined) return;
  const ms = typeof at === 'number' ? at : at.getTime();
  if (Number.isFinite(ms) && ms < watch.until) watch.until = ms;
}

/**
 * Runs `fn` (and everything it starts asynchronously, until `endsWith` closes: see ScopedStorage) with `watch`
 * collecting the instants registered.
 */
export function watchChanges<T>(watch: ChangeWatch, fn: () => T, endsWith?: ScopeEnd): T {
  return watching.run(watch, fn, endsWith);
}
