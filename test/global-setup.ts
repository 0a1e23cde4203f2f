import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startThrowawayStack, type ThrowawayStack } from '../programs/dev/throwaway-stack';
import { WORKFLOW_BUNDLE_OPTIONS } from '../server/temporal/workflow-bundle';
import { testWorkers } from './test-workers';
import type { SharedStack } from './shared-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One stack per vitest worker slot; a test reads its own through `sharedStack()`. */
    stacks: SharedStack[];
    workflowBundlePath: string;
  }
}

/**
 * Starts the real parts for the integration tests: per vitest worker slot, a Temporal dev server
 * (through the same resolver as `npm start`) and PostgreSQL — a fresh database on DATABASE_URL
 * when set (CI), otherwise PGlite — migrated and seeded. Files that run at the same time so never
 * share a database or a Temporal server (tests change shared rows: calendars, users, tier rules),
 * while files in one slot run one after another as they always did. Also bundles the workflow
 * code once.
 */
export default function setup(project: TestProject) {
  return startTestStacks(project, testWorkers());
}

/** What `setup` does, for `slots` worker slots (the browser project's setup passes its own number). */
export async function startTestStacks(project: TestProject, slots: number) {
  const cleanups: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('teardown:', err));
  };
  try {
    const tmp = await mkdtemp(join(tmpdir(), 'shouwen-test-'));
    cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const started = await Promise.allSettled(
      Array.from({ length: slots }, (_, i) => startThrowawayStack({ adminDatabaseUrl: process.env.DATABASE_URL, name: `test${i + 1}`, cheapDemoPasswords: true })),
    );
    for (const s of started) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop());
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const stacks = started.map((s) => (s as PromiseFulfilledResult<ThrowawayStack>).value);

    const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger });
    const workflowBundlePath = join(tmp, 'workflow-bundle.js');
    await writeFile(workflowBundlePath, code);

    project.provide(
      'stacks',
      stacks.map(({ temporalAddress, temporalCliPath, databaseUrl }) => ({ temporalAddress, temporalCliPath, databaseUrl })),
    );
    project.provide('workflowBundlePath', workflowBundlePath);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };
