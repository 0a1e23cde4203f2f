import { mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from '@temporalio/client';
import { compileBpmn } from '../../bpmn/compile';
import { createDecisionRepository } from '../../db/decisions';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { createProcessRepository } from '../../db/processes';
import { createDecisionService, deployShippedDecisions } from '../../server/services/decision-service';
import { createProcessService } from '../../server/services/process-service';
import { deployShippedProcesses } from '../../server/services/shipped-processes';
import { ensureSearchAttributes } from '../../server/temporal/search-attributes';
import { DEMO_PASSWORD } from '../demo/demo-data';
import { seedDemoData } from '../demo/seed';
import { REPO_ROOT, SHIM } from '../cli/spawn-cli';
import { freePort } from '../launcher/ports';
import { createLoad, type LoadFigures } from './load';
import { createDatabase, startCluster, type Cluster } from './postgres';
import { run, startChild, waitUntil, type Child } from './processes';
import { findServerBinaries, SERVER_VERSION, setupSchema, startTemporalCluster, type TemporalCluster } from './temporal-cluster';

// `npm run rehearse:scale [-- --cases N]`: the production topology on one machine, for real —
// PostgreSQL, the Temporal server as four processes on it, two Shouwen workers and two APIs on
// one database — a load with faults injected while it runs, and `shouwen doctor` for the verdict.

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '8' }, keep: { type: 'boolean', default: false } } });
const N = Number(values.cases);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(N) || N < 10) {
  process.stderr.write('--cases must be a whole number ≥ 10 (the faults are spread over the load).\n');
  process.exit(2);
}
const log = (m: string) => process.stdout.write(`[rehearse] ${m}\n`);

const TWO_STEPS = 'rehearsal-two-steps';
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"';
const step = (id: string, name: string) =>
  `<bpmn:userTask id="${id}" name="${name}" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>`;
// demo-approval has one step; approve → next task needs two (as bench B2 measures it).
const TWO_STEPS_XML = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="rehearsal"><bpmn:process id="${TWO_STEPS}" name="演练两级审批" isExecutable="true">
<bpmn:startEvent id="s"/>${step('first', '初审')}${step('second', '复审')}<bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first"/><bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/><bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

