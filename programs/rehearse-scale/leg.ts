import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { TemporalConnection } from '../../server/temporal/connection';
import type { Db } from '../../db/pool';
import { REPO_ROOT, SHIM } from '../cli/spawn-cli';
import { DEMO_PASSWORD } from '../demo/demo-data';
import { createLoad, type LoadFigures } from './load';
import { run, startChild, waitUntil, type Child } from './processes';
import { TWO_STEPS } from './shouwen-database';
import { shouwenEnv } from './topology';

// One leg of the rehearsal: Shouwen workers and APIs on a database and a Temporal address, the
// load through every API by turns, faults at fixed points of it (one at a time, each brought back
// before the next), then the verdict from the rows, the trail and `shouwen doctor`.

export interface Fault {
  /** Fraction of the cases finished when it is injected. */
  at: number;
  name: string;
  act: () => Promise<void>;
}

export interface LegResult {
  figures: LoadFigures;
  count: { cases: string; ended: string; completed: string; open: string; events: string };
  expectedTasks: number;
  exactlyOnce: boolean;
  doctorOk: boolean;
  doctorOut: string;
  faultLog: string[];
  /** Faults whose component did not come back. */
  faultsNotBack: string[];
  /** Shouwen processes that died without being killed (restarted, as a supervisor would, but a failure). */
  unexpectedExits: string[];
  /** From every case row ended to every workflow closed in Temporal. */
  temporalLagMs: number;
}

