/**
 * Effects a page's rendering had (counting the search and ad-slot impressions of the listings a results page shows) that
 * must happen again whenever the page cache sends the kept page instead of rendering it. Framework-free, so services can
 * register them; web/page-cache.ts runs each render inside `collectRepeats` and replays them on every hit.
 */
import type { IncomingMessage } from 'node:http';
import { ScopedStorage, type ScopeEnd } from './scoped-storage.js';

/** Run for each request a kept page answers; given that request (e.g. to leave bots out by their user agent). */
export type HitEffect = (req: IncomingMessage) => void;

const rendering = new ScopedStorage<HitEffect[]>();

/** Registers `effect` with the page being rendered now. Outside a page render: nothing. */
export function repeatOnHit(effect: HitEffect): void {
  rendering.getStore()?.push(effect);
}

/** Runs `render` collecting into `effects` what it registers with repeatOnHit, until `endsWith` closes (see ScopedStorage). */
export function collectRepeats<T>(effects: HitEffect[], render: () => T, endsWith?: ScopeEnd): T {
  return rendering.run(effects, render, endsWith);
}
