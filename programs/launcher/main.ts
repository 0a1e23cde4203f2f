import { createDecisionRepository } from '../../db/decisions';
import { createDecisionService, deployShippedDecisions } from '../../server/services/decision-service';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../server/config';
import { DEMO_PASSWORD } from '../demo/demo-data';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { credentialsFile, embeddedUrl, loadOrCreateCredentials } from '../../db/pglite-credentials';
import { seedDemoData } from '../demo/seed';
import { createProcessRepository } from '../../db/processes';
import { createProcessService } from '../../server/services/process-service';
import { deployShippedProcesses } from '../../server/services/shipped-processes';
import { writeLauncherStatus } from '../../server/launcher-status';
import { startDevServer } from '../temporal-cli/dev-server';
import { resolveTemporalCli, TemporalCliNotFoundError } from '../temporal-cli/resolve-temporal-cli';
import { createTemporalAccess } from '../../server/temporal/client';
import { startDemoCases } from '../demo/demo-cases';
import { nodeEntryPoint, supervise, type SupervisedChild } from './child';
import { endOrphans, pidFile, processIdentity, writePidRecord } from './orphans';
import { isPortFree } from './ports';
import { buildConsole, consoleBuildReason } from './console-build';

// `npm start`: the whole product on embedded defaults — Temporal dev server, PostgreSQL
// (PGlite over the wire protocol unless DATABASE_URL is set), the worker and the API.

const say = (line: string) => process.stdout.write(`[shouwen] ${line}\n`);
const prefixed = (name: string) => (line: string) => process.stdout.write(`[${name}] ${line}\n`);

let config;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(2);
}

/** Started first (Temporal, PostgreSQL) and stopped last. */
const infrastructure: SupervisedChild[] = [];
/** The worker and the API. */
const services: SupervisedChild[] = [];
let shuttingDown = false;
let ownsPidFile = false;
const dataDir = config.SHOUWEN_DATA_DIR;
const pids = pidFile(dataDir);
const statusFile = join(dataDir, 'launcher-status.json');

// Serialised: two state changes in a row must not interleave their writes.
let recording: Promise<void> = Promise.resolve();
function record(): Promise<void> {
  recording = recording.then(async () => {
    if (shuttingDown) return;
    const all = [...infrastructure, ...services];
    const launcher = processIdentity(process.pid);
    const children = all.flatMap((c) => {
      const pid = c.process()?.pid;
      const identity = pid === undefined ? undefined : processIdentity(pid);
      return identity ? [{ name: c.name, ...identity }] : [];
    });
    if (launcher) await writePidRecord(pids, { launcher, children });
    await writeLauncherStatus(statusFile, { updatedAt: Date.now(), children: Object.fromEntries(all.map((c) => [c.name, c.status()])) });
  }).catch((err: unknown) => {
    say(`could not record the children's pids: ${String(err)}`);
  });
  return recording;
}

async function shutdown(reason: string, exitCode = 0): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  say(`${reason}: stopping …`);
  await recording;
  shuttingDown = true;
  await Promise.all(services.map((c) => c.stop()));
  await Promise.all(infrastructure.map((c) => c.stop()));
  if (ownsPidFile) await Promise.all([rm(pids, { force: true }), rm(statusFile, { force: true })]);
  say('stopped.');
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

async function fail(message: string): Promise<never> {
  process.stderr.write(`\n[shouwen] ${message}\n\n`);
  return shutdown('start-up failed', 1);
}

