import { readdirSync, readFileSync } from 'node:fs';

// CPU time of every process on the machine, grouped by what it is (this process, the Temporal
// dev server, PostgreSQL, the rest), from /proc: where a bench round's CPU went beyond the Node
// process that measures it. Linux only; elsewhere the snapshot is empty and the split says so.

export type ProcGroup = 'this process' | 'Temporal server' | 'PostgreSQL' | 'other';
export type CpuSnapshot = Map<number, { group: ProcGroup; ticks: number }>;

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node supports

export function groupOf(pid: number, comm: string, cmdline: string): ProcGroup {
  if (pid === process.pid) return 'this process';
  if (/(^|\/)temporal(-server)?( |$)/.test(cmdline) || comm === 'temporal' || comm === 'temporal-server') return 'Temporal server';
  if (comm.startsWith('postgres') || /(^|\/)postgres( |:|$)/.test(cmdline)) return 'PostgreSQL';
  return 'other';
}

/** utime + stime of every live process, children's included when they were waited for. */
export function cpuSnapshot(): CpuSnapshot {
  const snap: CpuSnapshot = new Map();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return snap;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces: the fields after it start past the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
      const cmdline = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      snap.set(pid, { group: groupOf(pid, comm, cmdline), ticks });
    } catch {
      // the process ended between listing and reading
    }
  }
  return snap;
}

/** Milliseconds of CPU each group spent between two snapshots (processes born in between count from zero). */
export function cpuSplit(before: CpuSnapshot, after: CpuSnapshot): Record<ProcGroup, number> {
  const out: Record<ProcGroup, number> = { 'this process': 0, 'Temporal server': 0, PostgreSQL: 0, other: 0 };
  for (const [pid, a] of after) {
    const b = before.get(pid);
    out[a.group] += ((a.ticks - (b?.ticks ?? 0)) * 1000) / TICKS_PER_SECOND;
  }
  return out;
}

/** How many cores each group kept busy on average over `wallMs` between two snapshots. */
export function coresBusy(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): Record<ProcGroup, number> {
  const split = cpuSplit(before, after);
  const per = (ms: number) => Math.round((ms / Math.max(1, wallMs)) * 100) / 100;
  return { 'this process': per(split['this process']), 'Temporal server': per(split['Temporal server']), PostgreSQL: per(split.PostgreSQL), other: per(split.other) };
}

/**
 * Waits until every process on the machine together keeps less than `belowCores` busy over a second
 * (at most `maxMs`): what earlier bench parts leave running — PostgreSQL's autovacuum after a bulk
 * load, a checkpoint, a stopped worker's last GC — is then not measured as the next part's time.
 * Returns how long it waited and the last second's load, for the report.
 */
export async function waitForQuiet(belowCores = 0.15, maxMs = 120_000): Promise<{ waitedMs: number; coresBusy: number; quiet: boolean }> {
  const t0 = performance.now();
  for (;;) {
    const before = cpuSnapshot();
    const s0 = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const busy = coresBusy(before, cpuSnapshot(), performance.now() - s0);
    const total = Math.round((busy['this process'] + busy['Temporal server'] + busy.PostgreSQL + busy.other) * 100) / 100;
    const waitedMs = Math.round(performance.now() - t0);
    if (total < belowCores || waitedMs >= maxMs) return { waitedMs, coresBusy: total, quiet: total < belowCores };
  }
}