const runDir = await mkdtemp(join(tmpdir(), 'shouwen-rehearse-'));
// As root, PostgreSQL runs as `postgres`, which must reach its data folder inside this one.
await chmod(runDir, 0o755);
const cleanups: Array<() => Promise<unknown>> = [];
let exitCode = 1;
try {
  const bin = await findServerBinaries().catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  });
  // ---- PostgreSQL ----
  let cluster: Cluster | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    cluster = await startCluster(join(runDir, 'pg'), await freePort());
    cleanups.push(() => cluster!.stop());
    adminUrl = cluster.adminUrl;
    log(`PostgreSQL cluster on 127.0.0.1:${cluster.port} (${runDir}/pg)`);
  }
  const admin = new URL(adminUrl);
  const dbParams = { host: admin.hostname, port: Number(admin.port || 5432), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) };
  await setupSchema(bin, dbParams);
  log('temporal and temporal_visibility created by the sql tool (setup-schema, update-schema)');
  const databaseUrl = await createDatabase(adminUrl, `shouwen_rehearsal_${process.pid}`);
  const db = createPool(databaseUrl, 8);
  cleanups.push(() => db.end());
  await migrate(db);
  await seedDemoData(db, { cheapDemoPasswords: true });
  const decisions = createDecisionRepository(db);
  await deployShippedDecisions(createDecisionService(decisions));
  await deployShippedProcesses(createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()));
  const compiled = await compileBpmn(TWO_STEPS_XML);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  await createProcessRepository(db).deploy({ key: TWO_STEPS, name: '演练两级审批', hash: compiled.model.hash, xml: TWO_STEPS_XML, model: compiled.model, forms: {}, deployedBy: null });

  // ---- Temporal ----
  const temporal: TemporalCluster = await startTemporalCluster(bin, join(runDir, 'temporal'), dbParams);
  cleanups.push(() => temporal.stop());
  log(`Temporal ${SERVER_VERSION}: frontend ${temporal.address}, history, matching and worker each a process`);
  const operator = await Connection.connect({ address: temporal.address });
  await ensureSearchAttributes(operator, 'default');
  await operator.close();

  // ---- Shouwen: two workers, two APIs on one database ----
  const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '5', SHOUWEN_WEB_DIST: join(runDir, 'no-console') };
  const tsx = ['--import', 'tsx'];
  const children: Record<string, Child> = {};
  const startWorker = (n: number) => startChild(`worker${n}`, process.execPath, [...tsx, 'programs/worker/main.ts'], { cwd: REPO_ROOT, env, log: join(runDir, `worker${n}.log`) });
  const apiPorts = [await freePort(), await freePort()];
  const startApi = (n: number) => startChild(`api${n}`, process.execPath, [...tsx, 'programs/api/main.ts'], { cwd: REPO_ROOT, env: { ...env, PORT: String(apiPorts[n - 1]), HOST: '127.0.0.1' }, log: join(runDir, `api${n}.log`) });
  children.worker1 = startWorker(1);
  children.worker2 = startWorker(2);
  children.api1 = startApi(1);
  children.api2 = startApi(2);
  cleanups.push(async () => Promise.all(Object.values(children).map((c) => c.stop())));
  const apis = apiPorts.map((p) => `http://127.0.0.1:${p}`);
  const apiUp = (url: string) => waitUntil(url, async () => (await fetch(`${url}/api/health`)).status < 600, 120_000);
  await Promise.all(apis.map(apiUp));
  const login = async (username: string) => {
    const res = await fetch(`${apis[0]}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
    if (!cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return cookie.split(';')[0]!;
  };
  const [agentCookie, managerCookie] = [await login('zj.cs_agent'), await login('zj.cs_manager')];
  log(`two workers and two APIs (${apis.join(', ')}) on one database; ${cpus().length} CPUs`);

  // ---- the load, with faults at fixed points of it ----
  const faults: Array<{ at: number; name: string; act: () => Promise<void> }> = [
    { at: 0.15, name: 'kill -9 worker1', act: async () => { await children.worker1!.crash(); await sleep(2_000); children.worker1 = children.worker1!.restart(); } },
    { at: 0.3, name: 'kill -9 api1', act: async () => { await children.api1!.crash(); await sleep(2_000); children.api1 = children.api1!.restart(); await apiUp(apis[0]!); } },
    { at: 0.45, name: 'kill -9 Temporal history', act: () => temporal.crashAndRestart('history') },
    { at: 0.6, name: 'kill -9 Temporal matching', act: () => temporal.crashAndRestart('matching') },
    ...(cluster ? [{ at: 0.75, name: 'PostgreSQL restarted (pg_ctl -m fast)', act: () => cluster!.restart() }] : []),
  ];
  const faultLog: string[] = [];
  let faultChain = Promise.resolve();
  const load = createLoad({
    apis,
    db,
    agentCookie,
    managerCookie,
    runId: String(process.pid),
    onProgress: (done) => {
      for (const f of faults.filter((f) => !faultLog.some((l) => l.includes(f.name)) && done >= Math.ceil(f.at * N))) {
        faultLog.push(`${f.name} after ${done} cases`);
        log(`fault: ${f.name} (after ${done} of ${N} cases)`);
        // One fault at a time, each brought back before the next.
        faultChain = faultChain.then(async () => {
          const t = performance.now();
          await f.act();
          log(`  back: ${f.name} (${Math.round(performance.now() - t)} ms)`);
        });
      }
    },
  });
  const figures = await load.run(N, [{ processKey: 'demo-approval', steps: ['Approve'] }, { processKey: TWO_STEPS, steps: ['first', 'second'] }], concurrency);
  await faultChain;

  // ---- the verdict ----
  // The last approvals have answered; their cases' end is projected a moment later.
  await waitUntil('every case ended', async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM process_case WHERE business_key LIKE $1 AND status <> 'running'`, [`R${process.pid}-%`]);
    return Number(rows[0]!.n) === N;
  }, 120_000).catch(() => log('not every case ended within 120 s'));
  const { rows: [count] } = await db.query<{ cases: string; ended: string; completed: string; open: string; events: string }>(
    `SELECT (SELECT count(*) FROM process_case WHERE business_key LIKE $1) AS cases,
            (SELECT count(*) FROM process_case WHERE business_key LIKE $1 AND status = 'completed') AS ended,
            (SELECT count(*) FROM task t JOIN process_case c ON c.id = t.case_id WHERE c.business_key LIKE $1 AND t.status = 'completed') AS completed,
            (SELECT count(*) FROM task t JOIN process_case c ON c.id = t.case_id WHERE c.business_key LIKE $1 AND t.status <> 'completed') AS open,
            (SELECT count(*) FROM case_event e JOIN process_case c ON c.id = e.case_id WHERE c.business_key LIKE $1 AND e.kind = 'task.completed') AS events`,
    [`R${process.pid}-%`],
  );
  const expectedTasks = Math.ceil(N / 2) + 2 * Math.floor(N / 2);
  const exactlyOnce = Number(count!.cases) === N && Number(count!.ended) === N && Number(count!.completed) === expectedTasks && Number(count!.open) === 0 && Number(count!.events) === expectedTasks;
  const doctor = await run(process.execPath, [SHIM, 'doctor'], { cwd: REPO_ROOT, env: { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default' } }).then(
    (out) => ({ ok: true, out }),
    (err: Error) => ({ ok: false, out: err.message }),
  );
  process.stdout.write(doctor.out);
  const report = figuresReport(figures, { count: count!, expectedTasks, exactlyOnce, doctorOk: doctor.ok, faultLog });
  const outDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `rehearse-scale-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, report);
  process.stdout.write(`\n${report}\n`);
  log(`wrote ${file.slice(REPO_ROOT.length)}`);
  exitCode = exactlyOnce && doctor.ok ? 0 : 1;
  log(exitCode === 0 ? '通过 PASSED' : '未通过 FAILED');
} catch (err) {
  process.stderr.write(`[rehearse] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n(logs in ${runDir})\n`);
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  if (!values.keep && exitCode === 0) await rm(runDir, { recursive: true, force: true }).catch(() => undefined);
  else log(`logs kept in ${runDir}`);
}
process.exit(exitCode);

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

function figuresReport(f: LoadFigures, v: { count: Record<string, string>; expectedTasks: number; exactlyOnce: boolean; doctorOk: boolean; faultLog: string[] }): string {
  const ms = (x: number) => `${Math.round(x)} ms`;
  return `# Rehearsal at scale — ${new Date().toISOString()}

Topology: PostgreSQL (one cluster), Temporal ${SERVER_VERSION} as separate frontend / history / matching / worker
processes on it, two Shouwen workers and two APIs on one database; ${cpus().length} CPUs shared by all of them.
Load: ${f.cases} cases (demo-approval and a two-step approval by turns), ${concurrency} at a time, started and approved through both APIs by turns.

| figure | value |
|---|---|
| cases per second (start → completed, faults included) | ${(f.cases / f.seconds).toFixed(2)} |
| approve → next task row, p50 / p99 (${f.approveToNextMs.length} approvals) | ${ms(percentile(f.approveToNextMs, 50))} / ${ms(percentile(f.approveToNextMs, 99))} |
| start → first task row, p50 / p99 | ${ms(percentile(f.startToTaskMs, 50))} / ${ms(percentile(f.startToTaskMs, 99))} |
| requests sent again (refused, reset, 5xx) | ${f.retries} |
| load duration | ${f.seconds.toFixed(1)} s |

Faults: ${v.faultLog.length ? v.faultLog.join('; ') : 'none'}.

Verdict: cases ${v.count.cases}, completed ${v.count.ended}; tasks completed ${v.count.completed} (expected ${v.expectedTasks}), task.completed trail entries ${v.count.events}, tasks not completed ${v.count.open} → ${v.exactlyOnce ? 'every case finished, every task completed exactly once' : 'NOT exactly once'}; \`shouwen doctor\`: ${v.doctorOk ? '0 differences' : 'differences (see its output)'}.
`;
}
