import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParentWatchdog } from './parent-watchdog';

// A stand-in for the JVM: records its arguments, then waits for a long time.

/** Running, not a zombie. */
function running(pid: number): boolean {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

const childrenOf = (pid: number) =>
  execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === pid)
    .map(([p]) => p!);

async function until(what: string, fn: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the test server started through the parent watchdog', () => {
  let dir: string;
  let wrapper: string;
  const leftovers: number[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shouwen-watchdog-'));
    const server = join(dir, "fake server's");
    await writeFile(server, `#!/bin/sh\necho "$@" > "${dir}/args"\nexec sleep 300\n`);
    await chmod(server, 0o755);
    wrapper = await writeParentWatchdog(join(dir, 'watched'), server);
  });
  const argsSeen = () => (existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim() : '');
  afterAll(async () => {
    for (const pid of leftovers) if (running(pid)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('ends the server when the process that started it is killed', async () => {
    // The test process's stand-in: starts the server as the SDK would, says its PID, then is killed.
    const parent = spawn(process.execPath, ['-e', `const c = require('node:child_process').spawn(${JSON.stringify(wrapper)}, ['7233', '--x'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000);`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const serverPid = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    leftovers.push(serverPid);
    await until('the server runs', () => running(serverPid));
    await until('the server got its arguments', () => argsSeen() === '7233 --x');
    await new Promise((r) => setTimeout(r, 1500));
    expect(running(serverPid)).toBe(true); // left alone while its parent lives

    parent.kill('SIGKILL');
    await new Promise((r) => parent.once('exit', r));
    await until('the orphaned server has ended', () => !running(serverPid));
  });

  it('goes away with the server when the server is ended the ordinary way', async () => {
    const server = spawn(wrapper, ['7234'], { stdio: 'ignore' });
    await until('the server got its arguments', () => argsSeen() === '7234');
    const pid = server.pid!;
    leftovers.push(pid);
    await until('the server runs', () => running(pid) && childrenOf(pid).length > 0);
    const watchdogs = childrenOf(pid);
    leftovers.push(...watchdogs);
    server.kill('SIGKILL'); // as the SDK's teardown does
    await new Promise((r) => server.once('exit', r));
    await until('the watchdog has ended', () => watchdogs.every((w) => !running(w)));
  });
});
