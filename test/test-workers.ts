import { availableParallelism } from 'node:os';

/**
 * How many test files run at once in the unit, engine and integration projects, and so how many
 * Temporal servers and databases the integration setup starts (one per worker slot). Two on a
 * machine with two cores or more: on the 2-core machines the project is built on, those three
 * projects took 295 s two at a time against ≈ 412 s one at a time (3 Dec). `SHOUWEN_TEST_WORKERS`
 * sets another number.
 */
export function testWorkers(): number {
  return workers('SHOUWEN_TEST_WORKERS', Math.min(2, availableParallelism()));
}

/**
 * The browser tests' own number, one by default: they run after the others (vitest.config.ts), and
 * two of them side by side on 2 cores were ≈ 1.2× faster while a test timed out waiting under the
 * contention. `SHOUWEN_BROWSER_TEST_WORKERS` sets another number.
 */
export function browserTestWorkers(): number {
  return workers('SHOUWEN_BROWSER_TEST_WORKERS', 1);
}

function workers(name: string, dflt: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? dflt : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`${name} must be a whole number from 1 to 16, not ${JSON.stringify(raw)}`);
  return n;
}
