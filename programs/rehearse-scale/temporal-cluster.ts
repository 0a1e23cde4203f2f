import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemporalConnection } from '../../server/temporal/connection';
import { clusterDynamicConfigYaml } from '../../server/temporal/dynamic-config';
import { isPortFree } from '../launcher/ports';
import type { ServerBinaries } from '../temporal-server/resolve-temporal-server';
import { run, startChild, waitUntil, type Child } from './processes';
import { schemaSteps, TEMPORAL_DATABASES, TEMPORAL_NAMESPACE, TEMPORAL_NUM_HISTORY_SHARDS, TEMPORAL_SERVICES, TEMPORAL_SQL_PLUGIN } from './topology';

// The Temporal server on PostgreSQL as an operator runs it: the schema created by the server's
// own sql tool (not the deprecated auto-setup image), then frontend, history, matching and
// worker each in its own process from one config, finding each other through the database.

export { SERVER_VERSION, type ServerBinaries } from '../temporal-server/resolve-temporal-server';

export interface TemporalCluster {
  address: string;
  services: Record<'frontend' | 'history' | 'matching' | 'worker', Child>;
  /** kill -9 of one service, then the same process started again. */
  crashAndRestart(service: 'frontend' | 'history' | 'matching' | 'worker'): Promise<void>;
  stop(): Promise<void>;
}

/** Creates `temporal` and `temporal_visibility` and brings both to the module's newest schema. */
export async function setupSchema(bin: ServerBinaries, db: { host: string; port: number; user: string; password: string }): Promise<void> {
  const common = ['--plugin', TEMPORAL_SQL_PLUGIN, '--ep', db.host, '-p', String(db.port), '-u', db.user, ...(db.password ? ['--pw', db.password] : [])];
  for (const database of TEMPORAL_DATABASES) {
    for (const step of schemaSteps(database, bin.schemaDir)) await run(bin.sql, [...common, ...step]);
  }
}

function config(db: { host: string; port: number; user: string; password: string }, ports: Record<string, number>, dynamicConfig: string): string {
  const store = ({ store, name, maxConns: conns }: (typeof TEMPORAL_DATABASES)[number]) => `
    ${store}:
      sql:
        pluginName: "${TEMPORAL_SQL_PLUGIN}"
        databaseName: "${name}"
        connectAddr: "${db.host}:${db.port}"
        connectProtocol: "tcp"
        user: "${db.user}"
        password: "${db.password}"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (name: string) => `
  ${name}:
    rpc:
      grpcPort: ${ports[`${name}Grpc`]}
      membershipPort: ${ports[`${name}Membership`]}
      bindOnLocalHost: true${name === 'frontend' ? `\n      httpPort: ${ports.frontendHttp}` : ''}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${TEMPORAL_NUM_HISTORY_SHARDS}
  datastores:${TEMPORAL_DATABASES.map(store).join('')}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0
services:${TEMPORAL_SERVICES.map(service).join('')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontendGrpc}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: "10s"
`;
}

/** The membership table keeps ports as smallint: an OS-chosen port (often above 32767) would not fit. */
export async function lowFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await isPortFree(port))) {
      taken.add(port);
      return port;
    }
  }
}

/** `pickPort` chooses each service's ports (below 32768: see lowFreePort). */
export async function startTemporalCluster(bin: ServerBinaries, dir: string, db: { host: string; port: number; user: string; password: string }, pickPort: () => Promise<number>): Promise<TemporalCluster> {
  const ports: Record<string, number> = {};
  for (const s of ['frontend', 'history', 'matching', 'worker']) {
    ports[`${s}Grpc`] = await pickPort();
    ports[`${s}Membership`] = await pickPort();
  }
  ports.frontendHttp = await pickPort();
  await mkdir(join(dir, 'config'), { recursive: true });
  await writeFile(join(dir, 'config', 'development.yaml'), config(db, ports, join(dir, 'config', 'dynamicconfig.yaml')));
  // Visibility queries by the case search attributes; the frontend's default limits suit a rehearsal.
  await writeFile(join(dir, 'config', 'dynamicconfig.yaml'), clusterDynamicConfigYaml());
  const services = {} as TemporalCluster['services'];
  const start = (s: keyof TemporalCluster['services']) => startChild(`temporal-${s}`, bin.server, ['--root', dir, '--env', 'development', '--allow-no-auth', 'start', '--service', s], { cwd: dir, log: join(dir, `temporal-${s}.log`) });
  // History first, alone until it listens: on a fresh database each service writes the cluster
  // metadata record at start, and two at once can lose that race (duplicate key) and exit.
  services.history = start('history');
  await waitUntil('temporal-history', async () => {
    if (services.history.proc.exitCode !== null) throw new Error(`temporal-history exited ${services.history.proc.exitCode}; see ${join(dir, 'temporal-history.log')}`);
    return !(await isPortFree(ports.historyGrpc!));
  }, 300_000);
  for (const s of ['matching', 'frontend', 'worker'] as const) services[s] = start(s);
  const address = `127.0.0.1:${ports.frontendGrpc}`;
  await waitUntil('the Temporal frontend', async () => {
    const dead = Object.values(services).find((c) => c.proc.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited ${dead.proc.exitCode}; see ${join(dir, `${dead.name}.log`)}`);
    const c = await TemporalConnection.connect({ address, connectTimeout: 1_000 });
    try {
      await c.healthService.check({});
      return true;
    } finally {
      await c.close();
    }
  }, 120_000);
  await registerDefaultNamespace(address);
  return {
    address,
    services,
    async crashAndRestart(s) {
      await services[s].crash();
      services[s] = services[s].restart();
      // Back = listening again (its gRPC port taken), not merely spawned.
      await waitUntil(`temporal-${s} after restart`, async () => !(await isPortFree(ports[`${s}Grpc`]!)), 300_000);
    },
    async stop() {
      for (const s of ['worker', 'frontend', 'matching', 'history'] as const) await services[s].stop();
    },
  };
}

/** The server makes no namespace by itself (auto-setup did): `default`, as Shouwen's TEMPORAL_NAMESPACE default expects. */
async function registerDefaultNamespace(address: string): Promise<void> {
  const c = await TemporalConnection.connect({ address });
  try {
    await waitUntil('the default namespace', async () => {
      try {
        await c.workflowService.registerNamespace({ namespace: TEMPORAL_NAMESPACE.name, workflowExecutionRetentionPeriod: { seconds: TEMPORAL_NAMESPACE.retentionHours * 3_600 } as never });
      } catch (err) {
        if (!/already exists/i.test((err as Error).message)) throw err;
      }
      await c.workflowService.describeNamespace({ namespace: TEMPORAL_NAMESPACE.name });
      return true;
    }, 60_000);
  } finally {
    await c.close();
  }
}
