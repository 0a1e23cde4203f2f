import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// A launcher killed with SIGKILL cannot stop its children: they keep the ports, and the next
// `npm start` would say "port in use". The launcher therefore records who it started, and the
// next one ends them — but only processes that are provably the same ones (pid, start time and
// command line), since a pid may have been recycled for something else since.

export interface ProcessIdentity {
  pid: number;
  /** Opaque start-time token: /proc's start tick on Linux, `ps -o lstart` elsewhere. */
  startTime: string;
  command: string;
}

export interface PidRecord {
  launcher: ProcessIdentity;
  children: Array<ProcessIdentity & { name: string }>;
}

export const pidFile = (dataDir: string) => join(dataDir, 'launcher.pids.json');

/** The identity of a live process, or undefined when there is none with that pid. */
export function processIdentity(pid: number): ProcessIdentity | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; fields after it are fixed. Field 22 = starttime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    if (fields[0] === 'Z') return undefined; // a zombie holds no port
    return { pid, startTime: `proc:${fields[19]}`, command };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return undefined;
    if (process.platform === 'linux') throw err;
  }
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    // lstart is a fixed 24-character date ("Mon Jan  5 10:00:00 2026")
    return out ? { pid, startTime: `ps:${out.slice(0, 24)}`, command: out.slice(24).trim() } : undefined;
  } catch {
    return undefined;
  }
}

export const sameProcess = (recorded: ProcessIdentity) => {
  const now = processIdentity(recorded.pid);
  return now !== undefined && now.startTime === recorded.startTime && now.command === recorded.command;
};

export async function writePidRecord(file: string, record: PidRecord): Promise<void> {
  // Write then rename: a launcher killed mid-write must not leave half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

export async function readPidRecord(file: string): Promise<PidRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as PidRecord;
    return parsed && parsed.launcher && Array.isArray(parsed.children) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export type OrphanOutcome = { kind: 'none' } | { kind: 'running'; launcherPid: number } | { kind: 'ended'; ended: Array<{ name: string; pid: number; killed: boolean }> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends the children a dead launcher left behind: SIGTERM, then SIGKILL after `graceMs`.
 * When the recorded launcher is still alive, another Shouwen is running and nothing is touched.
 */
export async function endOrphans(file: string, opts: { graceMs?: number; log?: (line: string) => void } = {}): Promise<OrphanOutcome> {
  const record = await readPidRecord(file);
  if (!record) return { kind: 'none' };
  if (record.launcher.pid !== process.pid && sameProcess(record.launcher)) return { kind: 'running', launcherPid: record.launcher.pid };
  const alive = record.children.filter(sameProcess);
  const ended: Array<{ name: string; pid: number; killed: boolean }> = [];
  for (const child of alive) {
    opts.log?.(`ending ${child.name} (pid ${child.pid}) left running by a launcher that did not stop cleanly`);
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + (opts.graceMs ?? 10_000);
  for (const child of alive) {
    while (sameProcess(child) && Date.now() < deadline) await sleep(100);
    const killed = sameProcess(child);
    if (killed) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // gone between the check and the kill
      }
      while (sameProcess(child)) await sleep(50);
    }
    ended.push({ name: child.name, pid: child.pid, killed });
  }
  await rm(file, { force: true });
  return { kind: 'ended', ended };
}
