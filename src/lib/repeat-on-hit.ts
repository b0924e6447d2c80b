/**
 * Effects a page's rendering had (counting the search impressions of the listings a results page shows) that must
 * happen again whenever the page cache sends the kept page instead of rendering it. Framework-free, so services can
 * register them; web/page-cache.ts runs each render inside `collectRepeats` and replays them on every hit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const rendering = new AsyncLocalStorage<Array<() => void>>();

/** Registers `effect` with the page being rendered now. Outside a page render: nothing. */
export function repeatOnHit(effect: () => void): void {
  rendering.getStore()?.push(effect);
}

/** Runs `render` collecting into `effects` what it registers with repeatOnHit. */
export function collectRepeats<T>(effects: Array<() => void>, render: () => T): T {
  return rendering.run(effects, render);
}
