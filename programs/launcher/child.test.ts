import { describe, expect, it, vi } from 'vitest';
import { nodeEntryPoint, readinessWait, supervise } from './child';

// Issue 11 §1: a worker crashing every few seconds was restarted for ever.

describe('a supervised child', () => {
  // Each start spawns Node with tsx, seconds on a loaded machine.
  it('is restarted after a crash, then given up on loudly, with its last exit and output', { timeout: 30_000 }, async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const printed: string[] = [];
    let starts = 0;
    const gaveUp = new Promise<string>((resolve) => {
      const child = supervise({
        name: 'worker',
        start: (print) => {
          starts++;
          return nodeEntryPoint(['-e', "console.error('cannot reach the database'); process.exit(3)"], process.env)(print);
        },
        print: (line) => printed.push(line),
        policy: { initialDelayMs: 20, maxCrashes: 3 },
        onGiveUp: () => resolve(JSON.stringify(child.status())),
      });
    });
    try {
      const status = JSON.parse(await gaveUp);
      expect(starts).toBe(3);
      expect(status).toMatchObject({ state: 'gave-up', lastExit: 'exit code 3' });
      expect(status.crashes).toHaveLength(3);
      expect(printed.filter((l) => /^exited \(exit code 3\); restarting in 0\.0[24] s/.test(l))).toHaveLength(2);
      const loud = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(loud).toContain('已放弃重启 worker：15 分钟内崩溃 3 次，最后一次退出：exit code 3');
      expect(loud).toContain('Gave up restarting worker: 3 crashes within 15 minutes, last exit: exit code 3');
      expect(loud).toContain('cannot reach the database');
    } finally {
      stderr.mockRestore();
    }
  });

  it('is not restarted once stopped', { timeout: 30_000 }, async () => {
    let starts = 0;
    const child = supervise({
      name: 'api',
      start: (print) => {
        starts++;
        return nodeEntryPoint(['-e', "console.log('up'); setInterval(() => {}, 1000)"], process.env, /up/)(print);
      },
      print: () => undefined,
      policy: { initialDelayMs: 10 },
    });
    await child.ready;
    const proc = child.process()!;
    await child.stop();
    expect(proc.signalCode).toBe('SIGTERM');
    await new Promise((r) => setTimeout(r, 400));
    expect(starts).toBe(1);
    expect(child.status().state).toBe('stopped');
  });

  // A first `npm start` on a loaded machine failed: the embedded PostgreSQL, still starting, was
  // killed after a fixed 60 s. The wait is now for silence, so a child that reports progress is waited for.
  it('is waited for while it reports progress, and given up on only after a silence', async () => {
    vi.useFakeTimers();
    try {
      const progressing = readinessWait(/^up$/, 60_000);
      for (let i = 0; i < 10; i++) {
        await vi.advanceTimersByTimeAsync(50_000);
        progressing.heard(`migration ${i}`);
      }
      progressing.heard('up');
      await expect(progressing.ready).resolves.toBeUndefined();

      const silent = readinessWait(/^up$/, 60_000);
      const verdict = silent.ready.then(() => 'ready', (err: Error) => err.message);
      silent.heard('starting');
      await vi.advanceTimersByTimeAsync(59_000);
      silent.heard('still starting');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await verdict).toBe('nothing heard from it for 60 s');
      silent.heard('up'); // too late: stays failed
      expect(await verdict).toBe('nothing heard from it for 60 s');
    } finally {
      vi.useRealTimers();
    }
  });
});
