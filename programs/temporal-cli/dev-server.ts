import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TemporalConnection } from '../../server/temporal/connection';
import { devServerDynamicConfigArgs } from '../../server/temporal/dynamic-config';
import { devServerSearchAttributeArgs } from '../../server/temporal/search-attributes';

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file; omitted → in-memory (tests that do not need persistence). */
  dbFile?: string;
  port: number;
  /** Web UI port; omitted → headless. */
  uiPort?: number;
  namespace?: string;
  /** Where the server's own log lines go. */
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal) when the server process ends. */
  exited: Promise<number | string>;
  stop(timeoutMs?: number): Promise<void>;
}

export function devServerArgs(opts: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace ?? 'default'];
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  args.push('--log-level', 'error', ...devServerSearchAttributeArgs(), ...devServerDynamicConfigArgs());
  return args;
}

/** Starts `temporal server start-dev` and waits until its frontend answers. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  if (opts.dbFile) await mkdir(dirname(opts.dbFile), { recursive: true });
  const child = spawn(opts.cliPath, devServerArgs(opts), { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const onLine = (line: string) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > 30) tail.shift();
    opts.onOutput?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.on('error', (err) => {
      onLine(`failed to start ${opts.cliPath}: ${err.message}`);
      resolve('spawn-error');
    });
  });
  const address = `127.0.0.1:${opts.port}`;
  let exitedEarly: number | string | undefined;
  void exited.then((code) => (exitedEarly = code));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exitedEarly !== undefined) {
      throw new Error(`temporal server start-dev exited (${exitedEarly}) before it was ready:\n${tail.join('\n')}`);
    }
    try {
      const connection = await TemporalConnection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: opts.namespace ?? 'default' });
        break;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server at ${address} was not ready after ${opts.readyTimeoutMs ?? 60_000} ms: ${String(err)}\n${tail.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    process: child,
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
