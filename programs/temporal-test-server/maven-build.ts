import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ToolBuildOptions } from '../temporal-cli/go-build';

// Builds the cached test server: a throwaway pom naming the one artifact, Maven copies it and
// its runtime dependencies into lib/, and a shell wrapper runs the server's main class on them.

/** Pinned so a new plugin release cannot change what gets fetched. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export function testServerPom(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.shouwen</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/**
 * The executable the SDK starts. Its arguments pass through untouched: the SDK gives only the
 * port (time skipping starts locked and the SDK unlocks it while it waits on a result); by
 * hand, `<port> --enable-time-skipping` works too. C1-only JIT and the serial GC make the JVM
 * listen well inside the SDK's 5 s start-up window on a busy machine.
 */
export function testServerWrapper(version: string): string {
  return `#!/bin/sh
# Temporal's time-skipping test server, io.temporal:temporal-test-server:${version} from Maven Central.
# Written by Shouwen's resolver (server/temporal-test-server); delete this folder to rebuild it.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
java=java
[ -n "\${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
`;
}

/** Fetches into a temporary folder beside the cache, then moves it in whole. */
export async function buildWithMaven({ version, targetDir, env, log }: ToolBuildOptions): Promise<string> {
  const parent = dirname(targetDir);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, '.build-'));
  try {
    await writeFile(join(work, 'pom.xml'), testServerPom(version));
    await runMaven(['-B', '-f', join(work, 'pom.xml'), `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${join(work, 'lib')}`, '-DincludeScope=runtime'], env, log);
    await rm(join(work, 'pom.xml'));
    const wrapper = join(work, 'temporal-test-server');
    await writeFile(wrapper, testServerWrapper(version));
    await chmod(wrapper, 0o755);
    // A half-built folder from an interrupted run is never taken for the cache.
    await rm(targetDir, { recursive: true, force: true });
    await rename(work, targetDir);
    return join(targetDir, 'temporal-test-server');
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    throw err;
  }
}

function runMaven(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let downloads = 0;
    let tail: string[] = [];
    const child = spawn('mvn', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line: string) => {
      if (!line.trim()) return;
      tail = [...tail.slice(-19), line];
      if (/^\[INFO\] Download(ing|ed) from/.test(line)) {
        if (line.includes('Downloaded')) downloads += 1;
        if (downloads % 20 === 1 && line.includes('Downloaded')) log(`${line.replace(/^\[INFO\] /, '')} (${downloads} files so far)`);
      } else if (/\[(ERROR|WARNING)\]|BUILD/.test(line)) {
        log(line);
      }
    };
    const buffers = { out: '', err: '' };
    const pump = (key: 'out' | 'err') => (chunk: Buffer) => {
      buffers[key] += chunk.toString();
      const lines = buffers[key].split('\n');
      buffers[key] = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', pump('out'));
    child.stderr.on('data', pump('err'));
    const heartbeat = setInterval(() => log(`Maven still running … ${Math.round((Date.now() - started) / 1000)} s (${downloads} files downloaded)`), 15_000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      reject(new Error(`could not run mvn: ${err.message}`));
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) {
        log(`Maven finished in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`mvn exited with ${code}:\n${tail.join('\n')}`));
      }
    });
  });
}