export async function runLeg(o: {
  label: string;
  runDir: string;
  databaseUrl: string;
  db: Db;
  temporalAddress: string;
  workers: number;
  apiPorts: number[];
  /** Faults of the Temporal side, placed between the Shouwen ones and the PostgreSQL restart. */
  temporalFaults: Fault[];
  restartPostgres?: () => Promise<void>;
  cases: number;
  concurrency: number;
  runId: string;
  log: (m: string) => void;
}): Promise<LegResult> {
  const { log } = o;
  // No console to serve: the load speaks to the API only.
  const env = { ...shouwenEnv({ databaseUrl: o.databaseUrl, temporalAddress: o.temporalAddress }), SHOUWEN_WEB_DIST: join(o.runDir, 'no-console') };
  const tsx = ['--import', 'tsx'];
  const children: Record<string, Child> = {};
  const unexpectedExits: string[] = [];
  let stopping = false;
  // A Shouwen process must survive every fault of the others (a PostgreSQL restart included): one
  // that dies by itself is named at once and in the verdict, and started again as a supervisor
  // (docker's restart policy, systemd) would, so that the rest of the run still says something.
  const supervised = (name: string, start: () => Child) => (how: string) => {
    if (stopping) return;
    const logFile = join(o.runDir, `${o.label}-${name}.log`);
    unexpectedExits.push(`${name} (${how})`);
    log(`UNEXPECTED: ${name} ended by itself (${how}); restarted; its log: ${logFile}`);
    children[name] = start();
  };
  const startWorker = (n: number): Child =>
    startChild(`worker${n}`, process.execPath, [...tsx, 'programs/worker/main.ts'], {
      cwd: REPO_ROOT,
      env,
      log: join(o.runDir, `${o.label}-worker${n}.log`),
      onUnexpectedExit: supervised(`worker${n}`, () => startWorker(n)),
    });
  const startApi = (n: number): Child =>
    startChild(`api${n}`, process.execPath, [...tsx, 'programs/api/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...env, PORT: String(o.apiPorts[n - 1]), HOST: '127.0.0.1' },
      log: join(o.runDir, `${o.label}-api${n}.log`),
      onUnexpectedExit: supervised(`api${n}`, () => startApi(n)),
    });
  try {
    for (let n = 1; n <= o.workers; n++) children[`worker${n}`] = startWorker(n);
    o.apiPorts.forEach((_, i) => (children[`api${i + 1}`] = startApi(i + 1)));
    const apis = o.apiPorts.map((p) => `http://127.0.0.1:${p}`);
    // Generous: on a saturated machine an API takes minutes to start (tsx, migrations check).
    const apiUp = (url: string) => waitUntil(url, async () => (await fetch(`${url}/api/health`)).status < 600, 300_000);
    await Promise.all(apis.map(apiUp));
    const login = async (username: string) => {
      const res = await fetch(`${apis[0]}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
      if (!cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return cookie.split(';')[0]!;
    };
    const [agentCookie, managerCookie] = [await login('zj.cs_agent'), await login('zj.cs_manager')];
    log(`${o.workers} worker(s) and ${apis.length} API(s) (${apis.join(', ')}) on one database`);

    const faults: Fault[] = [
      { at: 0.15, name: 'kill -9 worker1', act: async () => { await children.worker1!.crash(); await sleep(2_000); children.worker1 = children.worker1!.restart(); } },
      { at: 0.3, name: 'kill -9 api1', act: async () => { await children.api1!.crash(); await sleep(2_000); children.api1 = children.api1!.restart(); await apiUp(apis[0]!); } },
      ...o.temporalFaults,
      ...(o.restartPostgres ? [{ at: 0.75, name: 'PostgreSQL restarted (pg_ctl -m fast)', act: o.restartPostgres }] : []),
    ];
    const faultLog: string[] = [];
    const faultsNotBack: string[] = [];
    let faultChain = Promise.resolve();
    const load = createLoad({
      apis,
      db: o.db,
      agentCookie,
      managerCookie,
      runId: o.runId,
      onProgress: (done) => {
        for (const f of faults.filter((f) => !faultLog.some((l) => l.startsWith(`${f.name} after`)) && done >= Math.ceil(f.at * o.cases))) {
          faultLog.push(`${f.name} after ${done} cases`);
          log(`fault: ${f.name} (after ${done} of ${o.cases} cases)`);
          faultChain = faultChain.then(async () => {
            const t = performance.now();
            try {
              await f.act();
              log(`  back: ${f.name} (${Math.round(performance.now() - t)} ms)`);
            } catch (err) {
              // Not brought back: the verdict fails (and says so), the load goes on.
              faultsNotBack.push(f.name);
              log(`  NOT back: ${f.name}: ${(err as Error).message}`);
            }
          });
        }
      },
    });
    const figures = await load.run(o.cases, [{ processKey: 'demo-approval', steps: ['Approve'] }, { processKey: TWO_STEPS, steps: ['first', 'second'] }], o.concurrency);
    await faultChain;

    // The last approvals have answered; their cases' end is projected a moment later.
    const keys = `R${o.runId}-%`;
    await waitUntil('every case ended', async () => {
      const { rows } = await o.db.query<{ n: string }>(`SELECT count(*) AS n FROM process_case WHERE business_key LIKE $1 AND status <> 'running'`, [keys]);
      return Number(rows[0]!.n) === o.cases;
    }, 120_000).catch(() => log('not every case ended within 120 s'));
    // A case's row says completed when its end is projected, a step before the workflow itself
    // completes; after a fault that last workflow task can wait for a timeout (a sticky queue whose
    // worker was killed, a workflow task lost with the history service). The doctor compares
    // settled states, so Temporal is waited for too — and how long that took is reported.
    const closedAt = performance.now();
    const stillRunning = await waitForTemporalToClose(o.temporalAddress, o.db, keys, 120_000);
    const temporalLagMs = Math.round(performance.now() - closedAt);
    if (stillRunning.length) log(`Temporal still runs ${stillRunning.length} case(s) 120 s after their rows ended: ${stillRunning.slice(0, 5).join(', ')}`);
    else log(`Temporal had closed every case ${temporalLagMs} ms after the rows said so`);
    const { rows: [count] } = await o.db.query<LegResult['count']>(
      `SELECT (SELECT count(*) FROM process_case WHERE business_key LIKE $1) AS cases,
              (SELECT count(*) FROM process_case WHERE business_key LIKE $1 AND status = 'completed') AS ended,
              (SELECT count(*) FROM task t JOIN process_case c ON c.id = t.case_id WHERE c.business_key LIKE $1 AND t.status = 'completed') AS completed,
              (SELECT count(*) FROM task t JOIN process_case c ON c.id = t.case_id WHERE c.business_key LIKE $1 AND t.status <> 'completed') AS open,
              (SELECT count(*) FROM case_event e JOIN process_case c ON c.id = e.case_id WHERE c.business_key LIKE $1 AND e.kind = 'task.completed') AS events`,
      [keys],
    );
    const expectedTasks = Math.ceil(o.cases / 2) + 2 * Math.floor(o.cases / 2);
    const exactlyOnce =
      Number(count!.cases) === o.cases && Number(count!.ended) === o.cases && Number(count!.completed) === expectedTasks && Number(count!.open) === 0 && Number(count!.events) === expectedTasks;
    // Exit 3 = PostgreSQL or Temporal did not answer its first call (a saturated machine): asked
    // again a few times. Exit 1 (differences) is the verdict and is never asked again.
    let doctor = { ok: false, out: '' };
    for (let attempt = 1; attempt <= 5; attempt++) {
      doctor = await run(process.execPath, [SHIM, 'doctor'], { cwd: REPO_ROOT, env: { DATABASE_URL: o.databaseUrl, TEMPORAL_ADDRESS: o.temporalAddress, TEMPORAL_NAMESPACE: 'default' } }).then(
        (out) => ({ ok: true, out }),
        (err: Error) => ({ ok: false, out: err.message }),
      );
      if (doctor.ok || !/ exited 3:/.test(doctor.out)) break;
      log(`shouwen doctor could not reach PostgreSQL or Temporal (attempt ${attempt} of 5); again in 10 s`);
      await sleep(10_000);
    }
    return { figures, count: count!, expectedTasks, exactlyOnce, doctorOk: doctor.ok, doctorOut: doctor.out, faultLog, faultsNotBack, unexpectedExits, temporalLagMs };
  } finally {
    stopping = true;
    await Promise.all(Object.values(children).map((c) => c.stop()));
  }
}

/** The run's cases Temporal still reports running after `timeoutMs` (asked with describe, not visibility, which lags). */
async function waitForTemporalToClose(address: string, db: Db, keys: string, timeoutMs: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM process_case WHERE business_key LIKE $1`, [keys]);
  let running = rows.map((r) => r.id);
  const connection = await TemporalConnection.connect({ address });
  try {
    const client = new Client({ connection });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(
        running.map(async (id) => ({ id, running: await client.workflow.getHandle(id).describe().then((d) => d.status.name === 'RUNNING', () => true) })),
      );
      running = states.filter((s) => s.running).map((s) => s.id);
      if (running.length === 0 || Date.now() > deadline) return running;
      await sleep(500);
    }
  } finally {
    await connection.close();
  }
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