async function main(): Promise<void> {
  const c = config!;
  say(`data folder ${dataDir}`);
  await mkdir(dataDir, { recursive: true });

  const orphans = await endOrphans(pids, { log: say });
  if (orphans.kind === 'running') {
    return fail(
      `另一个首问正在使用数据目录 ${dataDir}（启动进程 pid ${orphans.launcherPid}）。请先停止它。\n` +
        `Another Shouwen is running on the data folder ${dataDir} (launcher pid ${orphans.launcherPid}). Stop it first (Ctrl-C in its terminal, or kill ${orphans.launcherPid}).`,
    );
  }
  if (orphans.kind === 'ended' && orphans.ended.length) {
    say(`ended ${orphans.ended.map((o) => `${o.name} (pid ${o.pid}${o.killed ? ', SIGKILL' : ''})`).join(', ')}, left running by a launcher that was killed`);
  }
  ownsPidFile = true;
  await record();

  const wanted: Array<[number, string, string]> = [[c.PORT, 'the console/API', 'PORT']];
  if (!c.TEMPORAL_ADDRESS) wanted.push([c.TEMPORAL_PORT, 'the Temporal dev server', 'TEMPORAL_PORT'], [c.TEMPORAL_UI_PORT, 'the Temporal UI', 'TEMPORAL_UI_PORT']);
  if (!c.DATABASE_URL) wanted.push([c.SHOUWEN_PGLITE_PORT, 'embedded PostgreSQL', 'SHOUWEN_PGLITE_PORT']);
  // Orphans just ended may hold their ports a moment longer than their pids live (seen on a loaded
  // machine: "already in use" right after "ended … api"): give them a bounded while to let go.
  const settleUntil = orphans.kind === 'ended' && orphans.ended.length ? Date.now() + 15_000 : 0;
  const portFree = async (port: number) => {
    for (;;) {
      if (await isPortFree(port)) return true;
      if (Date.now() >= settleUntil) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  for (const [port, what, variable] of wanted) {
    if (!(await portFree(port))) {
      await fail(`Port ${port} (${what}) is already in use — is another Shouwen running? Stop it, or set ${variable}=<another port>.`);
    }
  }

  let temporalAddress = c.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    let cli;
    try {
      cli = await resolveTemporalCli({ log: prefixed('temporal-cli') });
    } catch (err) {
      return fail(err instanceof TemporalCliNotFoundError ? err.message : `Could not get the Temporal CLI: ${String(err)}`);
    }
    say('starting the Temporal dev server …');
    // Restarted on the same port and SQLite file if it dies: the cases are in that file.
    const temporal = supervise({
      name: 'temporal',
      start: async (print) =>
        (
          await startDevServer({
            cliPath: cli.path,
            dbFile: join(dataDir, 'temporal', 'temporal.db'),
            port: c.TEMPORAL_PORT,
            uiPort: c.TEMPORAL_UI_PORT,
            namespace: c.TEMPORAL_NAMESPACE,
            onOutput: print,
          })
        ).process,
      print: prefixed('temporal'),
      onChange: () => void record(),
    });
    infrastructure.push(temporal);
    await temporal.ready;
    temporalAddress = `127.0.0.1:${c.TEMPORAL_PORT}`;
  }

  let databaseUrl = c.DATABASE_URL;
  if (!databaseUrl) {
    say('starting embedded PostgreSQL (PGlite) …');
    databaseUrl = embeddedUrl(await loadOrCreateCredentials(credentialsFile(dataDir)), c.SHOUWEN_PGLITE_PORT);
    const postgres = supervise({
      name: 'postgres',
      start: nodeEntryPoint(['programs/pglite/main.ts'], { ...process.env, SHOUWEN_DATA_DIR: dataDir, SHOUWEN_PGLITE_PORT: String(c.SHOUWEN_PGLITE_PORT) }, /embedded PostgreSQL ready/),
      print: prefixed('postgres'),
      onChange: () => void record(),
    });
    infrastructure.push(postgres);
    await postgres.ready;
  }

  const db = createPool(databaseUrl, 2);
  const applied = await migrate(db);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
  const seeded = c.SHOUWEN_SEED === 'demo' ? await seedDemoData(db) : { seeded: false };
  if (seeded.seeded) say('seeded the demo organisation, users, customers and products');
  const decisions = createDecisionRepository(db);
  for (const d of await deployShippedDecisions(createDecisionService(decisions))) {
    if (d.created) say(`deployed decisions ${d.key} v${d.version} (${d.file})`);
  }
  for (const d of await deployShippedProcesses(createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()))) {
    if (d.created) say(`deployed ${d.key} v${d.version} (${d.file})`);
  }
  await db.end();

  // Only the build that web/vite.config.ts makes is checked against its sources; a console built
  // elsewhere and pointed to by SHOUWEN_WEB_DIST is served as it is.
  const ownBuild = resolve(c.SHOUWEN_WEB_DIST) === resolve('web/dist');
  const buildReason = ownBuild ? consoleBuildReason(process.cwd(), c.SHOUWEN_WEB_DIST) : existsSync(join(c.SHOUWEN_WEB_DIST, 'index.html')) ? null : 'missing';
  if (buildReason) {
    say(buildReason === 'missing' ? 'building the console (first start only) …' : 'the console\'s sources changed since its build: building it again …');
    if (ownBuild) await buildConsole(process.cwd());
    else await (await import('vite')).build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
    say('console built');
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TZ: 'UTC' };
  const apiEnv = { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SHOUWEN_LAUNCHER_STATUS: statusFile };
  for (const [name, entry, childEnv] of [
    ['worker', 'programs/worker/main.ts', env],
    ['api', 'programs/api/main.ts', apiEnv],
  ] as const) {
    services.push(supervise({ name, start: nodeEntryPoint([entry], childEnv), print: prefixed(name), onChange: () => void record() }));
  }

  const healthUrl = `http://127.0.0.1:${c.PORT}/api/health`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(healthUrl);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (i === 240) return fail(`The API did not become healthy at ${healthUrl} within two minutes.`);
    await new Promise((r) => setTimeout(r, 500));
  }

  if (seeded.seeded) {
    const db2 = createPool(databaseUrl, 2);
    const temporal = createTemporalAccess({ address: temporalAddress, namespace: c.TEMPORAL_NAMESPACE, taskQueue: c.TEMPORAL_TASK_QUEUE, jobTaskQueue: c.JOB_TASK_QUEUE, jobWorkerWaitSeconds: c.JOB_WORKER_WAIT_SECONDS });
    try {
      say(`started ${(await startDemoCases(db2, temporal, say)).length} demo cases of each process at different steps, so every role finds work waiting`);
    } catch (err) {
      say(`could not start the demo cases: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await temporal.close();
      await db2.end();
    }
  }

  const lines = [
    '',
    '  Shouwen 首问 is running',
    `    console       http://localhost:${c.PORT}`,
    `    API docs      http://localhost:${c.PORT}/api/docs`,
    c.TEMPORAL_ADDRESS ? `    Temporal      ${temporalAddress}` : `    Temporal UI   http://localhost:${c.TEMPORAL_UI_PORT}`,
    '',
    `  Demo logins (password for all: ${DEMO_PASSWORD}); usernames are <unit>.<role>:`,
    '    zj.cs_agent        浙江省服务中心 客服人员',
    '    zj.cs_manager      浙江省服务中心 客服经理',
    '    east.cs_manager    华东大区 客服经理',
    '    hq.general_manager 总部 总经理',
    '    hq.auditor         总部 审计',
    '    hq.process_owner   总部 流程管理员',
    '    admin              系统管理员',
    '    units: hq, east, south, zj, js, gd, fj; roles: cs_agent, cs_manager, general_manager,',
    '           engineering, sales, department, auditor, process_owner',
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err) => void fail(`Start-up failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
