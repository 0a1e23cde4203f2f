import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startThrowawayStack } from '../programs/dev/throwaway-stack';
import { WORKFLOWS_PATH } from '../programs/worker/create-worker';

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
  const stack = await startThrowawayStack({ adminDatabaseUrl: process.env.DATABASE_URL, name: 'test', cheapDemoPasswords: true });
  cleanups.push(() => stack.stop());

  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const workflowBundlePath = join(tmp, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, code);

  project.provide('temporalAddress', stack.temporalAddress);
  project.provide('temporalCliPath', stack.temporalCliPath);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('teardown:', err));
  };
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };
