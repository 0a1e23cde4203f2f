import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inTransaction, type Db } from './pool';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant works; it only has to be the same for every process that migrates.
const MIGRATION_LOCK = 4_242_001;
const MIGRATION_DEADLINE_MS = 6 * 3_600_000;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(`${dir}/${file}`, 'utf8');
      return {
        version: file.slice(0, 3),
        name: file.slice(4, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock
 * so an API and several workers starting at once do not race. Refuses to run if an applied
 * migration's file changed: applied migrations are never edited.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  const client = await db.connect();
  // A migration may rewrite a large table and another process may hold the lock meanwhile: the
  // pool's statement deadlines (meant for requests) do not apply here.
  const q = (text: string, values?: unknown[]) => client.query({ text, values, query_timeout: MIGRATION_DEADLINE_MS } as pg.QueryConfig);
  try {
    await q('SET statement_timeout = 0');
    await q('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; checksum: string; name: string }>('SELECT version, name, checksum FROM schema_migration');
    const applied = new Map(rows.map((r) => [r.version, r]));
    for (const m of all) {
      const prior = applied.get(m.version);
      if (prior && prior.checksum !== m.checksum) {
        throw new Error(`migration ${m.version}_${m.name}.sql was edited after it was applied; add a new migration instead`);
      }
    }
    const done: string[] = [];
    for (const m of all.filter((x) => !applied.has(x.version))) {
      await client.query('BEGIN');
      try {
        await q(m.sql);
        await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version}_${m.name}.sql failed: ${(err as Error).message}`);
      }
      done.push(`${m.version}_${m.name}`);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
  }
}

export { inTransaction };
