// B6's comparison: Shouwen ÷ Flowable for the same kind of work in the same run (issue 19).
// Pure: the figures come in as the run's JSON sections; see peer.test.ts.
//
// Sizes are matched by OPEN tasks, the rows both inboxes read: B3's seed makes one task in ten
// open (B3 at 1,000,000 tasks holds 100,000 open ones), while B6's size counts open tasks (its
// completed cases live in Flowable's history tables, which its task queries never read).

import type { Finding } from './findings';

type Lat = { p50: number; p99: number };
type Failed = { error: string } | { skipped: string };
type InFlight = Lat & { reqPerSec: number };

export interface B6Result {
  flowableVersion: string;
  throughput: Array<{ concurrency: number; cases: number; casesPerSec: number }>;
  sizes: Array<{ openTasks: number; groupOpenTasks: number; page: { alone: Lat; inFlight: InFlight }; count: { alone: Lat; inFlight: InFlight } }>;
}

export interface PeerInput {
  b1?: { throughput: Array<{ concurrency: number; engineCasesPerSec: number; oneApprovalCasesPerSec?: number }> } | Failed;
  b3?: { sizes: Array<{ tasks: number; openTasks?: number; groupFirstPage: Lat; groupFirstPageSerial?: Lat; counts?: Lat; countsSerial?: Lat }> } | Failed;
  b4?: { inbox: { reqPerSec: number }; counts?: { reqPerSec: number } } | Failed;
  b6?: B6Result | Failed;
}

export interface PeerRow {
  what: string;
  /** Open tasks the figures were taken at; null for case throughput. */
  openTasks: number | null;
  shouwen: string;
  flowable: string;
  /** Shouwen ÷ Flowable of the judged figure (cases/s, req/s or p99 ms); null when Shouwen's figure is not in this run. */
  ratio: number | null;
  /** Shouwen ÷ Flowable of the p50, for latencies. */
  ratioP50?: number;
  verdict: 'ahead' | 'behind' | 'even' | 'not in this run';
  /** Why Shouwen's side is missing. */
  note?: string;
}

const failed = (x: unknown): x is Failed | undefined => !x || (typeof x === 'object' && ('error' in x || 'skipped' in x));
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const n = (x: number) => x.toLocaleString('en-US');
const ms = (x: Lat) => `${x.p50} / ${x.p99} ms`;

/** The open tasks of a B3 row: recorded since issue 19, else one in ten of its tasks (B3's seed). */
export const b3OpenTasks = (row: { tasks: number; openTasks?: number }) => row.openTasks ?? Math.round(row.tasks / 10);

function verdict(ratio: number, higherIsBetter: boolean): PeerRow['verdict'] {
  if (ratio === 1) return 'even';
  return ratio > 1 === higherIsBetter ? 'ahead' : 'behind';
}

function missing(what: string, openTasks: number | null, flowable: string, note: string): PeerRow {
  return { what, openTasks, shouwen: '—', flowable, ratio: null, verdict: 'not in this run', note };
}

const why = (x: unknown, part: string) => (x && typeof x === 'object' && 'skipped' in x ? `${part} skipped (${String(x.skipped)})` : x && typeof x === 'object' && 'error' in x ? `${part} failed` : `${part} not run`);

