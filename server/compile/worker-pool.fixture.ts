import { threadId } from 'node:worker_threads';
import { serveJobs } from './worker-thread';

// A thread module for worker-pool.test.ts: jobs that answer, spin, hoard memory or throw.

export type FixtureJob = { kind: 'echo'; value: unknown } | { kind: 'spin' } | { kind: 'hoard' } | { kind: 'throw'; message: string };

serveJobs((job: FixtureJob) => {
  switch (job.kind) {
    case 'echo':
      return { echoed: job.value, threadId };
    case 'spin':
      for (;;) {
        // never answers: only the pool's time limit ends it
      }
    case 'hoard': {
      const kept: number[][] = [];
      for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
    }
    case 'throw':
      throw new RangeError(job.message);
  }
});
