import { diagnosis, targetFindings, type FindingsInput } from './findings';
import { peerFindings, peerMarkdown, type PeerInput } from './peer';

// The Markdown written beside each run's JSON.

type Lat = { p50: number; p95?: number; p99: number; max?: number };
const f = (x: unknown) => (x ? `${(x as Lat).p50} / ${(x as Lat).p99}` : '—');
const bad = (x: unknown): string | undefined =>
  !x ? 'not run' : typeof x === 'object' && 'skipped' in x ? `skipped: ${String(x.skipped)}` : typeof x === 'object' && 'error' in x ? `failed: ${String(x.error)}` : undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the run's JSON, section by section
export function markdown(r: { environment: Record<string, unknown>; b1: any; b2: any; b3: any; b4: any; memory: any; b5: any; b6?: any }): string {
  const lines = [`# Shouwen benchmarks ${r.environment.date}`, '', '```', JSON.stringify(r.environment, null, 1), '```', ''];
  lines.push('## Findings against the targets', '', '| target | this run | verdict |', '|---|---|---|');
  for (const x of [...targetFindings(r as FindingsInput), ...peerFindings(r as PeerInput)]) lines.push(`| ${x.target} | ${x.measured} | ${x.verdict === 'met' ? '✅ met' : x.verdict === 'missed' ? '❌ missed' : '— not measured'} |`);
  lines.push('', ...diagnosis(r as FindingsInput).map((d) => `- ${d}`), '');

  lines.push('## B1 — interpreter overhead', '');
  if (bad(r.b1)) lines.push(bad(r.b1)!);
  else {
    lines.push('| concurrency | cases | engine cases/s | hand-written cases/s | ratio | engine CPU ms/case | hand-written CPU ms/case | engine, one-approval case (B6’s) cases/s | Temporal server CPU ms/case: engine / hand-written / one-approval | PostgreSQL CPU ms/case: engine / one-approval |', '|---|---|---|---|---|---|---|---|---|---|');
    const three = (...xs: Array<number | undefined>) => (xs.every((x) => x === undefined) ? '—' : xs.map((x) => x ?? '—').join(' / '));
    for (const t of r.b1.throughput) {
      if (t.error) lines.push(`| ${t.concurrency} | ${t.cases} | given up: ${t.error} | | | | | | | |`);
      else lines.push(`| ${t.concurrency} | ${t.cases} | ${t.engineCasesPerSec} | ${t.handwrittenCasesPerSec} | ${t.ratio} | ${t.engineCpuMsPerCase} | ${t.handwrittenCpuMsPerCase} | ${t.oneApprovalCasesPerSec ?? '—'} | ${three(t.engineServerCpuMsPerCase, t.handwrittenServerCpuMsPerCase, t.oneApprovalServerCpuMsPerCase)} | ${three(t.enginePgCpuMsPerCase, t.oneApprovalPgCpuMsPerCase)} |`);
    }
    const a = r.b1.historyAnatomy;
    const anatomy = (x: { events: number; workflowTasks: number; activities: number; markers: number }) => `${x.workflowTasks} workflow tasks, ${x.activities} activity tasks, ${x.markers} markers`;
    lines.push('', `History events per case: engine ${r.b1.historyEventsPerCase.engine}, hand-written ${r.b1.historyEventsPerCase.handwritten} (ratio ${r.b1.historyEventsPerCase.ratio}).`,
      ...(a ? [`One case's history: engine ${anatomy(a.engine)}; hand-written ${anatomy(a.handwritten)}.`] : []), 'error' in r.b1.replay ? `Replay of the ${r.b1.replay.histories} recorded histories failed: ${r.b1.replay.error}.` : `Replay: ${r.b1.replay.msPerHistory} ms per history over ${r.b1.replay.histories} recorded histories.`, '', '| model elements | ms per case | events | model JSON bytes |', '|---|---|---|---|');
    for (const s of r.b1.modelSize) lines.push(`| ${s.elements} | ${Number.isFinite(s.ms) ? s.ms : 'given up (no end within 2 min)'} | ${Number.isFinite(s.events) ? s.events : '—'} | ${s.modelBytes} |`);
  }

  lines.push('', '## B2 — approve to next task visible in the inbox (ms)', '');
  if (bad(r.b2)) lines.push(bad(r.b2)!);
  else {
    lines.push('| approvals/s | p50 | p95 | p99 | no-op Update floor p50 / p99 |', '|---|---|---|---|---|');
    for (const x of r.b2) lines.push(`| ${x.approvalsPerSec} | ${x.latencyMs.p50} | ${x.latencyMs.p95} | ${x.latencyMs.p99} | ${f(x.noopUpdateFloorMs)} |`);
  }

  lines.push('', '## B3 — inbox at scale (API in process, concurrency 10; ms, p50 / p99)', '');
  if (bad(r.b3)) lines.push(bad(r.b3)!);
  else {
    lines.push('| tasks | group page 1 | group page 1, one at a time | next page | counts | customer filter | free text, many matches | free text, one case | free text, every case | group page by priority | OFFSET page 20 (SQL) |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const s of r.b3.sizes) lines.push(`| ${s.tasks} | ${f(s.groupFirstPage)} | ${f(s.groupFirstPageSerial)} | ${f(s.groupNextPage)} | ${f(s.counts)} | ${f(s.filterCustomer)} | ${f(s.freeText)} | ${f(s.freeTextFew)} | ${f(s.freeTextDense)} | ${f(s.groupByPriority)} | ${f(s.offsetPage20Sql)} |`);
    lines.push('', `p99(largest) / p99(smallest) for the group queue: ${r.b3.p99Ratio ?? '—'}. Query plans: \`*-b3-explain-<size>.txt\` beside this file.`);
    if (r.b3.sampling) lines.push(`Each figure: at least ${r.b3.sampling.minRequests} requests and ${r.b3.sampling.seconds} s (after ${r.b3.sampling.warmUp ?? '—'} uncounted), as B6 samples Flowable.`);
    const settled = (r.b3.sizes as Array<{ tasks: number; settled?: { quiet: boolean; waitedMs: number; coresBusy: number } }>).flatMap((s) => !s.settled ? [] : `${s.tasks}: ${s.settled.quiet ? `quiet after ${s.settled.waitedMs} ms` : `still ${s.settled.coresBusy} cores busy after ${s.settled.waitedMs} ms, measured anyway`}`);
    if (settled.length) lines.push(`Before each size the machine was left to settle (all processes < 0.15 cores): ${settled.join('; ')}.`);
  }

  lines.push('', `## B4 — API floor and the inbox over HTTP (autocannon in its own process, ${r.b4?.connections ?? '—'} connections, ${r.b4?.seconds ?? '—'} s each${r.b4?.tasks ? `, ${r.b4.tasks.toLocaleString('en-US')} tasks` : ''})`, '');
  if (bad(r.b4)) lines.push(bad(r.b4)!);
  else {
    lines.push(`| route | req/s | p50 ms | p99 ms | CPU ms/request (API / ${r.b4.inbox.cpuMsPerRequest.postgres !== undefined ? 'PostgreSQL' : 'PGlite'}) | vs bare |`, '|---|---|---|---|---|---|');
    const routes = [['bare Fastify route', r.b4.bare], ['bare `SELECT 1` route', r.b4.bareSql], ['GET /api/tasks?view=group (inbox)', r.b4.inbox], ['GET /api/tasks/counts', r.b4.counts],
      ['customer filter', r.b4.filterCustomer], ['free text, many matches', r.b4.freeText], ['free text, one case', r.b4.freeTextFew],
      ['free text, every case', r.b4.freeTextDense], ['group page by customer priority', r.b4.groupByPriority]] as const;
    for (const [name, x] of routes) {
      if (!x) continue;
      const db = x.cpuMsPerRequest.postgres ?? x.cpuMsPerRequest.pglite ?? '—';
      lines.push(`| ${name} | ${x.reqPerSec} | ${x.latencyMs.p50} | ${x.latencyMs.p99}${x.non2xx ? ` (${x.non2xx} non-2xx)` : ''} | ${x.cpuMsPerRequest.api} / ${db} | ${Math.round((x.reqPerSec / r.b4.bare.reqPerSec) * 1000) / 1000} |`);
    }
    lines.push('', `API process RSS: ${r.b4.apiRssMiB.idle} MiB idle, ${r.b4.apiRssMiB.underInboxLoad} MiB peak under the inbox load.`);
  }

  lines.push('', '## Memory — worker RSS with waiting cases', '');
  if (bad(r.memory)) lines.push(bad(r.memory)!);
  else {
    lines.push('| waiting cases | worker RSS MiB | cases started and waiting per second |', '|---|---|---|', `| 0 | ${r.memory.idleWorkerRssMiB} | — |`);
    for (const p of r.memory.points) lines.push(`| ${p.waitingCases} | ${p.workerRssMiB} | ${p.startsPerSec} |`);
    lines.push('', `≈ ${r.memory.kibPerWaitingCase} KiB per waiting case; the worker caches up to ${r.memory.workerMaxCachedWorkflows} workflows (SDK default for this heap).`);
  }

  lines.push('', '## B5 — console in headless Chromium', '');
  if (bad(r.b5)) lines.push(bad(r.b5)!);
  else {
    lines.push('bpmn-js NavigatedViewer, import + fit + next frame, each run in a fresh page (ms):', '', '| diagram | shapes | XML KiB | median | worst |', '|---|---|---|---|---|');
    for (const d of r.b5.diagrams) lines.push(`| ${d.diagram} | ${d.shapes} | ${d.xmlKiB} | ${d.ms.p50} | ${d.ms.max} |`);
    const i = r.b5.inbox;
    lines.push(
      '',
      ...(i.settled ? [`Before the inbox and sign-in runs the machine was left to settle: ${i.settled.quiet ? `quiet (all processes < 0.15 cores) after ${i.settled.waitedMs} ms` : `still ${i.settled.coresBusy} cores busy after ${i.settled.waitedMs} ms, measured anyway`}.`] : []),
      `Inbox route (production build, real API, ${i.tasksListed} tasks, empty cache, median of ${i.rowsShownMs.n}): first contentful paint ${i.firstContentfulPaintMs.p50} ms, ${i.tasksListed} rows shown ${i.rowsShownMs.p50} ms, interactive ${i.timeToInteractiveMs.p50} ms (no long task for 500 ms after the rows show).`,
      `JavaScript the browser asked for before the rows showed (Chromium's network log, empty cache): ${i.routeJs.gzipKB} kB as received, gzip (${i.routeJs.rawKB} kB raw, ${i.routeJs.chunks} chunks: ${i.routeJs.files.join(', ')})${i.routeJs.notGzipped?.length ? `; sent uncompressed: ${i.routeJs.notGzipped.join(', ')}` : ''}; asked for afterwards (prefetches): ${i.prefetchedJs.gzipKB} kB (${i.prefetchedJs.files.join(', ') || 'none'}).`,
    );
    if (r.b5.login) {
      const c = r.b5.login.coresBusy;
      const busy = c ? ` Cores busy on average meanwhile (${String(r.environment.cores)} in all): this process (API and bench) ${c['this process']}, Chromium and the rest ${c.other}, PostgreSQL ${c.PostgreSQL}, Temporal server ${c['Temporal server']}.` : '';
      lines.push(`登录 → ${i.tasksListed} inbox rows (from pressing 登录 on a sign-in page opened with an empty cache; scrypt included), median of ${r.b5.login.n}: ${r.b5.login.p50} ms (worst ${r.b5.login.max} ms).${busy}`);
    }
    if (r.b5.taskPage) {
      const tp = r.b5.taskPage;
      lines.push(`Inbox row → task page with the form's fields and the diagram's shapes shown, median of ${tp.rested.n}: ${tp.rested.p50} ms after the pointer rested 300 ms on the row (worst ${tp.rested.max} ms); ${tp.atOnce.p50} ms clicked at once (worst ${tp.atOnce.max} ms).`);
    }
    if (r.b5.replay) {
      const rp = r.b5.replay;
      lines.push(`重放验证 of a ${rp.first.events}-event case on an API just started: its warm-up (bundle, replay worker, one warm-up history) took ${rp.warmUpMs} ms in the background; then the first verification ${rp.first.ms} ms, the second ${rp.second.ms} ms (verdicts ${rp.first.ok ? 'agree' : 'diverged'} / ${rp.second.ok ? 'agree' : 'diverged'}).`);
    }
  }
  lines.push('', ...peerMarkdown(r as PeerInput), '');
  return lines.join('\n');
}