/** One row per figure compared; empty when B6 itself did not run. */
export function peerComparison(r: PeerInput): PeerRow[] {
  const { b1, b3, b4, b6 } = r;
  if (failed(b6)) return [];
  const rows: PeerRow[] = [];

  for (const t of b6.throughput) {
    const what = `case throughput, concurrency ${t.concurrency} (cases/s)`;
    const flowable = `${t.casesPerSec}`;
    const mine = failed(b1) ? undefined : b1.throughput.find((x) => x.concurrency === t.concurrency);
    if (!mine) rows.push(missing(what, null, flowable, failed(b1) ? why(b1, 'B1') : `B1 did not run concurrency ${t.concurrency}`));
    else if (mine.oneApprovalCasesPerSec !== undefined) {
      // The same case on both: start → one task for 客服经理 → end.
      const ratio = r3(mine.oneApprovalCasesPerSec / t.casesPerSec);
      rows.push({ what, openTasks: null, shouwen: `${mine.oneApprovalCasesPerSec}`, flowable, ratio, verdict: verdict(ratio, true) });
    } else {
      // A run from before B1 ran the one-approval case: its own case has three service tasks more than Flowable's.
      const ratio = r3(mine.engineCasesPerSec / t.casesPerSec);
      rows.push({ what, openTasks: null, shouwen: `${mine.engineCasesPerSec}`, flowable, ratio, verdict: verdict(ratio, true), note: 'B1’s case (three service tasks more than Flowable’s)' });
    }
  }

  const b3Rows = failed(b3) ? [] : b3.sizes;
  // B4 loads the inbox B3 left behind: its figures belong to B3's largest size, and only when B3 ran.
  const b4Open = !failed(b4) && b3Rows.length ? b3OpenTasks(b3Rows.at(-1)!) : undefined;
  for (const s of b6.sizes) {
    const row = b3Rows.find((x) => b3OpenTasks(x) === s.openTasks);
    const noB3 = failed(b3)
      ? why(b3, 'B3')
      : `B3 measured ${b3Rows.map((x) => `${n(b3OpenTasks(x))} open (${n(x.tasks)} tasks)`).join(', ') || 'no size'}`;
    const latency = (what: string, mine: Lat | undefined, theirs: Lat, absent: string) => {
      if (!mine) return rows.push(missing(what, s.openTasks, ms(theirs), absent));
      const ratio = r3(mine.p99 / theirs.p99);
      rows.push({ what, openTasks: s.openTasks, shouwen: ms(mine), flowable: ms(theirs), ratio, ratioP50: r3(mine.p50 / theirs.p50), verdict: verdict(ratio, false) });
    };
    const rate = (what: string, mine: number | undefined, theirs: number, absent: string) => {
      if (mine === undefined) return rows.push(missing(what, s.openTasks, `${theirs}`, absent));
      const ratio = r3(mine / theirs);
      rows.push({ what, openTasks: s.openTasks, shouwen: `${mine}`, flowable: `${theirs}`, ratio, verdict: verdict(ratio, true) });
    };
    const b4Absent = failed(b4) ? why(b4, 'B4') : b4Open === undefined ? 'B4 ran without B3’s tasks' : `B4 ran at ${n(b4Open)} open tasks`;
    const b4Here = !failed(b4) && b4Open === s.openTasks ? b4 : undefined;

    latency('group page, one at a time (p50 / p99)', row?.groupFirstPageSerial, s.page.alone, row ? 'B3 has no one-at-a-time figure' : noB3);
    latency('group page, 10 in flight (p50 / p99)', row?.groupFirstPage, s.page.inFlight, noB3);
    rate('group page, 10 in flight (req/s)', b4Here?.inbox.reqPerSec, s.page.inFlight.reqPerSec, b4Absent);
    latency('open-task counts, one at a time (p50 / p99)', row?.countsSerial, s.count.alone, row ? 'B3 has no one-at-a-time figure for counts' : noB3);
    latency('open-task counts, 10 in flight (p50 / p99)', row?.counts, s.count.inFlight, row ? 'B3 has no counts figure' : noB3);
    rate('open-task counts, 10 in flight (req/s)', b4Here?.counts?.reqPerSec, s.count.inFlight.reqPerSec, b4Here ? 'B4 has no counts figure' : b4Absent);
  }
  return rows;
}

