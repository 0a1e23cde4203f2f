import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

// The rehearsal's children: each one a real OS process, started with its log in the run's
// folder, killed with SIGKILL for a fault and started again with the same command.

export interface Child {
  name: string;
  proc: ChildProcess;
  /** kill -9, as a crash does. */
  crash(): Promise<void>;
  /** The same command again (after a crash). */
  restart(): Child;
  stop(): Promise<void>;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  log: string;
  /** It ended by itself (not crash() or stop()): how, e.g. "exit code 1". */
  onUnexpectedExit?: (how: string) => void;
}

export function startChild(name: string, command: string, args: string[], opts: ChildOptions): Child {
  const log = createWriteStream(opts.log, { flags: 'a' });
  const proc = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.pipe(log, { end: false });
  proc.stderr?.pipe(log, { end: false });
  let intended = false;
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      if (!intended) opts.onUnexpectedExit?.(signal ? `signal ${signal}` : `exit code ${code}`);
      resolve();
    }),
  );
  const kill = async (signal: NodeJS.Signals) => {
    intended = true;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  };
  return {
    name,
    proc,
    crash: () => kill('SIGKILL'),
    restart: () => startChild(name, command, args, opts),
    stop: () => kill('SIGTERM'),
  };
}

/** Runs a command to its end; its output in the error when it fails. */
export function run(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out.slice(-2000)}`))));
  });
}

/** Polls fn until true; an error whose message starts with an exit note ends the wait at once. */
export async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fn().catch((err: Error) => {
      if (/ exited /.test(err.message)) throw err;
      return false;
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
