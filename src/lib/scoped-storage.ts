/**
 * An AsyncLocalStorage switched on only while one of its scopes is open. Node 20 implements AsyncLocalStorage with
 * async hooks: once a store is enabled, every promise the process creates pays for them — the front's kept pages too,
 * about 5 % of their time under load (docs/page-speed.md). A scope opens with `run` and closes when `endsWith` emits
 * 'close' (a response: everything the render started is over), or as soon as `fn` returns when there is none; with no
 * scope open the store is disabled, and the hooks with it once no other store is on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What ends a scope: an emitter of 'close' (a ServerResponse). */
export interface ScopeEnd {
  once(event: 'close', listener: () => void): unknown;
}

export class ScopedStorage<T> {
  private readonly storage = new AsyncLocalStorage<T>();
  private open = 0;

  /** The store of the scope this code runs in; undefined outside every scope. */
  getStore(): T | undefined {
    return this.open > 0 ? this.storage.getStore() : undefined;
  }

  /** Runs `fn` (and everything it starts asynchronously) with `store`, until `endsWith` closes (see above). */
  run<R>(store: T, fn: () => R, endsWith?: ScopeEnd): R {
    this.open += 1;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.open -= 1;
      if (this.open === 0) this.storage.disable();
    };
    if (endsWith) {
      endsWith.once('close', close);
      return this.storage.run(store, fn);
    }
    try {
      return this.storage.run(store, fn);
    } finally {
      close();
    }
  }

  /** Whether a scope is open (tests). */
  get active(): boolean {
    return this.open > 0;
  }
}
