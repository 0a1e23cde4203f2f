import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { goInstall, installAtomically } from '../temporal-cli/go-build';
import { cacheRoot, isExecutableFile } from '../temporal-cli/resolve-temporal-cli';

// The Temporal server, its sql tool and the server module's PostgreSQL schema files, as the
// rehearsal at scale (and an operator following README "Running at scale") runs them:
// TEMPORAL_SERVER_BIN / TEMPORAL_SQL_TOOL / TEMPORAL_SCHEMA_DIR → the cache
// (~/.cache/shouwen/temporal-server/<version>/{server,sql,schema}) → built with Go from the
// module proxy — only when the caller allows it (`npm run temporal:server`, `rehearse:scale --build`),
// never silently: a Go build of the server takes minutes.

export const SERVER_VERSION = 'v1.29.1';
export const SERVER_MODULE = 'go.temporal.io/server';

export interface ServerBinaries {
  server: string;
  sql: string;
  /** `schema/postgresql/v12` of the server module: `temporal/versioned`, `visibility/versioned`. */
  schemaDir: string;
}

export type ServerResolvedFrom = 'env' | 'cache' | 'go-build';

export interface ServerResolverDeps {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  isExecutable: (path: string) => Promise<boolean>;
  exists: (path: string) => boolean;
  /** Builds server and sql into targetDir and copies the schema there; returns what it made. */
  build: (opts: { version: string; targetDir: string; env: NodeJS.ProcessEnv; log: (line: string) => void }) => Promise<ServerBinaries>;
}

export class TemporalServerNotFoundError extends Error {
  constructor(readonly attempts: string[]) {
    super(
      [
        `The Temporal server ${SERVER_VERSION} (server, sql tool, schema) is not here. Tried, in order:`,
        ...attempts.map((a, i) => `  ${i + 1}. ${a}`),
        'Build it once (a few minutes with Go, then cached): npm run temporal:server',
        '(or npm run rehearse:scale -- --build), or set TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL and TEMPORAL_SCHEMA_DIR.',
      ].join('\n'),
    );
    this.name = 'TemporalServerNotFoundError';
  }
}

export function serverCacheDir(env: NodeJS.ProcessEnv, version = SERVER_VERSION): string {
  return join(cacheRoot(env), 'temporal-server', version);
}

export function cachedServerBinaries(env: NodeJS.ProcessEnv, version = SERVER_VERSION): ServerBinaries {
  const dir = serverCacheDir(env, version);
  return { server: join(dir, 'server'), sql: join(dir, 'sql'), schemaDir: join(dir, 'schema', 'postgresql', 'v12') };
}

export const defaultServerResolverDeps = (): ServerResolverDeps => ({
  env: process.env,
  log: (line) => process.stderr.write(`[temporal-server] ${line}\n`),
  isExecutable: isExecutableFile,
  exists: existsSync,
  build: buildServerWithGo,
});

