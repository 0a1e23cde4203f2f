import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** How a tool is built into the cache (the Temporal CLI with Go, the test server with Maven). */
export interface ToolBuildOptions {
  version: string;
  targetDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/**
 * `go install` the pinned CLI into a temporary GOBIN beside the cache, then move it in.
 * If the checksum database is unreachable, retries once without it for the Temporal modules.
 */
export async function buildWithGo({ version, targetDir, env, log }: ToolBuildOptions): Promise<string> {
  const parent = dirname(targetDir);
  await mkdir(parent, { recursive: true });
  const gobin = await mkdtemp(join(parent, '.build-'));
  try {
    await goInstall([`${MODULE}@${version}`], { ...env, GOBIN: gobin }, log);
    return await installAtomically(gobin, targetDir);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

/**
 * `go install <targets>` with GOTOOLCHAIN=local and CGO_ENABLED=0, progress on `log`; when the
 * checksum database cannot be reached, once more with GONOSUMDB for the Temporal modules (said in the log).
 */
export async function goInstall(targets: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const baseEnv = { ...env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: env.GOFLAGS ?? '-mod=mod' };
  try {
    await runGoInstall(targets, baseEnv, log);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/sum\.golang\.org|checksum database|verifying module|SECURITY ERROR|GOSUMDB/i.test(message)) throw err;
    log('the Go checksum database is unreachable: retrying with GONOSUMDB for the Temporal modules');
    await runGoInstall(targets, { ...baseEnv, GONOSUMDB: 'github.com/temporalio/*,go.temporal.io/*', GOSUMDB: 'off' }, log);
  }
}

function runGoInstall(targets: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn('go', ['install', ...targets], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
    const started = Date.now();
    let downloads = 0;
    let tail: string[] = [];
    const onLine = (line: string) => {
      if (!line.trim()) return;
      tail = [...tail.slice(-19), line];
      if (line.startsWith('go: downloading')) {
        downloads += 1;
        if (downloads % 25 === 1) log(`${line} (${downloads} modules so far)`);
      } else {
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
    const heartbeat = setInterval(() => {
      log(`still building … ${Math.round((Date.now() - started) / 1000)} s (${downloads} modules downloaded)`);
    }, 15_000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      reject(new Error(`could not run go: ${err.message}`));
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) {
        log(`go install finished in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`go install exited with ${code}:\n${tail.join('\n')}`));
      }
    });
  });
}

/** Moves a freshly built binary into place atomically so a half-written file is never "cached". */
export async function installAtomically(builtDir: string, targetDir: string, name = 'temporal'): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  const entries = await readdir(builtDir);
  const binary = entries.find((e) => e === name);
  if (!binary) throw new Error(`the build produced no ${name} binary in ${builtDir}`);
  const target = join(targetDir, name);
  await rename(join(builtDir, binary), target);
  return target;
}