/** Issue 19's peer targets, judged from this run's figures. */
export function peerFindings(r: PeerInput): Finding[] {
  const out: Finding[] = [];
  const rows = peerComparison(r);
  const whyB6 = failed(r.b6) ? why(r.b6, 'B6') : '';

  const at8 = rows.find((x) => x.what.startsWith('case throughput, concurrency 8'));
  const t1 = 'case throughput ≥ 0.25 × Flowable at concurrency 8';
  if (failed(r.b6)) out.push({ target: t1, measured: whyB6, verdict: 'not measured' });
  else if (!at8 || at8.ratio === null) out.push({ target: t1, measured: at8?.note ?? 'B6 did not run concurrency 8', verdict: 'not measured' });
  else out.push({ target: t1, measured: `${at8.ratio}× (${at8.shouwen} against ${at8.flowable} cases/s)`, verdict: at8.ratio >= 0.25 ? 'met' : 'missed' });

  const t2 = 'inbox group page and counts ahead of Flowable (p99, req/s)';
  const inbox = rows.filter((x) => x.openTasks !== null && x.ratio !== null);
  if (failed(r.b6)) out.push({ target: t2, measured: whyB6, verdict: 'not measured' });
  else if (!inbox.length) out.push({ target: t2, measured: `no size measured by both in this run (Flowable: ${r.b6.sizes.map((s) => n(s.openTasks)).join(', ')} open tasks)`, verdict: 'not measured' });
  else {
    const behind = inbox.filter((x) => x.verdict !== 'ahead');
    const sizes = [...new Set(inbox.map((x) => x.openTasks!))].map(n).join(', ');
    out.push({
      target: t2,
      measured: behind.length ? `behind in ${behind.length} of ${inbox.length} at ${sizes} open tasks: ${behind.map((x) => `${x.what} at ${n(x.openTasks!)} open: ${x.ratio}×`).join('; ')}` : `ahead in all ${inbox.length} at ${sizes} open tasks`,
      verdict: behind.length ? 'missed' : 'met',
    });
  }
  return out;
}

/** The Markdown section of B6. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the run's JSON, as report.ts reads it
export function peerMarkdown(r: PeerInput & { b6?: any }): string[] {
  const lines = ['## B6 — peer: Flowable embedded on the same PostgreSQL', ''];
  const b6 = r.b6;
  if (failed(b6)) {
    lines.push(!b6 ? 'not run' : 'skipped' in b6 ? `skipped: ${b6.skipped}` : `failed: ${b6.error}`);
    return lines;
  }
  const x = b6 as B6Result & Record<string, unknown>;
  lines.push(
    `Flowable ${x.flowableVersion} embedded (Java ${String(x.java ?? '—')}, history level ${String(x.historyLevel ?? '—')}), ${String(x.database ?? 'PostgreSQL')}, fsync ${String(x.fsync ?? '—')}. ` +
      'Its figures are Java API calls inside its own JVM (no HTTP, sign-in or JSON); Shouwen’s are whole API requests (B3 in process, B4 over HTTP). ' +
      'One case: start → find the task by candidate group → complete; its open tasks are cloned in SQL from one real case (60 % offered to the group queried). ' +
      'Shouwen’s `/api/tasks/counts` answers five badge counts (mine, group, all, overdue, due soon) in one query; Flowable’s count is the group’s open tasks.',
    '',
    '| open tasks | offered to the group | group page alone p50 / p99 ms | page, 10 in flight p50 / p99 ms | page req/s | count alone p50 / p99 ms | count, 10 in flight p50 / p99 ms | count req/s |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const s of x.sizes) lines.push(`| ${n(s.openTasks)} | ${n(s.groupOpenTasks)} | ${ms(s.page.alone)} | ${ms(s.page.inFlight)} | ${s.page.inFlight.reqPerSec} | ${ms(s.count.alone)} | ${ms(s.count.inFlight)} | ${s.count.inFlight.reqPerSec} |`);
  lines.push('', `Case throughput: ${x.throughput.map((t) => `${t.casesPerSec} cases/s at concurrency ${t.concurrency}`).join(', ')}.`, '');
  lines.push('Shouwen ÷ Flowable in this run (cases/s and req/s: above 1 is ahead; latencies, judged on p99: below 1 is ahead):', '');
  lines.push('| what | open tasks | Shouwen | Flowable | Shouwen ÷ Flowable | |', '|---|---|---|---|---|---|');
  for (const row of peerComparison(r)) {
    const ratio = row.ratio === null ? '—' : row.ratioP50 !== undefined ? `${row.ratioP50} / ${row.ratio}` : `${row.ratio}`;
    lines.push(`| ${row.what} | ${row.openTasks === null ? '—' : n(row.openTasks)} | ${row.shouwen} | ${row.flowable} | ${ratio} | ${row.verdict === 'not in this run' ? `not in this run: ${row.note}` : row.verdict} |`);
  }
  return lines;
}
