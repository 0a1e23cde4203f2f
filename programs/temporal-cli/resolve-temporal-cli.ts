import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { buildWithGo } from './go-build';
import { downloadWithSdk } from './sdk-download';

/** The Temporal CLI version Shouwen is tested with. v1.5.1 is the last without replace directives. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export type ResolvedFrom = 'TEMPORAL_CLI' | 'PATH' | 'cache' | 'go-build' | 'sdk-download';

export interface ResolvedTemporalCli {
  path: string;
  from: ResolvedFrom;
}

export interface ResolverDeps {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  isExecutable: (path: string) => Promise<boolean>;
  buildWithGo: (opts: { version: string; targetDir: string; env: NodeJS.ProcessEnv; log: (line: string) => void }) => Promise<string>;
  downloadWithSdk: (opts: { version: string; targetDir: string; log: (line: string) => void }) => Promise<string>;
}

export class TemporalCliNotFoundError extends Error {
  constructor(readonly attempts: string[]) {
    super(
      [
        'Could not find or build the Temporal CLI (`temporal`). Tried, in order:',
        ...attempts.map((a, i) => `  ${i + 1}. ${a}`),
        'Fix one of these: set TEMPORAL_CLI=/path/to/temporal, put `temporal` on PATH,',
        `or install Go (>= 1.24) so Shouwen can build ${TEMPORAL_CLI_VERSION} from the Go module proxy.`,
      ].join('\n'),
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

export function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.SHOUWEN_CACHE_DIR) return env.SHOUWEN_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(xdg, 'shouwen');
}

export function cachedCliPath(env: NodeJS.ProcessEnv, version = TEMPORAL_CLI_VERSION): string {
  return join(cacheRoot(env), 'temporal-cli', version, 'temporal');
}

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return false;
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const defaultResolverDeps = (): ResolverDeps => ({
  env: process.env,
  log: (line) => process.stderr.write(`[temporal-cli] ${line}\n`),
  isExecutable: isExecutableFile,
  buildWithGo,
  downloadWithSdk,
});

/**
 * Finds the `temporal` binary: TEMPORAL_CLI → PATH → cached build → Go build → SDK download.
 * One resolver serves `npm start`, the tests and CI, so they all run the same server.
 */
export async function resolveTemporalCli(partial: Partial<ResolverDeps> = {}): Promise<ResolvedTemporalCli> {
  const deps = { ...defaultResolverDeps(), ...partial };
  const { env, log } = deps;
  const attempts: string[] = [];

  if (env.TEMPORAL_CLI) {
    if (await deps.isExecutable(env.TEMPORAL_CLI)) {
      log(`using TEMPORAL_CLI=${env.TEMPORAL_CLI}`);
      return { path: env.TEMPORAL_CLI, from: 'TEMPORAL_CLI' };
    }
    // An explicit setting that is wrong is a mistake to report, not to paper over.
    throw new TemporalCliNotFoundError([`TEMPORAL_CLI=${env.TEMPORAL_CLI}: not an executable file`]);
  }
  attempts.push('TEMPORAL_CLI: not set');

  const pathDirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of pathDirs) {
    const candidate = join(dir, 'temporal');
    if (await deps.isExecutable(candidate)) {
      log(`using ${candidate} from PATH`);
      return { path: candidate, from: 'PATH' };
    }
  }
  attempts.push('`temporal` on PATH: not found');

  const cached = cachedCliPath(env);
  if (await deps.isExecutable(cached)) {
    log(`using cached build ${cached}`);
    return { path: cached, from: 'cache' };
  }
  attempts.push(`cached build ${cached}: not present`);

  const targetDir = join(cacheRoot(env), 'temporal-cli', TEMPORAL_CLI_VERSION);
  try {
    log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (first time only; takes a few minutes) …`);
    const built = await deps.buildWithGo({ version: TEMPORAL_CLI_VERSION, targetDir, env, log });
    log(`built ${built}`);
    return { path: built, from: 'go-build' };
  } catch (err) {
    attempts.push(`go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}: ${firstLine(err)}`);
  }

  try {
    log('downloading the Temporal CLI through @temporalio/testing (needs internet) …');
    const downloaded = await deps.downloadWithSdk({ version: TEMPORAL_CLI_VERSION, targetDir: join(cacheRoot(env), 'temporal-cli', 'sdk-download'), log });
    return { path: downloaded, from: 'sdk-download' };
  } catch (err) {
    attempts.push(`@temporalio/testing download: ${firstLine(err)}`);
  }

  throw new TemporalCliNotFoundError(attempts);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').find((l) => l.trim()) ?? 'failed';
}