export async function resolveTemporalServer(opts: { build: boolean }, partial: Partial<ServerResolverDeps> = {}): Promise<{ binaries: ServerBinaries; from: ServerResolvedFrom }> {
  const deps = { ...defaultServerResolverDeps(), ...partial };
  const { env, log } = deps;
  const attempts: string[] = [];

  const explicit = [env.TEMPORAL_SERVER_BIN, env.TEMPORAL_SQL_TOOL, env.TEMPORAL_SCHEMA_DIR];
  if (explicit.some(Boolean)) {
    // Set by hand: all three, and right — a wrong setting is reported, never replaced by a build.
    const [server, sql, schemaDir] = explicit;
    const wrong: string[] = [];
    if (!server || !(await deps.isExecutable(server))) wrong.push(`TEMPORAL_SERVER_BIN=${server ?? ''}: not an executable file`);
    if (!sql || !(await deps.isExecutable(sql))) wrong.push(`TEMPORAL_SQL_TOOL=${sql ?? ''}: not an executable file`);
    if (!schemaDir || !deps.exists(join(schemaDir, 'temporal', 'versioned'))) wrong.push(`TEMPORAL_SCHEMA_DIR=${schemaDir ?? ''}: no temporal/versioned in it`);
    if (wrong.length) throw new TemporalServerNotFoundError(wrong);
    log(`using TEMPORAL_SERVER_BIN=${server}, TEMPORAL_SQL_TOOL=${sql}, TEMPORAL_SCHEMA_DIR=${schemaDir}`);
    return { binaries: { server: server!, sql: sql!, schemaDir: schemaDir! }, from: 'env' };
  }
  attempts.push('TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL, TEMPORAL_SCHEMA_DIR: not set');

  const cached = cachedServerBinaries(env);
  const missing = [
    ...((await deps.isExecutable(cached.server)) ? [] : [cached.server]),
    ...((await deps.isExecutable(cached.sql)) ? [] : [cached.sql]),
    ...(deps.exists(join(cached.schemaDir, 'temporal', 'versioned')) ? [] : [cached.schemaDir]),
  ];
  if (!missing.length) {
    log(`using the cached build in ${serverCacheDir(env)}`);
    return { binaries: cached, from: 'cache' };
  }
  attempts.push(`cached build: ${missing.join(', ')} not present`);

  if (!opts.build) throw new TemporalServerNotFoundError(attempts);
  const started = Date.now();
  log(`building the Temporal server and sql tool ${SERVER_VERSION} with Go (first time only; several minutes) …`);
  try {
    const built = await deps.build({ version: SERVER_VERSION, targetDir: serverCacheDir(env), env, log });
    log(`built in ${Math.round((Date.now() - started) / 1000)} s: ${built.server}, ${built.sql}, ${built.schemaDir}`);
    return { binaries: built, from: 'go-build' };
  } catch (err) {
    attempts.push(`go install ${SERVER_MODULE}/cmd/server@${SERVER_VERSION} ${SERVER_MODULE}/cmd/tools/sql@${SERVER_VERSION}: ${firstLine(err)}`);
    throw new TemporalServerNotFoundError(attempts);
  }
}

/** `go install` both programs of the module in one go, then the schema folder copied beside them. */
export async function buildServerWithGo({ version, targetDir, env, log }: { version: string; targetDir: string; env: NodeJS.ProcessEnv; log: (line: string) => void }): Promise<ServerBinaries> {
  await mkdir(targetDir, { recursive: true });
  const gobin = await mkdtemp(join(targetDir, '.build-'));
  try {
    await goInstall([`${SERVER_MODULE}/cmd/server@${version}`, `${SERVER_MODULE}/cmd/tools/sql@${version}`], { ...env, GOBIN: gobin }, log);
    const server = await installAtomically(gobin, targetDir, 'server');
    const sql = await installAtomically(gobin, targetDir, 'sql');
    // The schema files ship in the module (already downloaded by the install): copied into the
    // cache so the rehearsal does not depend on where GOMODCACHE is.
    const moduleDir = JSON.parse(await goOutput(['mod', 'download', '-json', `${SERVER_MODULE}@${version}`], { ...env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' })).Dir as string;
    const schemaDir = join(targetDir, 'schema', 'postgresql', 'v12');
    await rm(schemaDir, { recursive: true, force: true });
    await cp(join(moduleDir, 'schema', 'postgresql', 'v12'), schemaDir, { recursive: true });
    // The module cache is read-only; the copy need not be (a later build replaces it).
    for (const e of await readdir(schemaDir, { recursive: true, withFileTypes: true })) await chmod(join(e.parentPath, e.name), e.isDirectory() ? 0o755 : 0o644);
    await chmod(schemaDir, 0o755);
    log(`schema files from ${moduleDir}/schema/postgresql/v12`);
    return { server, sql, schemaDir };
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

function goOutput(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`go ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').find((l) => l.trim()) ?? 'failed';
}
