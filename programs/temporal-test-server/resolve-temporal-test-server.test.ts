import { describe, expect, it, vi } from 'vitest';
import { testServerPom, testServerWrapper } from './maven-build';
import { cachedTestServerPath, resolveTemporalTestServer, TestServerNotFoundError, type TestServerResolverDeps } from './resolve-temporal-test-server';

function deps(overrides: Partial<TestServerResolverDeps> & { executables?: string[] } = {}): Partial<TestServerResolverDeps> {
  const executables = new Set(overrides.executables ?? []);
  return {
    env: { HOME: '/home/u' },
    log: () => undefined,
    isExecutable: async (p) => executables.has(p),
    buildWithMaven: vi.fn(async () => {
      throw new Error('spawn mvn ENOENT');
    }),
    ...overrides,
  };
}

describe('resolveTemporalTestServer', () => {
  it('prefers TEMPORAL_TEST_SERVER, and refuses one that points at nothing', async () => {
    const cached = cachedTestServerPath({ HOME: '/home/u' });
    expect(await resolveTemporalTestServer(deps({ env: { TEMPORAL_TEST_SERVER: '/x/ts', HOME: '/home/u' }, executables: ['/x/ts', cached] }))).toEqual({ path: '/x/ts', from: 'TEMPORAL_TEST_SERVER' });
    await expect(resolveTemporalTestServer(deps({ env: { TEMPORAL_TEST_SERVER: '/missing', HOME: '/home/u' }, executables: [cached] }))).rejects.toThrow(/TEMPORAL_TEST_SERVER=\/missing: not an executable file/);
  });

  it('uses the cached wrapper outside the repo', async () => {
    const cached = cachedTestServerPath({ HOME: '/home/u' });
    expect(cached).toBe('/home/u/.cache/shouwen/temporal-test-server/1.31.0/temporal-test-server');
    expect(await resolveTemporalTestServer(deps({ executables: [cached] }))).toEqual({ path: cached, from: 'cache' });
  });

  it('builds it with Maven into the cache when nothing is there', async () => {
    const buildWithMaven = vi.fn(async ({ targetDir }: { targetDir: string }) => `${targetDir}/temporal-test-server`);
    expect(await resolveTemporalTestServer(deps({ env: { XDG_CACHE_HOME: '/c' }, buildWithMaven }))).toEqual({ path: '/c/shouwen/temporal-test-server/1.31.0/temporal-test-server', from: 'maven-build' });
    expect(buildWithMaven).toHaveBeenCalledWith(expect.objectContaining({ version: '1.31.0', targetDir: '/c/shouwen/temporal-test-server/1.31.0' }));
  });

  it('lists everything it tried when all fail', async () => {
    const err = await resolveTemporalTestServer(deps({ env: { SHOUWEN_CACHE_DIR: '/s' } })).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TestServerNotFoundError);
    expect((err as TestServerNotFoundError).attempts).toEqual([
      'TEMPORAL_TEST_SERVER: not set',
      'cached wrapper /s/temporal-test-server/1.31.0/temporal-test-server: not present',
      'mvn dependency:copy-dependencies for io.temporal:temporal-test-server:1.31.0: spawn mvn ENOENT',
    ]);
  });
});

describe('the Maven build', () => {
  it('asks for exactly the pinned artifact', () => {
    expect(testServerPom('1.31.0')).toContain('<groupId>io.temporal</groupId>\n      <artifactId>temporal-test-server</artifactId>\n      <version>1.31.0</version>');
  });

  it('writes a wrapper that runs the server on the jars beside it and passes the SDK arguments through', () => {
    const script = testServerWrapper('1.31.0');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('-cp "$here/lib/*" io.temporal.testserver.TestServer "$@"');
  });
});
