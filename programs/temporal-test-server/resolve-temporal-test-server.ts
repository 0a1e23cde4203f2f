import { join } from 'node:path';
import { cacheRoot, isExecutableFile } from '../temporal-cli/resolve-temporal-cli';
import { buildWithMaven } from './maven-build';

/** The Java SDK release whose test server the engine tests run on (its Maven coordinates). */
export const TEST_SERVER_VERSION = '1.31.0';
export const TEST_SERVER_ARTIFACT = 'io.temporal:temporal-test-server';

export type ResolvedFrom = 'TEMPORAL_TEST_SERVER' | 'cache' | 'maven-build';

export interface ResolvedTestServer {
  path: string;
  from: ResolvedFrom;
}

export interface TestServerResolverDeps {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  isExecutable: (path: string) => Promise<boolean>;
  buildWithMaven: (opts: { version: string; targetDir: string; env: NodeJS.ProcessEnv; log: (line: string) => void }) => Promise<string>;
}

export class TestServerNotFoundError extends Error {
  constructor(readonly attempts: string[]) {
    super(
      [
        "Could not find or build Temporal's time-skipping test server. Tried, in order:",
        ...attempts.map((a, i) => `  ${i + 1}. ${a}`),
        'Fix one of these: set TEMPORAL_TEST_SERVER=/path/to/an/executable that runs',
        `\`io.temporal.testserver.TestServer <port>\`, or install Java (>= 17) and Maven so Shouwen can fetch ${TEST_SERVER_ARTIFACT}:${TEST_SERVER_VERSION} from Maven Central.`,
      ].join('\n'),
    );
    this.name = 'TestServerNotFoundError';
  }
}

export function testServerDir(env: NodeJS.ProcessEnv, version = TEST_SERVER_VERSION): string {
  return join(cacheRoot(env), 'temporal-test-server', version);
}

export function cachedTestServerPath(env: NodeJS.ProcessEnv, version = TEST_SERVER_VERSION): string {
  return join(testServerDir(env, version), 'temporal-test-server');
}

export const defaultTestServerResolverDeps = (): TestServerResolverDeps => ({
  env: process.env,
  log: (line) => process.stderr.write(`[temporal-test-server] ${line}\n`),
  isExecutable: isExecutableFile,
  buildWithMaven,
});

/**
 * Finds an executable that starts the time-skipping test server (the SDK cannot download it
 * here): TEMPORAL_TEST_SERVER → cached wrapper → fetch the jars with Maven and write the
 * wrapper. Hand the path to `TestWorkflowEnvironment.createTimeSkipping` as `existing-path`.
 */
export async function resolveTemporalTestServer(partial: Partial<TestServerResolverDeps> = {}): Promise<ResolvedTestServer> {
  const deps = { ...defaultTestServerResolverDeps(), ...partial };
  const { env, log } = deps;
  const attempts: string[] = [];

  if (env.TEMPORAL_TEST_SERVER) {
    if (await deps.isExecutable(env.TEMPORAL_TEST_SERVER)) return { path: env.TEMPORAL_TEST_SERVER, from: 'TEMPORAL_TEST_SERVER' };
    // An explicit setting that is wrong is a mistake to report, not to paper over.
    throw new TestServerNotFoundError([`TEMPORAL_TEST_SERVER=${env.TEMPORAL_TEST_SERVER}: not an executable file`]);
  }
  attempts.push('TEMPORAL_TEST_SERVER: not set');

  const cached = cachedTestServerPath(env);
  if (await deps.isExecutable(cached)) return { path: cached, from: 'cache' };
  attempts.push(`cached wrapper ${cached}: not present`);

  try {
    log(`fetching ${TEST_SERVER_ARTIFACT}:${TEST_SERVER_VERSION} and its dependencies with Maven (first time only; a minute or two) …`);
    const built = await deps.buildWithMaven({ version: TEST_SERVER_VERSION, targetDir: testServerDir(env), env, log });
    log(`ready: ${built}`);
    return { path: built, from: 'maven-build' };
  } catch (err) {
    attempts.push(`mvn dependency:copy-dependencies for ${TEST_SERVER_ARTIFACT}:${TEST_SERVER_VERSION}: ${firstLine(err)}`);
  }
  throw new TestServerNotFoundError(attempts);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').find((l) => l.trim()) ?? 'failed';
}
