import { describe, expect, it, vi } from 'vitest';
import { cachedCliPath, resolveTemporalCli, TemporalCliNotFoundError, type ResolverDeps } from './resolve-temporal-cli';

function deps(overrides: Partial<ResolverDeps> & { executables?: string[] } = {}): Partial<ResolverDeps> {
  const executables = new Set(overrides.executables ?? []);
  return {
    env: { PATH: '/usr/bin:/opt/bin', HOME: '/home/u' },
    log: () => undefined,
    isExecutable: async (p) => executables.has(p),
    buildWithGo: vi.fn(async () => {
      throw new Error('go: command not found');
    }),
    downloadWithSdk: vi.fn(async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    }),
    ...overrides,
  };
}

describe('resolveTemporalCli', () => {
  it('prefers TEMPORAL_CLI over everything else', async () => {
    const d = deps({ env: { TEMPORAL_CLI: '/x/temporal', PATH: '/usr/bin', HOME: '/h' }, executables: ['/x/temporal', '/usr/bin/temporal'] });
    expect(await resolveTemporalCli(d)).toEqual({ path: '/x/temporal', from: 'TEMPORAL_CLI' });
  });

  it('fails loudly when TEMPORAL_CLI points at nothing, instead of silently using another binary', async () => {
    const d = deps({ env: { TEMPORAL_CLI: '/missing', PATH: '/usr/bin', HOME: '/h' }, executables: ['/usr/bin/temporal'] });
    await expect(resolveTemporalCli(d)).rejects.toThrow(/TEMPORAL_CLI=\/missing: not an executable file/);
  });

  it('takes the first `temporal` on PATH, then the cached build', async () => {
    expect(await resolveTemporalCli(deps({ executables: ['/opt/bin/temporal'] }))).toEqual({ path: '/opt/bin/temporal', from: 'PATH' });
    const cached = cachedCliPath({ HOME: '/home/u' });
    expect(cached).toBe('/home/u/.cache/shouwen/temporal-cli/v1.5.1/temporal');
    expect(await resolveTemporalCli(deps({ executables: [cached] }))).toEqual({ path: cached, from: 'cache' });
  });

  it('builds with Go when nothing is installed, into the cache', async () => {
    const buildWithGo = vi.fn(async ({ targetDir }: { targetDir: string }) => `${targetDir}/temporal`);
    const d = deps({ buildWithGo });
    expect(await resolveTemporalCli(d)).toEqual({ path: '/home/u/.cache/shouwen/temporal-cli/v1.5.1/temporal', from: 'go-build' });
    expect(buildWithGo).toHaveBeenCalledWith(expect.objectContaining({ version: 'v1.5.1' }));
  });

  it('falls back to the SDK download when Go fails', async () => {
    const d = deps({ downloadWithSdk: vi.fn(async () => '/dl/temporal') });
    expect(await resolveTemporalCli(d)).toEqual({ path: '/dl/temporal', from: 'sdk-download' });
  });

  it('lists everything it tried when all fail', async () => {
    const err = await resolveTemporalCli(deps({ env: { PATH: '/usr/bin', XDG_CACHE_HOME: '/c' } })).catch((e) => e);
    expect(err).toBeInstanceOf(TemporalCliNotFoundError);
    expect(err.attempts).toEqual([
      'TEMPORAL_CLI: not set',
      '`temporal` on PATH: not found',
      'cached build /c/shouwen/temporal-cli/v1.5.1/temporal: not present',
      'go install github.com/temporalio/cli/cmd/temporal@v1.5.1: go: command not found',
      '@temporalio/testing download: getaddrinfo ENOTFOUND',
    ]);
    expect(err.message).toContain('set TEMPORAL_CLI=/path/to/temporal');
  });
});
