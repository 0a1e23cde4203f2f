import { describe, expect, it } from 'vitest';
import { createRestartPolicy, type RestartDecision } from './restart-policy';

/** Runs a child that lives `uptimeMs` each time, restarting as the policy says, until it gives up. */
function crashLoop(uptimeMs: number, maxRuns = 1_000) {
  const policy = createRestartPolicy();
  let now = 0;
  const decisions: RestartDecision[] = [];
  for (let run = 0; run < maxRuns; run++) {
    const startedAt = now;
    now += uptimeMs;
    const d = policy.crashed(startedAt, now);
    decisions.push(d);
    if (d.action === 'give-up') break;
    now += d.delayMs;
  }
  return { decisions, elapsedMs: now };
}

describe('the restart policy', () => {
  it('doubles the delay from 1 s after each crash in a row, capped at 60 s', () => {
    const policy = createRestartPolicy({ maxCrashes: 100, windowMs: 60 * 60_000 });
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 9; i++) {
      const d = policy.crashed(now, now + 100);
      now += 100;
      if (d.action !== 'restart') throw new Error('gave up too early');
      delays.push(d.delayMs);
      now += d.delayMs;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('gives up on a worker that crashes every 6–25 s (the loop that used to run for ever)', () => {
    for (const uptime of [6_000, 15_000, 25_000]) {
      const { decisions, elapsedMs } = crashLoop(uptime);
      expect(decisions.at(-1)).toEqual({ action: 'give-up', crashesInWindow: 8 });
      expect(decisions).toHaveLength(8);
      expect(elapsedMs).toBeLessThan(15 * 60_000);
    }
  });

  it('starts the back-off again after a child stayed up for five minutes', () => {
    const policy = createRestartPolicy();
    policy.crashed(0, 1_000);
    policy.crashed(2_000, 3_000);
    expect(policy.crashed(7_000, 8_000)).toMatchObject({ action: 'restart', delayMs: 4_000 });
    const afterStableRun = policy.crashed(12_000, 12_000 + 5 * 60_000);
    expect(afterStableRun).toEqual({ action: 'restart', delayMs: 1_000, crashesInWindow: 1 });
  });

  it('forgets crashes older than the window, so rare crashes never add up to giving up', () => {
    const policy = createRestartPolicy();
    let now = 0;
    for (let i = 0; i < 50; i++) {
      // up 4 minutes (not "stable"), then a crash: at most 4 fall within any 15 minutes
      const d = policy.crashed(now, now + 4 * 60_000);
      now += 4 * 60_000;
      expect(d.action).toBe('restart');
      if (d.action === 'restart') now += d.delayMs;
    }
    expect(policy.recentCrashes(now).length).toBeLessThanOrEqual(4);
    expect(policy.recentCrashes(now + 16 * 60_000)).toEqual([]);
  });

  it('takes its limits from options', () => {
    const policy = createRestartPolicy({ maxCrashes: 2, initialDelayMs: 10 });
    expect(policy.crashed(0, 1)).toEqual({ action: 'restart', delayMs: 10, crashesInWindow: 1 });
    expect(policy.crashed(11, 12)).toEqual({ action: 'give-up', crashesInWindow: 2 });
  });
});
