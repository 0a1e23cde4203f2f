import { Worker } from 'node:worker_threads';
import type { FromThread, ToThread } from './worker-thread';

// A few worker threads for CPU-bound jobs the API must not run on its event loop (compiling a
// diagram: issue 11 — one 200 KB expression held every request for seconds). Each thread runs one
// job at a time under a time limit and a heap limit; a thread past either is ended and replaced on
// the next job, so one hostile job costs its own request only. Threads start on first need and end
// when idle, so an API that never compiles pays nothing.

export interface WorkerPoolOptions {
  /** Threads at most. */
  size: number;
  /** Jobs that may wait for a thread while `size` run; one more is refused (`busy`). */
  queueLimit: number;
  /** A job running longer ends its thread (`timeout`). Counted from when the thread has it, not while it waits. */
  timeoutMs: number;
  /** Old-generation heap of each thread (`resourceLimits`); past it the thread dies (`outOfMemory`). */
  maxOldGenerationMb: number;
  /** An idle thread ends after this long, giving its memory back (default 60 s). */
  idleMs?: number;
  /** A thread that has not loaded its module after this long is given up (default 60 s). */
  startupTimeoutMs?: number;
}

export type RefusalKind = 'busy' | 'timeout' | 'outOfMemory' | 'crashed' | 'closed';

/** The pool did not run the job to its end: the caller decides what to answer. */
export class WorkerPoolRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerPoolRefusal';
  }
}

/** The job itself threw in the thread (a bug, as it would have been in process); its name and message come back. */
export class WorkerJobError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = `WorkerJobError(${name})`;
  }
}

export interface WorkerPool<I, O> {
  run(input: I): Promise<O>;
  /** For tests and health: threads alive, jobs running, jobs waiting. */
  stats(): { threads: number; running: number; waiting: number };
  close(): Promise<void>;
}

interface Job<I, O> {
  id: number;
  input: I;
  resolve(output: O): void;
  reject(err: Error): void;
}

interface Thread<I, O> {
  worker: Worker;
  ready: boolean;
  ended: boolean;
  job?: Job<I, O>;
  /** The startup limit, then each job's time limit. */
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

// Node 20 does not apply `--import tsx` to a worker's entry module, so a plain script loads tsx's
// API and imports the TypeScript module through it; this works under `node --import tsx` (npm start,
// start:api) and under vitest alike.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));
`;
// Resolved here (ESM conditions): an eval'd thread would resolve from the working directory.
const tsxApi = import.meta.resolve('tsx/esm/api');

export function createWorkerPool<I, O>(entry: URL, options: WorkerPoolOptions): WorkerPool<I, O> {
  const idleMs = options.idleMs ?? 60_000;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const threads: Thread<I, O>[] = [];
  const queue: Job<I, O>[] = [];
  let nextId = 1;
  let closed = false;

  const running = () => threads.filter((t) => t.job).length;

  function end(t: Thread<I, O>, reason: WorkerPoolRefusal): Promise<unknown> {
    if (t.ended) return Promise.resolve();
    t.ended = true;
    threads.splice(threads.indexOf(t), 1);
    clearTimeout(t.timer);
    clearTimeout(t.idleTimer);
    if (t.job) t.job.reject(reason);
    // A thread that died before taking a job takes the job it was started for with it, so a
    // module that cannot load refuses requests one by one instead of being restarted for ever.
    else if (!t.ready && queue.length) queue.shift()!.reject(reason);
    const stopped = t.worker.terminate();
    if (!closed) pump();
    return stopped;
  }

  function assign(t: Thread<I, O>, job: Job<I, O>) {
    clearTimeout(t.idleTimer);
    t.job = job;
    t.worker.ref();
    t.timer = setTimeout(
      () => void end(t, new WorkerPoolRefusal('timeout', `The job took longer than its time limit of ${options.timeoutMs} ms; its thread was ended.`)),
      options.timeoutMs,
    );
    t.worker.postMessage({ id: job.id, input: job.input } satisfies ToThread<I>);
  }

  function idle(t: Thread<I, O>) {
    t.worker.unref();
    t.idleTimer = setTimeout(() => void end(t, new WorkerPoolRefusal('closed', 'idle')), idleMs);
    t.idleTimer.unref();
  }

  function spawn() {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: entry.href, tsxApi },
      // The parent's `--import tsx` would register a second loader in the thread; BOOTSTRAP does it.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationMb },
    });
    const t: Thread<I, O> = { worker, ready: false, ended: false };
    threads.push(t);
    t.timer = setTimeout(() => void end(t, new WorkerPoolRefusal('crashed', `The worker thread did not start within ${startupTimeoutMs} ms.`)), startupTimeoutMs);
    t.timer.unref();
    worker.on('message', (msg: FromThread<O>) => {
      if (t.ended) return;
      if ('ready' in msg) {
        clearTimeout(t.timer);
        t.ready = true;
        idle(t);
        pump();
        return;
      }
      const job = t.job;
      if (!job || job.id !== msg.id) return;
      clearTimeout(t.timer);
      t.job = undefined;
      if (msg.ok) job.resolve(msg.output);
      else job.reject(new WorkerJobError(msg.error.name, msg.error.message));
      idle(t);
      pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const reason =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new WorkerPoolRefusal('outOfMemory', `The job needed more than the thread's memory limit of ${options.maxOldGenerationMb} MB; its thread was ended.`)
          : new WorkerPoolRefusal('crashed', `The worker thread failed: ${err.message}`);
      void end(t, reason);
    });
    worker.on('exit', (code) => void end(t, new WorkerPoolRefusal('crashed', `The worker thread exited (code ${code}).`)));
  }

  function pump() {
    for (const t of threads) {
      if (!queue.length) break;
      if (t.ready && !t.job && !t.ended) assign(t, queue.shift()!);
    }
    let starting = threads.filter((t) => !t.ready).length;
    while (queue.length > starting && threads.length < options.size) {
      spawn();
      starting++;
    }
  }

  return {
    run(input) {
      if (closed) return Promise.reject(new WorkerPoolRefusal('closed', 'The worker pool is closed.'));
      if (queue.length + running() >= options.size + options.queueLimit) {
        return Promise.reject(new WorkerPoolRefusal('busy', `${options.size} jobs are running and ${queue.length} waiting, the most allowed.`));
      }
      return new Promise<O>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        pump();
      });
    },
    stats: () => ({ threads: threads.length, running: running(), waiting: queue.length }),
    async close() {
      closed = true;
      const refusal = new WorkerPoolRefusal('closed', 'The worker pool is closed.');
      for (const job of queue.splice(0)) job.reject(refusal);
      await Promise.all([...threads].map((t) => end(t, refusal)));
    },
  };
}
