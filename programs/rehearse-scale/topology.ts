// What the rehearsal runs, in one place: the Temporal persistence and services it configures, the
// schema steps of the sql tool, and the environment of the Shouwen programs. docker-compose.yml
// describes the same topology; test/docker-compose.test.ts checks it against these.

export const TEMPORAL_SQL_PLUGIN = 'postgres12';
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];
export const TEMPORAL_NUM_HISTORY_SHARDS = 4;

/** The namespace the cases run in: the server makes none by itself (auto-setup did). */
export const TEMPORAL_NAMESPACE = { name: 'default', retentionHours: 72 } as const;

/** Temporal's two databases: name, schema folder under `schema/postgresql/v12/`, connection pool. */
export const TEMPORAL_DATABASES = [
  { store: 'default', name: 'temporal', schema: 'temporal', maxConns: 20 },
  { store: 'visibility', name: 'temporal_visibility', schema: 'visibility', maxConns: 4 },
] as const;

/** The sql tool's steps for one database, in order (the flags that say where the database is come first). */
export function schemaSteps(database: { name: string; schema: string }, schemaRoot: string): string[][] {
  return [
    ['--db', database.name, 'create-database'],
    ['--db', database.name, 'setup-schema', '-v', '0.0'],
    ['--db', database.name, 'update-schema', '-d', `${schemaRoot}/${database.schema}/versioned`],
  ];
}

/** Environment of every Shouwen worker and API of the rehearsal (the API adds PORT and HOST). */
export function shouwenEnv(o: { databaseUrl: string; temporalAddress: string }): Record<string, string> {
  return { DATABASE_URL: o.databaseUrl, TEMPORAL_ADDRESS: o.temporalAddress, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'shouwen', DATABASE_POOL_SIZE: '5', TZ: 'UTC', LOG_LEVEL: 'warn' };
}
export const API_ONLY_ENV = ['PORT', 'HOST'] as const;
