import { describe, expect, it, vi } from 'vitest';
import { cachedServerBinaries, resolveTemporalServer, TemporalServerNotFoundError, type ServerResolverDeps } from './resolve-temporal-server';

const HOME_ENV = { HOME: '/home/u' };
const cached = cachedServerBinaries(HOME_ENV);

function deps(o: { env?: NodeJS.ProcessEnv; executables?: string[]; dirs?: string[]; build?: ServerResolverDeps['build'] } = {}): Partial<ServerResolverDeps> {
  const executables = new Set(o.executables ?? []);
  const dirs = new Set(o.dirs ?? []);
  return {
    env: o.env ?? HOME_ENV,
    log: () => undefined,
    isExecutable: async (p) => executables.has(p),
    exists: (p) => dirs.has(p),
    build:
      o.build ??
      vi.fn(async () => {
        throw new Error('go: command not found');
      }),
  };
}

describe('resolveTemporalServer', () => {
  it('caches under ~/.cache/shouwen/temporal-server/v1.29.1', () => {
    expect(cached).toEqual({
      server: '/home/u/.cache/shouwen/temporal-server/v1.29.1/server',
      sql: '/home/u/.cache/shouwen/temporal-server/v1.29.1/sql',
      schemaDir: '/home/u/.cache/shouwen/temporal-server/v1.29.1/schema/postgresql/v12',
    });
  });

  it('uses the cache when all three are there, without building', async () => {
    const d = deps({ executables: [cached.server, cached.sql], dirs: [`${cached.schemaDir}/temporal/versioned`] });
    expect(await resolveTemporalServer({ build: true }, d)).toEqual({ binaries: cached, from: 'cache' });
    expect(d.build).not.toHaveBeenCalled();
  });

  it('never builds unless asked, and says how to', async () => {
    const d = deps({ executables: [cached.server] });
    const err = await resolveTemporalServer({ build: false }, d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemporalServerNotFoundError);
    expect((err as Error).message).toContain(`${cached.sql}, ${cached.schemaDir} not present`);
    expect((err as Error).message).toContain('npm run temporal:server');
    expect(d.build).not.toHaveBeenCalled();
  });

  it('builds into the cache when asked and something is missing', async () => {
    const build = vi.fn(async () => cached);
    expect(await resolveTemporalServer({ build: true }, deps({ build }))).toEqual({ binaries: cached, from: 'go-build' });
    expect(build).toHaveBeenCalledWith(expect.objectContaining({ version: 'v1.29.1', targetDir: '/home/u/.cache/shouwen/temporal-server/v1.29.1' }));
  });

  it('names the failed build among what it tried', async () => {
    const err = await resolveTemporalServer({ build: true }, deps()).catch((e: unknown) => e);
    expect((err as TemporalServerNotFoundError).attempts.at(-1)).toBe(
      'go install go.temporal.io/server/cmd/server@v1.29.1 go.temporal.io/server/cmd/tools/sql@v1.29.1: go: command not found',
    );
  });

  it('takes explicit settings as they are, and reports a wrong one instead of building', async () => {
    const env = { ...HOME_ENV, TEMPORAL_SERVER_BIN: '/x/server', TEMPORAL_SQL_TOOL: '/x/sql', TEMPORAL_SCHEMA_DIR: '/x/schema' };
    const ok = deps({ env, executables: ['/x/server', '/x/sql'], dirs: ['/x/schema/temporal/versioned'] });
    expect(await resolveTemporalServer({ build: false }, ok)).toEqual({ binaries: { server: '/x/server', sql: '/x/sql', schemaDir: '/x/schema' }, from: 'env' });
    const wrong = deps({ env: { ...HOME_ENV, TEMPORAL_SERVER_BIN: '/x/server' }, executables: ['/x/server', cached.server, cached.sql], dirs: [`${cached.schemaDir}/temporal/versioned`] });
    const err = await resolveTemporalServer({ build: true }, wrong).catch((e: unknown) => e);
    expect((err as TemporalServerNotFoundError).attempts).toEqual(['TEMPORAL_SQL_TOOL=: not an executable file', 'TEMPORAL_SCHEMA_DIR=: no temporal/versioned in it']);
    expect(wrong.build).not.toHaveBeenCalled();
  });
});
