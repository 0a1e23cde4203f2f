import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { writeParentWatchdog } from '../../programs/temporal-test-server/parent-watchdog';
import { resolveTemporalTestServer } from '../../programs/temporal-test-server/resolve-temporal-test-server';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../server/temporal/workflow-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerPath: string;
    engineBundlePath: string;
  }
}

/**
 * For the engine tests: finds (on first use, builds with Maven) the time-skipping test server
 * and bundles the workflow code once. Each test file starts its own server: a JVM is up in
 * about a second, and files stay independent.
 */
export default async function setup(project: TestProject) {
  const server = await resolveTemporalTestServer();
  const tmp = await mkdtemp(join(tmpdir(), 'shouwen-engine-'));
  const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger });
  const engineBundlePath = join(tmp, 'workflow-bundle.js');
  await writeFile(engineBundlePath, code);
  // Through a watchdog: a test server whose test process died (vitest killed) ends too, rather than
  // idling at half a core under PID 1.
  project.provide('testServerPath', await writeParentWatchdog(join(tmp, 'temporal-test-server'), server.path));
  project.provide('engineBundlePath', engineBundlePath);
  return () => rm(tmp, { recursive: true, force: true });
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };
