import { mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TemporalConnection } from '../../server/temporal/connection';
import { ensureSearchAttributes } from '../../server/temporal/search-attributes';
import { REPO_ROOT } from '../cli/spawn-cli';
import { isPortFree } from '../launcher/ports';
import { startDevServer, type DevServer } from '../temporal-cli/dev-server';
import { resolveTemporalCli } from '../temporal-cli/resolve-temporal-cli';
import { resolveTemporalServer, TemporalServerNotFoundError } from '../temporal-server/resolve-temporal-server';
import { runLeg, type LegResult } from './leg';
import { startCluster, type Cluster } from './postgres';
import { figuresReport, legPassed } from './report';
import { prepareShouwenDatabase } from './shouwen-database';
import { lowFreePort, SERVER_VERSION, setupSchema, startTemporalCluster, type TemporalCluster } from './temporal-cluster';

// `npm run rehearse:scale [-- --cases N --build --port-base P --no-dev-server]`: the production
// topology on one machine, for real — PostgreSQL, the Temporal server as four processes on it, two
// Shouwen workers and two APIs on one database — a load with faults injected while it runs and
// `shouwen doctor` for the verdict; then the same load on the dev server topology (`npm start`'s:
// `temporal server start-dev`, one worker, one API) for the figures beside it.

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
    /** Build the Temporal server with Go when it is not cached (minutes; progress shown). */
    build: { type: 'boolean', default: false },
    /** Every port the rehearsal listens on taken upwards from here (default: free ports below 32768). */
    'port-base': { type: 'string' },
    'no-dev-server': { type: 'boolean', default: false },
  },
});
const N = Number(values.cases);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(N) || N < 10) {
  process.stderr.write('--cases must be a whole number ≥ 10 (the faults are spread over the load).\n');
  process.exit(2);
}
const log = (m: string) => process.stdout.write(`[rehearse] ${m}\n`);
const startLoad = loadavg().map((l) => l.toFixed(1)).join(' / ');

const taken = new Set<number>();
let nextPort = values['port-base'] ? Number(values['port-base']) : undefined;
/** Ports below 32768: Temporal's membership table keeps them as smallint. */
const pickPort = async (): Promise<number> => {
  if (nextPort === undefined) return lowFreePort(taken);
  for (;;) {
    const port = nextPort++;
    if (port > 32_767) throw new Error('--port-base leaves no port below 32768');
    if (!taken.has(port) && (await isPortFree(port))) {
      taken.add(port);
      return port;
    }
  }
};

