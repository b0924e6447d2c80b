/** A synchronous hot spot is caught: the event-loop guard logs a warning naming the delay after the loop was held. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startEventLoopGuard } from '../../../src/web/event-loop-guard.js';

describe('event-loop delay guard', () => {
  it('a loop held past EVENT_LOOP_DELAY_WARN_MS → one "event loop delayed" warning with the delay; 0 turns it off', async () => {
    const lines: Array<{ msg: string; maxMs: number; thresholdMs: number }> = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
    const guard = startEventLoopGuard({ logger: pino({ level: 'warn' }, sink), warnMs: 50, everyMs: 100 });
    const off = startEventLoopGuard({ logger: pino({ level: 'warn' }, sink), warnMs: 0, everyMs: 100 });
    try {
      // Let the samplers start, then hold the loop the way a synchronous parse would. Once, under a loaded CI run, a
      // single hold was never reported (the test waited out its 120 s; cause not found), so the hold is repeated, ten
      // times at most, until a warning comes; none at all still fails.
      await new Promise((r) => setTimeout(r, 60));
      for (let attempt = 0; attempt < 10 && !lines.some((l) => l.msg === 'event loop delayed'); attempt++) {
        const until = performance.now() + 300;
        while (performance.now() < until) { /* a synchronous hot spot */ }
        await new Promise((r) => setTimeout(r, 250));
      }
      const warning = lines.find((l) => l.msg === 'event loop delayed');
      expect(warning).toBeDefined();
      expect(warning!.thresholdMs).toBe(50);
      expect(warning!.maxMs).toBeGreaterThan(50);
      expect(lines.every((l) => l.thresholdMs === 50)).toBe(true);
    } finally {
      guard.stop();
      off.stop();
    }
  });
});
