/**
 * How many test files run at once, and so how many Temporal servers and databases the
 * integration and browser projects start (one per worker slot). One by default: on the 2-core
 * machines the project is built on, two at a time was only ≈1.2× faster and a browser test timed
 * out waiting under the contention; `SHOUWEN_TEST_WORKERS=2` (or more, on more cores) runs files
 * side by side, each on its own stack.
 */
export function testWorkers(): number {
  const raw = process.env.SHOUWEN_TEST_WORKERS;
  const n = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`SHOUWEN_TEST_WORKERS must be a whole number from 1 to 16, not ${JSON.stringify(raw)}`);
  return n;
}
