import { fork, type ChildProcess } from 'node:child_process';

// A TypeScript module run in its own Node process (tsx), answering { rss } on request over IPC —
// so a figure like "API RSS" belongs to that process alone, not to the benchmark driving it.

export interface Child<Ready> {
  ready: Ready;
  pid: number;
  rssMiB(): Promise<number>;
  /** User + system CPU time the child has used so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startChild<Ready>(modulePath: string, env: Record<string, string>): Promise<Child<Ready>> {
  const child: ChildProcess = fork(modulePath, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { ready: Ready }).ready));
    child.once('exit', (code) => reject(new Error(`${modulePath} exited with ${code} before it was ready`)));
  });
  let seq = 0;
  const ask = (): Promise<{ rss: number; cpu: NodeJS.CpuUsage }> => {
    const id = ++seq;
    return new Promise((resolve) => {
      const on = (m: unknown) => {
        const msg = m as { id?: number; rss: number; cpu: NodeJS.CpuUsage };
        if (msg.id !== id) return;
        child.off('message', on);
        resolve(msg);
      };
      child.on('message', on);
      child.send({ id });
    });
  };
  return {
    ready,
    pid: child.pid!,
    async rssMiB() {
      return Math.round(((await ask()).rss / 2 ** 20) * 10) / 10;
    },
    async cpuMs() {
      const { cpu } = await ask();
      return (cpu.user + cpu.system) / 1000;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** For the child: announce readiness and answer RSS / CPU requests. */
export function serveChild(ready: unknown, onStop: () => Promise<void>): void {
  process.on('message', (m) => {
    process.send!({ id: (m as { id: number }).id, rss: process.memoryUsage().rss, cpu: process.cpuUsage() });
  });
  process.once('SIGTERM', () => void onStop().finally(() => process.exit(0)));
  process.send!({ ready });
}
