import { describe, expect, it } from 'vitest';
import { coresBusy, cpuSnapshot, cpuSplit, groupOf, waitForQuiet, type CpuSnapshot } from './proc-cpu';

describe('CPU by process', () => {
  it('tells the Temporal server and PostgreSQL from the rest', () => {
    expect(groupOf(process.pid, 'node', 'node bench/main.ts')).toBe('this process');
    expect(groupOf(1, 'temporal', '/root/.cache/shouwen/temporal-cli/v1.5.1/temporal server start-dev --ip 127.0.0.1')).toBe('Temporal server');
    expect(groupOf(2, 'temporal-server', '/x/temporal-server --env development start')).toBe('Temporal server');
    expect(groupOf(3, 'postgres', 'postgres: postgres b3_1m 127.0.0.1(5432) idle')).toBe('PostgreSQL');
    expect(groupOf(4, 'postgres', '/usr/lib/postgresql/15/bin/postgres -D /tmp/bpg/data')).toBe('PostgreSQL');
    expect(groupOf(5, 'node', 'node /work/main/node_modules/.bin/vitest --project temporal')).toBe('other');
  });

  it('sums each group between two snapshots; a process born in between counts from zero', () => {
    const before: CpuSnapshot = new Map([
      [1, { group: 'Temporal server', ticks: 100 }],
      [2, { group: 'PostgreSQL', ticks: 50 }],
    ]);
    const after: CpuSnapshot = new Map([
      [1, { group: 'Temporal server', ticks: 130 }],
      [2, { group: 'PostgreSQL', ticks: 51 }],
      [3, { group: 'PostgreSQL', ticks: 4 }],
    ]);
    expect(cpuSplit(before, after)).toEqual({ 'this process': 0, 'Temporal server': 300, PostgreSQL: 50, other: 0 });
    // Over 200 ms of wall time: 1.5 cores of Temporal, a quarter of one of PostgreSQL.
    expect(coresBusy(before, after, 200)).toEqual({ 'this process': 0, 'Temporal server': 1.5, PostgreSQL: 0.25, other: 0 });
  });

  it.runIf(process.platform === 'linux')('sees this process spend CPU', () => {
    const before = cpuSnapshot();
    // 100 ms of this process's own CPU, not of wall time: with test files two at a time on two cores, 100 ms of wall
    // time held as little as 40 ms of CPU (a flake seen on 3 Dec).
    const c0 = process.cpuUsage();
    const spent = () => {
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    let x = 0;
    while (spent() < 100) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuSplit(before, cpuSnapshot())['this process']).toBeGreaterThanOrEqual(50);
  });

  it.runIf(process.platform === 'linux')('waits for a quiet machine, at most as long as it is told', async () => {
    // Any load is below infinity: quiet after the first second's reading.
    const quiet = await waitForQuiet(Infinity, 10_000);
    expect(quiet.quiet).toBe(true);
    expect(quiet.waitedMs).toBeGreaterThanOrEqual(900);
    // No load is below zero: gives up once the time is spent, and says so.
    const busy = await waitForQuiet(0, 1);
    expect(busy).toMatchObject({ quiet: false });
    expect(busy.waitedMs).toBeGreaterThanOrEqual(900);
  });
});
