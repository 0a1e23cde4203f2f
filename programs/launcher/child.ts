import { spawn, type ChildProcess } from 'node:child_process';

export interface SupervisedChild {
  name: string;
  /** Stops the child (SIGTERM, then SIGKILL after the grace period) and does not restart it. */
  stop(graceMs?: number): Promise<void>;
}

interface Options {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Called when the child keeps crashing; the launcher then shuts everything down. */
  onGiveUp: (reason: string) => void;
  print: (line: string) => void;
}

/**
 * Runs a Node entry point (through tsx) and restarts it if it crashes, so a dying worker or
 * API comes back by itself; Temporal keeps its tasks meanwhile, so nothing is lost.
 */
export function superviseNodeChild(opts: Options): SupervisedChild {
  let child: ChildProcess | undefined;
  let stopping = false;
  const crashes: number[] = [];

  const start = () => {
    child = spawn(process.execPath, ['--import', 'tsx', ...opts.args], { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) opts.print(line);
      });
    }
    child.on('exit', (code, signal) => {
      // Ctrl-C reaches the whole process group: give the launcher's own handler a moment first.
      setTimeout(() => {
        if (stopping) return;
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && crashes[0]! < now - 60_000) crashes.shift();
        if (crashes.length > 5) {
          opts.onGiveUp(`${opts.name} exited ${crashes.length} times within a minute (last: ${code ?? signal})`);
          return;
        }
        opts.print(`exited (${code ?? signal}); restarting in 1 s`);
        setTimeout(() => !stopping && start(), 1_000);
      }, 300);
    });
  };
  start();

  return {
    name: opts.name,
    async stop(graceMs = 15_000) {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
