import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { isPortFree } from '../launcher/ports';
import { run, startChild, waitUntil, type Child } from './processes';

// The Temporal server on PostgreSQL as an operator runs it: the schema created by the server's
// own sql tool (not the deprecated auto-setup image), then frontend, history, matching and
// worker each in its own process from one config, finding each other through the database.

export const SERVER_VERSION = 'v1.29.1';

export interface ServerBinaries {
  server: string;
  sql: string;
  schemaDir: string;
}

const BUILD_HINT = `Build them once (about the CLI's build time, then cached):
  GOBIN=~/.cache/shouwen/temporal-server/${SERVER_VERSION} go install go.temporal.io/server/cmd/server@${SERVER_VERSION}
  GOBIN=~/.cache/shouwen/temporal-server/${SERVER_VERSION} go install go.temporal.io/server/cmd/tools/sql@${SERVER_VERSION}
The schema comes from the same module: go mod download go.temporal.io/server@${SERVER_VERSION}
(or set TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL and TEMPORAL_SCHEMA_DIR).`;

/** The cached server, sql tool and schema files; never built here (a rehearsal should not surprise anyone with a Go build). */
export async function findServerBinaries(env: NodeJS.ProcessEnv = process.env): Promise<ServerBinaries> {
  const cache = join(env.SHOUWEN_CACHE_DIR ?? join(homedir(), '.cache', 'shouwen'), 'temporal-server', SERVER_VERSION);
  const server = env.TEMPORAL_SERVER_BIN ?? join(cache, 'server');
  const sql = env.TEMPORAL_SQL_TOOL ?? join(cache, 'sql');
  let schemaDir = env.TEMPORAL_SCHEMA_DIR;
  if (!schemaDir) {
    const modCache = env.GOMODCACHE ?? (await run('go', ['env', 'GOMODCACHE']).then((s) => s.trim()).catch(() => join(homedir(), 'go', 'pkg', 'mod')));
    schemaDir = join(modCache, `go.temporal.io/server@${SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  }
  const missing = [server, sql, schemaDir].filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`The Temporal server ${SERVER_VERSION} is not here: ${missing.join(', ')}.\n${BUILD_HINT}`);
  return { server, sql, schemaDir };
}

export interface TemporalCluster {
  address: string;
  services: Record<'frontend' | 'history' | 'matching' | 'worker', Child>;
  /** kill -9 of one service, then the same process started again. */
  crashAndRestart(service: 'frontend' | 'history' | 'matching' | 'worker'): Promise<void>;
  stop(): Promise<void>;
}

/** Creates `temporal` and `temporal_visibility` and brings both to the module's newest schema. */
export async function setupSchema(bin: ServerBinaries, db: { host: string; port: number; user: string; password: string }): Promise<void> {
  const common = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user, ...(db.password ? ['--pw', db.password] : [])];
  for (const [name, dir] of [['temporal', 'temporal'], ['temporal_visibility', 'visibility']] as const) {
    await run(bin.sql, [...common, '--db', name, 'create-database']);
    await run(bin.sql, [...common, '--db', name, 'setup-schema', '-v', '0.0']);
    await run(bin.sql, [...common, '--db', name, 'update-schema', '-d', join(bin.schemaDir, dir, 'versioned')]);
  }
}

function config(db: { host: string; port: number; user: string; password: string }, ports: Record<string, number>, dynamicConfig: string): string {
  const store = (name: string, conns: number) => `
    ${name === 'temporal' ? 'default' : 'visibility'}:
      sql:
        pluginName: "postgres12"
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
  numHistoryShards: 4
  datastores:${store('temporal', 20)}${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0
services:${['frontend', 'history', 'matching', 'worker'].map(service).join('')}
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
async function lowFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await isPortFree(port))) {
      taken.add(port);
      return port;
    }
  }
}

export async function startTemporalCluster(bin: ServerBinaries, dir: string, db: { host: string; port: number; user: string; password: string }): Promise<TemporalCluster> {
  const ports: Record<string, number> = {};
  const taken = new Set<number>();
  for (const s of ['frontend', 'history', 'matching', 'worker']) {
    ports[`${s}Grpc`] = await lowFreePort(taken);
    ports[`${s}Membership`] = await lowFreePort(taken);
  }
  ports.frontendHttp = await lowFreePort(taken);
  await mkdir(join(dir, 'config'), { recursive: true });
  await writeFile(join(dir, 'config', 'development.yaml'), config(db, ports, join(dir, 'config', 'dynamicconfig.yaml')));
  // Visibility queries by the case search attributes; the frontend's default limits suit a rehearsal.
  await writeFile(join(dir, 'config', 'dynamicconfig.yaml'), 'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n');
  const services = {} as TemporalCluster['services'];
  const start = (s: keyof TemporalCluster['services']) => startChild(`temporal-${s}`, bin.server, ['--root', dir, '--env', 'development', '--allow-no-auth', 'start', '--service', s], { cwd: dir, log: join(dir, `temporal-${s}.log`) });
  for (const s of ['history', 'matching', 'frontend', 'worker'] as const) services[s] = start(s);
  const address = `127.0.0.1:${ports.frontendGrpc}`;
  await waitUntil('the Temporal frontend', async () => {
    const dead = Object.values(services).find((c) => c.proc.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited ${dead.proc.exitCode}; see ${join(dir, `${dead.name}.log`)}`);
    const c = await Connection.connect({ address, connectTimeout: 1_000 });
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
      await waitUntil(`temporal-${s} after restart`, async () => !(await isPortFree(ports[`${s}Grpc`]!)), 120_000);
    },
    async stop() {
      for (const s of ['worker', 'frontend', 'matching', 'history'] as const) await services[s].stop();
    },
  };
}

/** The server makes no namespace by itself (auto-setup did): `default`, as Shouwen's TEMPORAL_NAMESPACE default expects. */
async function registerDefaultNamespace(address: string): Promise<void> {
  const c = await Connection.connect({ address });
  try {
    await waitUntil('the default namespace', async () => {
      try {
        await c.workflowService.registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: { seconds: 3 * 86_400 } as never });
      } catch (err) {
        if (!/already exists/i.test((err as Error).message)) throw err;
      }
      await c.workflowService.describeNamespace({ namespace: 'default' });
      return true;
    }, 60_000);
  } finally {
    await c.close();
  }
}
