import pg from 'pg';
import { inject } from 'vitest';

export interface SharedStack {
  temporalAddress: string;
  temporalCliPath: string;
  databaseUrl: string;
}

/**
 * The Temporal server and database of the worker slot this test file runs in. Vitest gives each
 * running file a slot (`VITEST_POOL_ID`, 1…maxWorkers) no other running file has, and global
 * setup started one stack per slot, so a file never shares its stack with a file running beside it.
 */
export function sharedStack(): SharedStack {
  const stacks = inject('stacks');
  const slot = Number(process.env.VITEST_POOL_ID ?? '1');
  const stack = stacks[(slot - 1) % stacks.length];
  if (!stack) throw new Error(`no test stack for worker slot ${process.env.VITEST_POOL_ID}`);
  return stack;
}

/** A connection of the file's own to its slot's database (PGlite, or PostgreSQL with DATABASE_URL), for raw SQL; the file ends it. */
export async function connectToStackDb(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: sharedStack().databaseUrl });
  await client.connect();
  return client;
}
