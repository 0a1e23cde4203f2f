import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startTestStacks } from './global-setup';
import { browserTestWorkers } from './test-workers';

declare module 'vitest' {
  export interface ProvidedContext {
    webDist: string;
    chromiumPath: string;
  }
}

/**
 * Browser tests: everything the integration tests start (a stack for each of the browser project's
 * worker slots), plus the console built once into a temporary folder (never the working tree's web/dist).
 */
export default async function setup(project: TestProject) {
  const teardown = await startTestStacks(project, browserTestWorkers());
  const outDir = join(await mkdtemp(join(tmpdir(), 'shouwen-web-')), 'dist');
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  project.provide('webDist', outDir);
  project.provide('chromiumPath', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  return teardown;
}
