import { spawn, type ChildProcess } from 'node:child_process';
import type { ChildStatus } from '../../server/launcher-status';
import { createRestartPolicy, DEFAULT_RESTART_POLICY, type RestartPolicyOptions } from './restart-policy';

export interface SupervisedChild {
  name: string;
  /** Resolves when the first start is ready; rejects if it fails (the launcher then stops). */
  ready: Promise<void>;
  /** The live process, if any. */
  process(): ChildProcess | undefined;
  status(): ChildStatus;
  /** Stops the child (SIGTERM, then SIGKILL after the grace period) and does not restart it. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildSpec {
  name: string;
  /** Starts the process and resolves once it is ready to serve; `print` receives its output lines. */
  start(print: (line: string) => void): Promise<ChildProcess>;
  print: (line: string) => void;
  /** Every change of state or pid (the launcher rewrites its pid and status files). */
  onChange?: () => void;
  /** After the loud give-up message: the other children keep running. */
  onGiveUp?: (name: string) => void;
  policy?: Partial<RestartPolicyOptions>;
  now?: () => number;
}

const TAIL_LINES = 15;

const exitReason = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `exit code ${code}`);
const isAlive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;

/**
 * Keeps a child running: restarts it after an unexpected exit with exponential back-off, and
 * gives up loudly after too many crashes in the window (restart-policy.ts), leaving the others up.
 */
export function supervise(spec: ChildSpec): SupervisedChild {
  const now = spec.now ?? Date.now;
  const policy = createRestartPolicy(spec.policy);
  const windowMinutes = Math.round((spec.policy?.windowMs ?? DEFAULT_RESTART_POLICY.windowMs) / 60_000);
  const tail: string[] = [];
  let proc: ChildProcess | undefined;
  let state: ChildStatus['state'] = 'starting';
  let lastExit: string | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let firstStart = true;
  const changed = () => spec.onChange?.();
  const print = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    spec.print(line);
  };

  let resolveReady!: () => void;
  let rejectReady!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  const crashed = (startedAt: number, reason: string) => {
    lastExit = reason;
    const decision = policy.crashed(startedAt, now());
    if (decision.action === 'restart') {
      state = 'restarting';
      print(`exited (${reason}); restarting in ${decision.delayMs / 1000} s (${decision.crashesInWindow} crash(es) in ${windowMinutes} min)`);
      restartTimer = setTimeout(() => void launch(), decision.delayMs);
      changed();
      return;
    }
    state = 'gave-up';
    proc = undefined;
    const lines = [
      '',
      `✖ 已放弃重启 ${spec.name}：${windowMinutes} 分钟内崩溃 ${decision.crashesInWindow} 次，最后一次退出：${reason}。其余进程继续运行，/api/health 报告它已停止；排除原因后请重新运行 npm start。`,
      `✖ Gave up restarting ${spec.name}: ${decision.crashesInWindow} crashes within ${windowMinutes} minutes, last exit: ${reason}. The other processes keep running and /api/health reports it down; fix the cause, then run npm start again.`,
      `  last output of ${spec.name} / ${spec.name} 最后输出:`,
      ...tail.map((l) => `    ${l}`),
      '',
    ];
    process.stderr.write(lines.map((l) => `[shouwen] ${l}`).join('\n') + '\n');
    changed();
    spec.onGiveUp?.(spec.name);
  };

  const launch = async () => {
    if (stopping) return;
    state = firstStart ? 'starting' : 'restarting';
    const startedAt = now();
    let started: ChildProcess;
    try {
      started = await spec.start(print);
    } catch (err) {
      if (stopping) return;
      if (firstStart) return rejectReady(err);
      return crashed(startedAt, `failed to start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    if (stopping) {
      started.kill('SIGTERM');
      return;
    }
    proc = started;
    state = 'running';
    changed();
    if (firstStart) {
      firstStart = false;
      resolveReady();
    }
    const onExit = () => {
      const reason = exitReason(started.exitCode, started.signalCode as NodeJS.Signals | null);
      // Ctrl-C reaches the whole process group: give the launcher's own handler a moment first.
      setTimeout(() => {
        if (stopping) return;
        proc = undefined;
        crashed(startedAt, reason);
      }, 300);
    };
    if (isAlive(started)) started.once('exit', onExit);
    else onExit();
  };
  void launch();

  return {
    name: spec.name,
    ready,
    process: () => proc,
    status: () => ({ state, crashes: policy.recentCrashes(now()), ...(lastExit ? { lastExit } : {}) }),
    async stop(graceMs = 15_000) {
      stopping = true;
      clearTimeout(restartTimer);
      const c = proc;
      state = 'stopped';
      if (!c || !isAlive(c)) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Splits a stream into lines for `print`. */
function pipeLines(stream: NodeJS.ReadableStream, print: (line: string) => void) {
  let buf = '';
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) print(line);
  });
}

/**
 * Waits for a child's ready line: settles as ready on the first line matching `readyLine`, as
 * failed after `silentMs` without hearing any line. The wait is for silence, not a total: a first
 * start on a busy machine (a new data folder, tsx compiling) may take minutes while it reports progress.
 */
export function readinessWait(readyLine: RegExp, silentMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  let settle!: (err?: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    settle = (err) => {
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => settle(new Error(`nothing heard from it for ${silentMs / 1000} s`)), silentMs);
  };
  arm();
  return {
    ready,
    heard(line: string) {
      if (settled) return;
      if (readyLine.test(line)) settle();
      else arm();
    },
    fail(err: Error) {
      if (!settled) settle(err);
    },
  };
}

/**
 * Starts a Node entry point through tsx. Without `readyLine` it counts as ready once spawned;
 * with it, once a line of its output matches (and as failed if it exits first, or stays silent
 * for `silentTimeoutMs` — see readinessWait).
 */
export function nodeEntryPoint(args: string[], env: NodeJS.ProcessEnv, readyLine?: RegExp, silentTimeoutMs = 180_000) {
  return (print: (line: string) => void) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.on('error', reject);
      const wait = readyLine ? readinessWait(readyLine, silentTimeoutMs) : undefined;
      const onLine = (line: string) => {
        print(line);
        wait?.heard(line);
      };
      pipeLines(child.stdout!, onLine);
      pipeLines(child.stderr!, onLine);
      if (!wait) return resolve(child);
      child.once('exit', (code, signal) => wait.fail(new Error(`exited (${exitReason(code, signal)}) before it was ready`)));
      wait.ready.then(
        () => resolve(child),
        (err: Error) => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          reject(new Error(`${args[0]} ${/^exited/.test(err.message) ? err.message : `was not ready: ${err.message}`}`));
        },
      );
    });
}
