import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

// Named (prepared) statements for the hottest fixed queries: PostgreSQL then parses them once per
// connection and, after five runs, keeps a generic plan if it is estimated no dearer than the custom
// plans so far — else it plans every run again (`paramsOpaque` below). The inbox's badge counts spent
// ≈ 1.3 ms of their 1.6 ms in planning at 1M tasks (bench/results/inbox-scale-2026-12-01.md), and
// were still planned every run until 3 Dec (pg_prepared_statements: 0 generic, 230 custom).
//
// Only for statements whose result columns cannot change with the schema (no `*`): a prepared
// `SELECT *` fails once a column is added ("cached plan must not change result type") until the
// connection is replaced. The name is the text's hash, so one name never stands for two texts.
// PGlite's sessions give each client's names a prefix of their own (db/pglite-sessions.ts). Behind
// PgBouncer in transaction mode, named statements need its max_prepared_statements (≥ 1.21).

const names = new Map<string, string>();

export function prepared(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `sw_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}

/**
 * A prepared statement none of whose parameters the planner can see: each `$n` reads a column of a materialized
 * one-row CTE, passed as text and cast where the statement casts it. For a statement whose plan its caller has
 * already chosen by what it wrote (the open inbox's free text, issue 19): a custom plan made for the pattern is
 * estimated cheaper than the generic one (for a common term it guesses 10 matches, the generic 500), so PostgreSQL
 * planned every search again — ≈ 3.6 ms of a 12 ms search at 1M tasks, the same plan each time. The badge counts' one
 * parameter, the user's id, likewise: a custom plan knows the user and is estimated a little cheaper for most (a 客服专员's
 * counts at 1M tasks: 0.01 %), so every poll was planned again, 2.1 ms of a 2.7 ms count.
 */
export function paramsOpaque(text: string, count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`paramsOpaque: count must be a positive whole number, not ${count}`);
  const body = text.startsWith('WITH ') ? `, ${text.slice('WITH '.length)}` : ` ${text}`;
  const columns = Array.from({ length: count }, (_, i) => `$${i + 1}::text AS p${i + 1}`).join(', ');
  const opaque = body.replace(/\$(\d+)(?!\d)/g, (_, n: string) => {
    if (Number(n) > count) throw new Error(`paramsOpaque: $${n} beyond the ${count} parameters`);
    return `(SELECT opaque.p${n} FROM opaque)`;
  });
  return `WITH opaque AS MATERIALIZED (SELECT ${columns})${opaque}`;
}
