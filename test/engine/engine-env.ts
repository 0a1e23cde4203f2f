import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { compileBpmn } from '../../bpmn/compile';
import type { ProcessModel } from '../../bpmn/model';
import { closableRetriesPlugin } from '../../server/temporal/connection';
import { addSearchAttributes } from '../../server/temporal/search-attributes';
import { queryCaseState } from '../../server/temporal/case-state';
import type { bpmnProcess } from '../../workflows/bpmn/process';
import { completeTaskUpdate, type BpmnProcessInput, type CaseStateView, type OpenTaskView } from '../../workflows/bpmn/messages';
import { createStubActivities, type StubOptions, type Stubs } from './stub-activities';
import { PATCH_LEVEL } from '../../workflows/bpmn/patch-level';

// The interpreter on Temporal's time-skipping test server with stub activities: no database,
// no API, timers fire as soon as the test waits on a result or sleeps.

export type CaseHandle = WorkflowHandle<typeof bpmnProcess>;

export interface EngineEnv {
  env: TestWorkflowEnvironment;
  /** Runs `body` with a worker (on its own task queue) whose activities are fresh stubs. */
  withWorker<T>(body: (run: CaseRunner) => Promise<T>, stubs?: StubOptions): Promise<T>;
  close(): Promise<void>;
}

export interface CaseRunner {
  stubs: Stubs;
  /** `input` replaces parts of what the API would start it with (caseInput). */
  start(model: ProcessModel, variables?: Record<string, unknown>, input?: Partial<BpmnProcessInput>): Promise<CaseHandle>;
}

let runtimeInstalled = false;

export async function startEngineEnv(): Promise<EngineEnv> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    // A failing case is the point of some tests: only errors are worth printing.
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('testServerPath') } }, plugins: [closableRetriesPlugin()] });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return {
    env,
    async withWorker(body, stubOptions) {
      const stubs = createStubActivities(stubOptions);
      const taskQueue = `engine-${randomUUID().slice(0, 8)}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle: { codePath: inject('engineBundlePath') },
        activities: stubs.activities,
      });
      return worker.runUntil(
        body({
          stubs,
          start: (model, variables = {}, input = {}) =>
            env.client.workflow.start<typeof bpmnProcess>('bpmnProcess', {
              taskQueue,
              workflowId: `${model.key}/${randomUUID().slice(0, 8)}`,
              args: [{ ...caseInput(model, variables), ...input }],
            }),
        }),
      );
    },
    close: () => env.teardown(),
  };
}

export function caseInput(model: ProcessModel, variables: Record<string, unknown>): BpmnProcessInput {
  return {
    model,
    processVersion: 1,
    forms: {},
    businessKey: randomUUID().slice(0, 8),
    title: `${model.key} engine test`,
    initiatorId: 'zj.cs_agent',
    unitId: 'zj',
    variables,
    startedAt: new Date().toISOString(),
    patchLevel: PATCH_LEVEL,
  };
}

/** Compiles a diagram from bpmn/fixtures (or XML given inline); fails the test on any problem. */
export async function compileFixture(pathOrXml: string): Promise<ProcessModel> {
  const xml = pathOrXml.trimStart().startsWith('<') ? pathOrXml : await readFile(new URL(`../../bpmn/fixtures/${pathOrXml}`, import.meta.url), 'utf8');
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(`fixture does not compile: ${result.problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
  return result.model;
}

/** The case's state query, bounded and asked again if unanswered (see server/temporal/case-state.ts). */
export const caseState = (handle: CaseHandle) => queryCaseState(handle, { timeoutMs: 2_000, attempts: 4 });

/** Polls the state query until `ready` accepts it (workflow time stands still meanwhile). */
export async function stateWhen(handle: CaseHandle, ready: (s: CaseStateView) => boolean, what: string): Promise<CaseStateView> {
  const deadline = Date.now() + 10_000;
  let last: CaseStateView | undefined;
  while (Date.now() < deadline) {
    last = await caseState(handle);
    if (ready(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

/** Waits until the case has open tasks at exactly these elements; returns them sorted by element. */
export async function openTasks(handle: CaseHandle, elementIds: string[]): Promise<OpenTaskView[]> {
  const want = JSON.stringify([...elementIds].sort());
  const s = await stateWhen(handle, (st) => JSON.stringify(st.openTasks.map((t) => t.elementId).sort()) === want, `open tasks ${want}`);
  return [...s.openTasks].sort((a, b) => a.elementId.localeCompare(b.elementId));
}

/** Completes a task the way the API does: the completeTask Update. */
export function complete(handle: CaseHandle, task: OpenTaskView, outcome = 'complete', data: Record<string, unknown> = {}) {
  return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'zj.cs_manager', outcome, data }] });
}

/**
 * Writes the case's history as a replay fixture (test/replay/histories, replayed by the
 * integration project) when SHOUWEN_RECORD_HISTORIES names the directory: for variants that only
 * time skipping reaches in a test's time (working-time cycles wait hours).
 */
export async function recordHistory(handle: CaseHandle, name: string): Promise<void> {
  const dir = process.env.SHOUWEN_RECORD_HISTORIES;
  if (!dir) return;
  const events = JSON.parse(historyToJSON(await handle.fetchHistory())) as object;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ workflowId: handle.workflowId, ...events }, null, 1)}\n`);
}
