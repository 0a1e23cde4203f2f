import { availableParallelism } from 'node:os';
import type { CompileOptions, CompileResult } from '../../bpmn/compile';
import type { FormSchema } from '../../bpmn/form-data';
import { HttpProblem } from '../http/problem';
import type { DiagramChecker } from '../services/process-service';
import { createWorkerPool, WorkerPoolRefusal } from './worker-pool';

// Validation and deployment compile in worker threads: a diagram built to be slow (a deeply nested
// expression: 200 KB held the event loop 3.9 s, eight of them made /api/health take 16 s) costs
// one thread up to its time limit, while the API keeps answering everyone else.

export interface CompileJob {
  xml: string;
  options: CompileOptions;
  forms?: Record<string, FormSchema>;
}

export interface CompilePoolOptions {
  /** Compile threads (COMPILE_WORKERS). */
  size: number;
  /** Compilations that may wait while every thread is busy; one more is 503 `compile.busy` (COMPILE_QUEUE_LIMIT). */
  queueLimit: number;
  /** One compilation's time limit; past it 422 `compile.timeout` (COMPILE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Heap of each thread; past it 422 `compile.tooLarge` (COMPILE_MAX_MEMORY_MB). */
  maxMemoryMb: number;
}

export const compilePoolDefaults = (): CompilePoolOptions => ({ size: Math.min(2, availableParallelism()), queueLimit: 8, timeoutMs: 10_000, maxMemoryMb: 256 });

export interface CompilePool {
  check: DiagramChecker;
  stats(): { threads: number; running: number; waiting: number };
  close(): Promise<void>;
}

export function createCompilePool(overrides: Partial<CompilePoolOptions> = {}): CompilePool {
  const o = { ...compilePoolDefaults(), ...overrides };
  const pool = createWorkerPool<CompileJob, CompileResult>(new URL('./compile-worker.ts', import.meta.url), {
    size: o.size,
    queueLimit: o.queueLimit,
    timeoutMs: o.timeoutMs,
    maxOldGenerationMb: o.maxMemoryMb,
  });

  return {
    async check(xml, options = {}, forms) {
      try {
        return await pool.run({ xml, options, ...(forms ? { forms } : {}) });
      } catch (err) {
        throw err instanceof WorkerPoolRefusal ? compileRefusal(err, o) : err;
      }
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

/**
 * The API's answer when a compilation is refused (busy, past its time or memory limit, thread lost).
 * A limit's `errors[]` item carries the refusal's code and params too, so it is worded in the
 * caller's language like the detail (problem-language.ts), not left in the server's English.
 */
export function compileRefusal(err: WorkerPoolRefusal, o: CompilePoolOptions): HttpProblem {
  const retryAfterS = Math.max(1, Math.ceil(o.timeoutMs / 1000));
  switch (err.kind) {
    case 'busy':
      return new HttpProblem(
        503,
        'Service Unavailable',
        `${o.size + o.queueLimit} diagrams are being compiled or waiting already, the most at once; try again in ${retryAfterS} s.`,
        { code: 'compile.busy', params: { seconds: retryAfterS } },
        { 'retry-after': String(retryAfterS) },
      );
    case 'timeout': {
      const params = { seconds: o.timeoutMs / 1000 };
      const message = `Compiling the diagram took longer than the limit of ${o.timeoutMs / 1000} s and was stopped; very long or deeply nested expressions are the usual cause.`;
      return new HttpProblem(422, 'Unprocessable Content', `${message} Nothing was deployed.`, { code: 'compile.timeout', params, limitMs: o.timeoutMs, errors: [{ path: 'body.xml', message, code: 'compile.timeout', params }] });
    }
    case 'outOfMemory': {
      const params = { megabytes: o.maxMemoryMb };
      const message = `Compiling the diagram needed more than the limit of ${o.maxMemoryMb} MB of memory and was stopped; the diagram or its expressions are too large.`;
      return new HttpProblem(422, 'Unprocessable Content', `${message} Nothing was deployed.`, { code: 'compile.tooLarge', params, limitMb: o.maxMemoryMb, errors: [{ path: 'body.xml', message, code: 'compile.tooLarge', params }] });
    }
    default:
      // A thread that died of something else, or the API shutting down: not the diagram's fault.
      return new HttpProblem(503, 'Service Unavailable', `The diagram could not be compiled now (${err.message}); try again.`, { code: 'compile.unavailable' }, { 'retry-after': String(retryAfterS) });
  }
}