const runDir = await mkdtemp(join(tmpdir(), 'shouwen-rehearse-'));
// As root, PostgreSQL runs as `postgres`, which must reach its data folder inside this one.
await chmod(runDir, 0o755);
const cleanups: Array<() => Promise<unknown>> = [];
let exitCode = 1;
try {
  const { binaries: bin } = await resolveTemporalServer({ build: values.build }).catch((err: Error) => {
    process.stderr.write(`${err instanceof TemporalServerNotFoundError ? err.message : String(err)}\n`);
    process.exit(2);
  });
  // ---- PostgreSQL ----
  let cluster: Cluster | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    cluster = await startCluster(join(runDir, 'pg'), await pickPort());
    cleanups.push(() => cluster!.stop());
    adminUrl = cluster.adminUrl;
    log(`PostgreSQL cluster on 127.0.0.1:${cluster.port} (${runDir}/pg)`);
  } else {
    log('DATABASE_URL is set: that PostgreSQL is used and not restarted (the PostgreSQL fault is left out)');
  }
  const admin = new URL(adminUrl);
  const dbParams = { host: admin.hostname, port: Number(admin.port || 5432), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) };
  await setupSchema(bin, dbParams);
  log('temporal and temporal_visibility created by the sql tool (create-database, setup-schema, update-schema)');

  // ---- leg 1: the cluster ----
  const shouwen = await prepareShouwenDatabase(adminUrl, `shouwen_rehearsal_${process.pid}`);
  cleanups.push(() => shouwen.db.end());
  const temporal: TemporalCluster = await startTemporalCluster(bin, join(runDir, 'temporal'), dbParams, pickPort);
  let temporalStopped = false;
  cleanups.push(() => (temporalStopped ? Promise.resolve() : temporal.stop()));
  log(`Temporal ${SERVER_VERSION}: frontend ${temporal.address}, history, matching and worker each a process; ${cpus().length} CPUs, load ${startLoad}`);
  await withConnection(temporal.address, (c) => ensureSearchAttributes(c, 'default'));
  const clusterLeg = await runLeg({
    label: 'cluster',
    runDir,
    databaseUrl: shouwen.databaseUrl,
    db: shouwen.db,
    temporalAddress: temporal.address,
    workers: 2,
    apiPorts: [await pickPort(), await pickPort()],
    temporalFaults: [
      { at: 0.45, name: 'kill -9 Temporal history', act: () => temporal.crashAndRestart('history') },
      { at: 0.6, name: 'kill -9 Temporal matching', act: () => temporal.crashAndRestart('matching') },
    ],
    restartPostgres: cluster ? () => cluster.restart() : undefined,
    cases: N,
    concurrency,
    runId: String(process.pid),
    log: (m) => log(`[cluster] ${m}`),
  });
  process.stdout.write(clusterLeg.doctorOut);
  log(`[cluster] ${legPassed(clusterLeg) ? 'passed' : 'FAILED'}; stopping the Temporal cluster`);
  await temporal.stop();
  temporalStopped = true;

  // ---- leg 2: the dev server, as `npm start` runs it ----
  let devLeg: LegResult | undefined;
  if (!values['no-dev-server']) {
    const cli = await resolveTemporalCli();
    const devDb = await prepareShouwenDatabase(adminUrl, `shouwen_rehearsal_dev_${process.pid}`);
    cleanups.push(() => devDb.db.end());
    const devOptions = { cliPath: cli.path, port: await pickPort(), dbFile: join(runDir, 'dev-server', 'temporal.db') };
    let dev: DevServer = await startDevServer(devOptions);
    cleanups.push(() => dev.stop());
    log(`[dev server] temporal server start-dev on ${dev.address} (${cli.path})`);
    devLeg = await runLeg({
      label: 'dev',
      runDir,
      databaseUrl: devDb.databaseUrl,
      db: devDb.db,
      temporalAddress: dev.address,
      workers: 1,
      apiPorts: [await pickPort()],
      temporalFaults: [
        {
          at: 0.5,
          name: 'kill -9 temporal server start-dev',
          act: async () => {
            dev.process.kill('SIGKILL');
            await dev.exited;
            dev = await startDevServer({ ...devOptions, readyTimeoutMs: 120_000 });
          },
        },
      ],
      restartPostgres: cluster ? () => cluster.restart() : undefined,
      cases: N,
      concurrency,
      runId: `${process.pid}d`,
      log: (m) => log(`[dev server] ${m}`),
    });
    process.stdout.write(devLeg.doctorOut);
    log(`[dev server] ${legPassed(devLeg) ? 'passed' : 'FAILED'}`);
  }

  const report = figuresReport({ at: new Date(), serverVersion: SERVER_VERSION, cpus: cpus().length, load: startLoad, cases: N, concurrency, cluster: clusterLeg, dev: devLeg });
  const outDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `rehearse-scale-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, report);
  process.stdout.write(`\n${report}\n`);
  log(`wrote ${file.slice(REPO_ROOT.length)}`);
  exitCode = legPassed(clusterLeg) && legPassed(devLeg) ? 0 : 1;
  log(exitCode === 0 ? '通过 PASSED' : '未通过 FAILED');
} catch (err) {
  process.stderr.write(`[rehearse] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n(logs in ${runDir})\n`);
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  if (!values.keep && exitCode === 0) await rm(runDir, { recursive: true, force: true }).catch(() => undefined);
  else log(`logs kept in ${runDir}`);
}
process.exit(exitCode);

async function withConnection(address: string, fn: (c: TemporalConnection) => Promise<unknown>): Promise<void> {
  const c = await TemporalConnection.connect({ address });
  try {
    await fn(c);
  } finally {
    await c.close();
  }
}
