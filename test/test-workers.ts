/**
 * How many test files run at once, and so how many Temporal servers and databases the
 * integration and browser projects start (one per worker slot). Two on the 2-core machines the
 * project is built on; `SHOUWEN_TEST_WORKERS=1` runs everything one file at a time.
 */
export function testWorkers(): number {
  const raw = process.env.SHOUWEN_TEST_WORKERS;
  const n = raw === undefined || raw === '' ? 2 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`SHOUWEN_TEST_WORKERS must be a whole number from 1 to 16, not ${JSON.stringify(raw)}`);
  return n;
}
