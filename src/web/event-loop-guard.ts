/**
 * Catches a synchronous hot spot (a parse, a regex, a loop over user input) before visitors report timeouts: the event
 * loop's delay is sampled (perf_hooks.monitorEventLoopDelay) and, every `everyMs`, logged as a warning when its maximum
 * passed the threshold (EVENT_LOOP_DELAY_WARN_MS). The histogram is also what /metrics reports.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from 'pino';

export interface EventLoopGuard { histogram: IntervalHistogram; stop(): void }

export function startEventLoopGuard(opts: { logger: Logger; warnMs: number; everyMs?: number }): EventLoopGuard {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  // A separate window for the warning, so /metrics keeps the whole history in `histogram`.
  const window = monitorEventLoopDelay({ resolution: 20 });
  window.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const timer = opts.warnMs > 0 ? setInterval(() => {
    if (ms(window.max) > opts.warnMs) {
      opts.logger.warn({ maxMs: ms(window.max), p99Ms: ms(window.percentile(99)), thresholdMs: opts.warnMs }, 'event loop delayed');
    }
    window.reset();
  }, opts.everyMs ?? 5000) : null;
  timer?.unref();
  return {
    histogram,
    stop() {
      if (timer) clearInterval(timer);
      histogram.disable();
      window.disable();
    },
  };
}
