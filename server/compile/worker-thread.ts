import { parentPort } from 'node:worker_threads';

// The thread side of worker-pool.ts: one job at a time, answered by id. A module run by the pool
// calls serveJobs once at its top level; the pool starts a job's clock only after `ready`.

export type ToThread<I> = { id: number; input: I };
export type FromThread<O> =
  | { ready: true }
  | { id: number; ok: true; output: O }
  | { id: number; ok: false; error: { name: string; message: string } };

export function serveJobs<I, O>(handle: (input: I) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread started by createWorkerPool');
  port.on('message', async ({ id, input }: ToThread<I>) => {
    try {
      // Inside the try: an output that cannot be cloned is this job's error, not the thread's death.
      port.postMessage({ id, ok: true, output: await handle(input) } satisfies FromThread<O>);
    } catch (err) {
      const error = err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
      port.postMessage({ id, ok: false, error } satisfies FromThread<O>);
    }
  });
  port.postMessage({ ready: true } satisfies FromThread<O>);
}
