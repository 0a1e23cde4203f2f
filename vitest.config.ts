import { defineConfig } from 'vitest/config';
import { browserTestWorkers, testWorkers } from './test/test-workers.js';

export default defineConfig({
  test: {
    // As many files at once as global setup starts stacks for (test/shared-stack.ts): each running
    // integration or browser file owns a Temporal server and a database of its own. The browser
    // project has its own number and runs after the other three (its sequence.groupOrder).
    maxWorkers: testWorkers(),
    // The run ends with its ten slowest files and tests (issue 19: where npm test's time goes).
    reporters: ['default', './test/slowest-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{server,programs,db,domain,policy,contract,activities,workflows,bpmn,web,bench}/**/*.test.{ts,tsx}', 'test/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          // The interpreter on the time-skipping test server with stub activities: seconds, no database.
          name: 'engine',
          include: ['test/engine/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/engine/global-setup.ts'],
          isolate: false, // as integration below (17 files: 109 → 76 s, import 14 → 1.9 s); each file still starts its own test server
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          // test/security: the hostile-input and confidentiality suite (SECURITY.md), on the same stack.
          include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          // Files of a slot run one after another in one process that keeps its loaded modules
          // (the API, the worker, the SDK): each file used to pay ≈ 1.3 s importing them again
          // (40 integration files: import 53 s → 3.5 s, the run 229 → 150 s, 1 Dec). Safe while
          // these files mock no module and change no process-wide setting; each still starts and
          // closes its own app, worker and browser.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e-setup.ts'],
          // Alone, after unit, engine and integration (vitest runs a lower groupOrder first): a
          // browser file shares the two cores with no other file (see test/test-workers.ts).
          maxWorkers: browserTestWorkers(),
          sequence: { groupOrder: 1 },
          // Isolated (a process per file), unlike integration. Shared, a file's closed Temporal
          // client was still retrying a call (the console's last requests) when the next file ran,
          // and its retry timer threw "Channel has been shut down" there (34 unhandled errors, CI 84).
          // Since TemporalConnection (server/temporal/connection.ts) that is fixed, and sharing is
          // safe: two whole shared runs, no unhandled error (2 Dec). Not switched: no clear gain.
          // 8 files isolated 393 s then shared 328 s; again, shared first, 216 s then isolated 188 s
          // (import 15–28 → 6 s each time, the tests' own time swinging more: one keyboard test
          // 34–104 s); whole shared runs 1626 and 1500 s.
          // 3 Dec, the whole browser project alone: shared 599 s (tests 587 s), isolated in CI 108 tests 585 s.
          // A whole process walked through the console; with two files running at once on 2 cores
          // the longest took ~100 s, too close to 120 s.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          // A browser waits on the two cores with everything else: expect.poll's own default (1 s) was too short for a
          // drawer's slide in CI 129 (test/e2e/phone.e2e.test.ts). Polls that give their own timeout keep it.
          expect: { poll: { timeout: 10_000 } },
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
