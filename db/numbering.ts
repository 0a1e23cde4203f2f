import type { PoolClient } from 'pg';
import { shanghaiDate } from '../domain/china-time';

// Record numbers (编号): PREFIX-YYYY-MM-NNNNNN, gap-free per prefix and month in China's calendar.
// `assignmentKey` makes it idempotent: a retried activity gets the number it was given before.

/** The numbering period of `at`: the month it is in Asia/Shanghai, e.g. 2026-11. */
export const numberingPeriod = (at: Date) => shanghaiDate(at).slice(0, 7);

/** Formats the n-th number of a period, e.g. TS-2026-11-000123. */
export const formatNumber = (prefix: string, period: string, n: number) => `${prefix}-${period}-${String(n).padStart(6, '0')}`;

/** The next number for `prefix`, or the one already given to `assignmentKey`; call inside a transaction. */
export async function nextNumber(tx: Pick<PoolClient, 'query'>, assignmentKey: string, prefix: string, at = new Date()): Promise<string> {
  const done = await tx.query<{ number: string }>('SELECT number FROM number_assignment WHERE assignment_key = $1', [assignmentKey]);
  if (done.rows[0]) return done.rows[0].number;
  const period = numberingPeriod(at);
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO number_sequence (prefix, period, last) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, period) DO UPDATE SET last = number_sequence.last + 1 RETURNING last`,
    [prefix, period],
  );
  const assigned = formatNumber(prefix, period, rows[0]!.last);
  await tx.query('INSERT INTO number_assignment (assignment_key, number) VALUES ($1, $2)', [assignmentKey, assigned]);
  return assigned;
}
