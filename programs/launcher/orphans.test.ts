import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endOrphans, pidFile, processIdentity, readPidRecord, writePidRecord } from './orphans';

const sleeper = () => spawn('sleep', ['60'], { stdio: 'ignore' });
const gone = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

describe('ending the orphans of a killed launcher', () => {
  const spawned: ChildProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const c of spawned) c.kill('SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const folder = async () => {
    const d = await mkdtemp(join(tmpdir(), 'shouwen-orphans-'));
    dirs.push(d);
    return d;
  };

  it('ends the recorded children of a dead launcher, but not a process whose pid was recycled', async () => {
    const orphan = sleeper();
    const recycled = sleeper();
    spawned.push(orphan, recycled);
    const file = pidFile(await folder());
    const orphanId = processIdentity(orphan.pid!)!;
    const recycledId = processIdentity(recycled.pid!)!;
    expect(orphanId.command).toBe('sleep 60');
    await writePidRecord(file, {
      // a launcher that no longer exists: the pid of a process that has exited
      launcher: { pid: 999_999_999, startTime: 'proc:1', command: 'node --import tsx programs/launcher/main.ts' },
      children: [
        { name: 'worker', ...orphanId },
        // same pid, but started at another time: someone else's process now
        { name: 'api', ...recycledId, startTime: `${recycledId.startTime}0` },
      ],
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const outcome = await endOrphans(file, { graceMs: 2_000 });
    expect(outcome).toEqual({ kind: 'ended', ended: [{ name: 'worker', pid: orphan.pid, killed: false }] });
    await gone(orphan);
    expect(orphan.signalCode).toBe('SIGTERM');
    expect(processIdentity(recycled.pid!)).toEqual(recycledId);
    expect(await readPidRecord(file)).toBeUndefined();
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    const stubborn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'] });
    spawned.push(stubborn);
    await new Promise((resolve) => stubborn.stdout!.once('data', resolve));
    const file = pidFile(await folder());
    await writePidRecord(file, { launcher: { pid: 999_999_999, startTime: 'x', command: 'x' }, children: [{ name: 'temporal', ...processIdentity(stubborn.pid!)! }] });
    expect(await endOrphans(file, { graceMs: 300 })).toEqual({ kind: 'ended', ended: [{ name: 'temporal', pid: stubborn.pid, killed: true }] });
    await gone(stubborn);
    expect(stubborn.signalCode).toBe('SIGKILL');
  });

  it('touches nothing while the recorded launcher is alive: another Shouwen is running', async () => {
    const launcher = sleeper();
    const child = sleeper();
    spawned.push(launcher, child);
    const file = pidFile(await folder());
    await writePidRecord(file, { launcher: processIdentity(launcher.pid!)!, children: [{ name: 'worker', ...processIdentity(child.pid!)! }] });
    expect(await endOrphans(file)).toEqual({ kind: 'running', launcherPid: launcher.pid });
    expect(processIdentity(child.pid!)).toBeDefined();
    expect(await readPidRecord(file)).toBeDefined();
  });
});
