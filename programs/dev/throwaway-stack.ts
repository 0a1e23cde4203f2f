import { createDecisionRepository } from '../../db/decisions';
import { createDecisionService, deployShippedDecisions } from '../../server/services/decision-service';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../db/pglite-server';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { seedDemoData } from '../demo/seed';
import { freePort } from '../launcher/ports';
import { createProcessRepository } from '../../db/processes';
import { createProcessService } from '../../server/services/process-service';
import { deployShippedProcesses } from '../../server/services/shipped-processes';
import { startDevServer } from '../temporal-cli/dev-server';
import { resolveTemporalCli } from '../temporal-cli/resolve-temporal-cli';

export interface ThrowawayStack {
  temporalAddress: string;
  temporalCliPath: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * A Temporal dev server (through the same resolver as `npm start`) and a fresh PostgreSQL
 * database — created on `adminDatabaseUrl` and dropped afterwards, or PGlite — migrated,
 * seeded and with the shipped processes deployed. For the tests and the benchmarks.
 */
export async function startThrowawayStack(opts: {
  adminDatabaseUrl?: string;
  name: string;
  /** Tests: the demo users' password hashed at a low cost (see TEST_ONLY_CHEAP_PARAMS). */
  cheapDemoPasswords?: boolean;
}): Promise<ThrowawayStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('teardown:', err));
  };
  try {
    const cli = await resolveTemporalCli();
    const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
    cleanups.push(() => server.stop());

    let databaseUrl: string;
    if (opts.adminDatabaseUrl) {
      const admin = opts.adminDatabaseUrl;
      const dbName = `shouwen_${opts.name}_${process.pid}_${Date.now()}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${dbName}`);
      await client.end();
      const url = new URL(admin);
      url.pathname = `/${dbName}`;
      databaseUrl = url.toString();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      });
    } else {
      const embedded = await startEmbeddedPostgres({ port: 0 });
      databaseUrl = embedded.url;
      cleanups.push(() => embedded.stop());
    }
    const db = createPool(databaseUrl, 2);
    try {
      await migrate(db);
      await seedDemoData(db, { cheapDemoPasswords: opts.cheapDemoPasswords ?? false });
      const decisions = createDecisionRepository(db);
      await deployShippedDecisions(createDecisionService(decisions));
      await deployShippedProcesses(createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()));
    } finally {
      await db.end();
    }
    return { temporalAddress: server.address, temporalCliPath: cli.path, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
