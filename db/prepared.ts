import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

// Named (prepared) statements for the hottest fixed queries: PostgreSQL then parses and plans them
// once per connection and, after five runs, may keep a generic plan. The inbox's badge counts spent
// ≈ 1.3 ms of their 1.6 ms in planning at 1M tasks; prepared, a count costs ≈ 1.1 ms instead of
// ≈ 4–6 ms one at a time (bench/results/inbox-scale-2026-12-01.md).
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
