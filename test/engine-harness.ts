import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { FormSchema } from '../bpmn/form-data';
import type { BpmnProcessInput, BpmnProcessResult, CaseStateView } from '../workflows/bpmn/messages';
import { eventually, login, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from './helpers';
import { sharedStack } from './shared-stack';
import { PATCH_LEVEL } from '../workflows/bpmn/patch-level';

export { bpmnXml, flow, timerDuration, uniqueKey, userTask } from './bpmn-xml';

// Response bodies are read loosely in tests; each test asserts the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface TaskJson {
  id: string;
  caseId: string;
  elementId: string;
  status: string;
  unitId: string;
  assigneeId: string | null;
  escalationLevel: number;
  outcome: string | null;
}

export interface Engine {
  stack: TestStack;
  cookie(user: string): Promise<string>;
  deploy(xml: string, forms?: Record<string, FormSchema>, user?: string): Promise<{ statusCode: number; body: Json }>;
  start(user: string, processKey: string, variables?: Record<string, unknown>, extra?: Record<string, unknown>): Promise<string>;
  openTasks(caseId: string): Promise<TaskJson[]>;
  /** Waits until the case has open tasks at exactly these elements (sorted). */
  waitForTasks(caseId: string, elementIds: string[]): Promise<TaskJson[]>;
  complete(user: string, taskId: string, body?: Record<string, unknown>): Promise<{ statusCode: number; body: Json }>;
  post(user: string, url: string, payload?: unknown): Promise<{ statusCode: number; body: Json }>;
  result(caseId: string): Promise<BpmnProcessResult>;
  state(caseId: string): Promise<CaseStateView>;
  events(caseId: string): Promise<string[]>;
  /**
   * With SHOUWEN_RECORD_HISTORIES=<dir>, writes the case's event history there as <name>.json
   * (how test/replay/histories/ is refreshed); otherwise does nothing.
   */
  recordHistory(caseId: string, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startEngine(name: string, deps: Parameters<typeof startTestApi>[2] = {}): Promise<Engine> {
  const taskQueue = uniqueTaskQueue(name);
  const worker: RunningWorker = await startTestWorker(taskQueue);
  const stack = await startTestApi(taskQueue, undefined, deps);
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => {
    if (!cookies.has(user)) cookies.set(user, await login(stack.app, user));
    return cookies.get(user)!;
  };
  const post = async (user: string, url: string, payload?: unknown) => {
    const res = await stack.app.inject({ method: 'POST', url, headers: { cookie: await cookie(user) }, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const openTasks = async (caseId: string) => {
    const { rows } = await stack.db.query(
      `SELECT id, case_id AS "caseId", element_id AS "elementId", status, unit_id AS "unitId", assignee_id AS "assigneeId",
              escalation_level AS "escalationLevel", outcome
         FROM task WHERE case_id = $1 AND status = 'open' ORDER BY element_id, id`,
      [caseId],
    );
    return rows as TaskJson[];
  };
  return {
    stack,
    cookie,
    post,
    deploy: (xml, forms, user = 'hq.process_owner') => post(user, '/api/processes', { xml, changeNote: '测试部署', ...(forms ? { forms } : {}) }),
    async start(user, processKey, variables = {}, extra = {}) {
      const res = await post(user, '/api/cases', { processKey, title: `${processKey} 测试`, variables, ...extra });
      expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    },
    openTasks,
    waitForTasks: (caseId, elementIds) =>
      eventually(
        async () => {
          const tasks = await openTasks(caseId);
          return JSON.stringify(tasks.map((t) => t.elementId).sort()) === JSON.stringify([...elementIds].sort()) ? tasks : undefined;
        },
        20_000,
        `open tasks ${elementIds.join(', ')} in ${caseId}`,
      ),
    complete: (user, taskId, body = { outcome: 'complete' }) => post(user, `/api/tasks/${encodeURIComponent(taskId)}/complete`, body),
    result: (caseId) => stack.temporal.client.workflow.getHandle(caseId).result() as Promise<BpmnProcessResult>,
    state: async (caseId) => (await stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/state`, headers: { cookie: await cookie('hq.auditor') } })).json(),
    async events(caseId) {
      const { rows } = await stack.db.query<{ kind: string; element: string | null }>(
        `SELECT kind, payload->>'elementId' AS element FROM case_event WHERE case_id = $1 ORDER BY seq`,
        [caseId],
      );
      return rows.map((r) => (r.element ? `${r.kind}:${r.element}` : r.kind));
    },
    async recordHistory(caseId, name) {
      const dir = process.env.SHOUWEN_RECORD_HISTORIES;
      if (!dir) return;
      // The CLI's JSON is the standard export format (the same as the Temporal UI's download).
      const json = execFileSync(sharedStack().temporalCliPath, ['workflow', 'show', '--workflow-id', caseId, '--address', sharedStack().temporalAddress, '--output', 'json'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      mkdirSync(dir, { recursive: true });
      // The workflow ID matters on replay (task IDs derive from it), so it is kept beside the events.
      writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ workflowId: caseId, ...JSON.parse(json) }, null, 1)}\n`);
    },
    async close() {
      await stack.close();
      await worker.stop();
    },
  };
}

/**
 * Starts version 1 of a deployed process straight on Temporal with a low continue-as-new threshold
 * (the API never sets one), as the zj agent, for tests of what carries over to the next run.
 */
export async function startContinuingAsNew(e: Engine, key: string, afterEvents = 25): Promise<{ caseId: string; firstRunId: string }> {
  const definition = (await e.stack.app.inject({ method: 'GET', url: `/api/processes/${key}/versions/1`, headers: { cookie: await e.cookie('hq.auditor') } })).json();
  const businessKey = `CAN-${Date.now()}`;
  const caseId = `${key}/${businessKey}`;
  const input: BpmnProcessInput = {
    model: definition.model,
    processVersion: 1,
    forms: {},
    businessKey,
    title: '长周期案例',
    initiatorId: 'zj.cs_agent',
    unitId: 'zj',
    variables: {},
    startedAt: new Date().toISOString(),
    continueAsNewAfterEvents: afterEvents,
    patchLevel: PATCH_LEVEL,
  };
  const handle = await e.stack.temporal.client.workflow.start('bpmnProcess', { taskQueue: e.stack.temporal.taskQueue, workflowId: caseId, args: [input] });
  return { caseId, firstRunId: handle.firstExecutionRunId };
}
