import { randomUUID } from 'node:crypto';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { expect, inject } from 'vitest';
import { buildApp, type AppDeps } from '../server/app';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import { createPool, type Db } from '../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../server/temporal/client';
import { createShouwenWorker } from '../programs/worker/create-worker';
import { sharedStack } from './shared-stack';

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by another file in this process
  }
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID().slice(0, 8)}`;

export interface TestStack {
  app: FastifyInstance;
  db: Db;
  temporal: TemporalAccess;
  close(): Promise<void>;
}

/** The API wired to the shared test Temporal server and database. */
export async function startTestApi(
  taskQueue: string,
  address = sharedStack().temporalAddress,
  { jobTaskQueue, jobWorkerWaitSeconds, ...deps }: Pick<AppDeps, 'launcherStatusFile' | 'compile' | 'webhookHosts' | 'liveHeartbeatMs'> & { jobTaskQueue?: string; jobWorkerWaitSeconds?: number } = {},
): Promise<TestStack> {
  const db = createPool(sharedStack().databaseUrl, 5);
  const temporal = createTemporalAccess({ address, namespace: 'default', taskQueue, ...(jobTaskQueue && { jobTaskQueue }), ...(jobWorkerWaitSeconds && { jobWorkerWaitSeconds }) });
  const app = await buildApp({ db, temporal, ...deps });
  await app.ready();
  return {
    app,
    db,
    temporal,
    async close() {
      await app.close();
      await temporal.close();
      await db.end();
    },
  };
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** An in-process worker on its own task queue, using the bundle built once in global setup. */
export async function startTestWorker(taskQueue: string, address = sharedStack().temporalAddress): Promise<RunningWorker> {
  quietRuntime();
  const db = createPool(sharedStack().databaseUrl, 5);
  const connection = await NativeConnection.connect({ address });
  const worker = await createShouwenWorker({ connection, namespace: 'default', taskQueue, db, workflowBundlePath: inject('workflowBundlePath') });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await db.end();
    },
  };
}

/** Signs in through the API and returns the cookie header to send. */
export async function login(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sw_session');
  if (!cookie) throw new Error('no session cookie');
  return `sw_session=${cookie.value}`;
}

/**
 * Polls until fn returns a value that is not undefined (for projections written asynchronously).
 * Soon at first, then less often: most waits end within a few tens of milliseconds (a projection
 * written by the next activity), and a fixed 200 ms pause made nearly every one of them last
 * 200 ms; slow waits (timers, retries) are still looked at only five times a second.
 */
export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pause));
  }
}

/**
 * The warning validate and deploy give a process without a name of its own (bpmn/check-diagram.ts):
 * bpmnXml names each test process by its key, which the names rule reads as no name.
 */
export const noNameWarning = (key: string) => expect.objectContaining({ elementId: '', elementType: 'process', code: 'bpmn.process.noName', params: { key } });
