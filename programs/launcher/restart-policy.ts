// When a supervised child exits unexpectedly: restart it after a growing delay, or give up.
// Pure (the clock is passed in) so the policy is tested without waiting.

export interface RestartPolicyOptions {
  /** Delay before the first restart; doubled after each crash in a row. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before exiting was healthy: the back-off starts again. */
  stableAfterMs: number;
  /** Give up once this many crashes fall within windowMs. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableAfterMs: 5 * 60_000,
  maxCrashes: 8,
  windowMs: 15 * 60_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number; crashesInWindow: number } | { action: 'give-up'; crashesInWindow: number };

export interface RestartPolicy {
  /** A child started at `startedAt` exited unexpectedly at `now`. */
  crashed(startedAt: number, now: number): RestartDecision;
  /** Crash times within the window ending at `now` (for health). */
  recentCrashes(now: number): number[];
}

export function createRestartPolicy(options: Partial<RestartPolicyOptions> = {}): RestartPolicy {
  const o = { ...DEFAULT_RESTART_POLICY, ...options };
  let crashes: number[] = [];
  let inARow = 0;
  const prune = (now: number) => {
    crashes = crashes.filter((t) => t > now - o.windowMs);
  };
  return {
    crashed(startedAt, now) {
      // A long healthy run forgives earlier crashes: the next failure is a new incident.
      if (now - startedAt >= o.stableAfterMs) {
        inARow = 0;
        crashes = [];
      }
      inARow += 1;
      crashes.push(now);
      prune(now);
      if (crashes.length >= o.maxCrashes) return { action: 'give-up', crashesInWindow: crashes.length };
      const delayMs = Math.min(o.maxDelayMs, o.initialDelayMs * 2 ** Math.min(inARow - 1, 30));
      return { action: 'restart', delayMs, crashesInWindow: crashes.length };
    },
    recentCrashes(now) {
      prune(now);
      return [...crashes];
    },
  };
}
