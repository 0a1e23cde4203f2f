import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../server/db/migrate';
import { startEmbeddedPostgres } from '../server/db/pglite-server';
import { createPool } from '../server/db/pool';
import { seedDemoData } from '../server/db/seed';
import { createProcessRepository } from '../server/repositories/process-repository';
import { createProcessService } from '../server/services/process-service';
import { deployShippedProcesses } from '../server/services/shipped-processes';
import { freePort } from '../server/launcher/ports';
import { startDevServer } from '../server/temporal/dev-server';
import { resolveTemporalCli } from '../server/temporal-cli/resolve-temporal-cli';
import { WORKFLOWS_PATH } from '../server/worker/create-worker';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCliPath: string;
    databaseUrl: string;
    workflowBundlePath: string;
  }
}

/**
 * Starts the real parts once for all integration tests: a Temporal dev server (through the
 * same resolver as `npm start`) and PostgreSQL — a fresh database on DATABASE_URL when set
 * (CI), otherwise PGlite — migrated and seeded. Also bundles the workflow code once.
 */
export default async function setup(project: TestProject) {
  const cleanups: Array<() => Promise<unknown>> = [];
  const tmp = await mkdtemp(join(tmpdir(), 'shouwen-test-'));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));

  const cli = await resolveTemporalCli();
  const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
  cleanups.push(() => server.stop());

  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const dbName = `shouwen_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
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
  await migrate(db);
  await seedDemoData(db);
  await deployShippedProcesses(createProcessService(createProcessRepository(db)));
  await db.end();

  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const workflowBundlePath = join(tmp, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, code);

  project.provide('temporalAddress', server.address);
  project.provide('temporalCliPath', cli.path);
  project.provide('databaseUrl', databaseUrl);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('teardown:', err));
  };
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };
