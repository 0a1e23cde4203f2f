import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sandboxWorkflowId } from '../../bpmn/sandbox';
import { fireTimerUpdate } from '../../workflows/bpmn/messages';
import { createPool, type Db } from '../../db/pool';
import { createSandboxWorker } from '../../programs/worker/create-worker';
import { bpmnXml, flow, startEngine, timerDuration, uniqueKey, userTask, type Engine } from '../engine-harness';
import { eventually } from '../helpers';
import { sharedStack } from '../shared-stack';

// Issue 18 §8 (试运行): a draft played in the sandbox runs on the same interpreter, but writes no
// case, task, trail, notification or business row, is the starting owner's alone, and a draft
// that would not deploy does not play either.

const message = (id: string, name: string, key: string) => `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${key}"/></bpmn:extensionElements></bpmn:message>`;

/** start → 审核 (assigned to zj.cs_manager: a real case would notify them) → 记录回访 (writes a callback row) → wait 3 days → 客户确认 (message) → 复核 → end. */
const draft = (key: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>
     ${userTask('review', { assignee: 'zj.cs_manager', attrs: 'shouwen:outcomes="同意,驳回"' })}
     <bpmn:serviceTask id="callback" name="记录回访"><bpmn:extensionElements><zeebe:taskDefinition type="record-callback"/></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:intermediateCatchEvent id="wait3d" name="等三天">${timerDuration('P3D')}</bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="confirm" name="客户确认"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
     ${userTask('recheck', { group: 'cs_manager' })}
     <bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'callback')}${flow('f3', 'callback', 'wait3d')}${flow('f4', 'wait3d', 'confirm')}${flow('f5', 'confirm', 'recheck')}${flow('f6', 'recheck', 'end')}`,
    '',
    message('m', 'customer-confirmed', '=orderNo'),
  );

/** Every table a case of the product writes to, by its case id. */
const CASE_TABLES = [['process_case', 'id'], ...['task', 'case_event', 'notification', 'chat_message', 'incident', 'message_subscription', 'callback_record'].map((t) => [t, 'case_id'])] as const;

describe('试运行: a draft played in the sandbox', () => {
  let e: Engine;
  let sandbox: { run: Promise<void>; stop(): Promise<void> };
  let key: string;
  beforeAll(async () => {
    e = await startEngine('play');
    // The worker process serves the sandbox queue beside the case queue (programs/worker/main.ts).
    const db: Db = createPool(sharedStack().databaseUrl, 2);
    const connection = await NativeConnection.connect({ address: sharedStack().temporalAddress });
    const worker = await createSandboxWorker({ connection, namespace: 'default', taskQueue: e.stack.temporal.taskQueue, db, workflowBundlePath: inject('workflowBundlePath') });
    const run = worker.run();
    sandbox = {
      run,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await run;
        await connection.close();
        await db.end();
      },
    };
    key = uniqueKey('play');
    // Deployed once (drafts are of deployed processes); what is played below is a changed draft.
    const deployed = await e.deploy(bpmnXml(key, `<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`));
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await e?.close();
  });

  const call = async (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await e.stack.app.inject({ method, url, headers: { cookie: await e.cookie(user) }, ...(payload && { payload }) });
    return { statusCode: res.statusCode, body: res.statusCode === 204 ? undefined : res.json() };
  };
  const play = (runId: string) => `/api/processes/${key}/play/${runId}`;
  const waitFor = (user: string, runId: string, ready: (s: { activeElements: string[]; openTasks: Array<{ elementId: string }>; waitingTimers: string[]; awaitingMessages: string[]; status: string }) => boolean, what: string) =>
    eventually(
      async () => {
        const r = await call(user, 'GET', play(runId));
        expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
        return ready(r.body) ? r.body : undefined;
      },
      20_000,
      what,
    );

  it('plays the draft on the server with sample variables to its end: tasks as any role, a timer fired early, a message; nothing written, nobody notified', async () => {
    const saved = await call('hq.process_owner', 'PUT', `/api/processes/${key}/draft`, { xml: draft(key), revision: 0 });
    expect(saved.statusCode, JSON.stringify(saved.body)).toBe(200);
    const started = await call('hq.process_owner', 'POST', `/api/processes/${key}/play`, { variables: { orderNo: 'SO-1' } });
    expect(started.statusCode, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.runId as string;
    const workflowId = sandboxWorkflowId('hq.process_owner', key, runId);

    let s = await waitFor('hq.process_owner', runId, (x) => x.openTasks.some((t) => t.elementId === 'review'), 'the review step');
    expect(s.activeElements).toEqual(['review']);
    const review = (s as { openTasks: Array<{ taskId: string; elementId: string }> }).openTasks[0]!;
    // An outcome the step does not offer is refused by the workflow, as in the inbox.
    expect((await call('hq.process_owner', 'POST', `${play(runId)}/tasks/${encodeURIComponent(review.taskId)}/complete`, { outcome: '随便' })).body).toMatchObject({ code: 'play.taskRefused' });
    const done = await call('hq.process_owner', 'POST', `${play(runId)}/tasks/${encodeURIComponent(review.taskId)}/complete`, { outcome: '同意', asRole: 'cs_manager' });
    expect(done.statusCode, JSON.stringify(done.body)).toBe(200);

    // The service task ran as a no-op; the token waits at the 3-day timer until the owner fires it.
    s = await waitFor('hq.process_owner', runId, (x) => x.waitingTimers.includes('wait3d'), 'the timer');
    expect((await call('hq.process_owner', 'POST', `${play(runId)}/timers/confirm/fire`)).body).toMatchObject({ code: 'play.timerNotWaiting' });
    const fired = await call('hq.process_owner', 'POST', `${play(runId)}/timers/wait3d/fire`);
    expect(fired.statusCode, JSON.stringify(fired.body)).toBe(200);

    s = await waitFor('hq.process_owner', runId, (x) => x.awaitingMessages.includes('confirm'), 'the message wait');
    const sent = await call('hq.process_owner', 'POST', `${play(runId)}/messages`, { messageName: 'customer-confirmed', variables: { confirmedBy: '王建国' } });
    expect(sent.statusCode, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.consumed).toBe(true);

    s = await waitFor('hq.process_owner', runId, (x) => x.openTasks.some((t) => t.elementId === 'recheck'), 'the recheck step');
    const recheck = (s as { openTasks: Array<{ taskId: string; elementId: string }> }).openTasks.find((t) => t.elementId === 'recheck')!;
    // The owner started the run, yet completes a step as the role they play (no separation-of-duties clash).
    expect((await call('hq.process_owner', 'POST', `${play(runId)}/tasks/${encodeURIComponent(recheck.taskId)}/complete`, { outcome: 'complete', asRole: 'cs_manager' })).statusCode).toBe(200);
    const end = await waitFor('hq.process_owner', runId, (x) => x.status === 'completed', 'the end');
    expect(end.completedCounts).toMatchObject({ review: 1, callback: 1, wait3d: 1, confirm: 1, recheck: 1, end: 1 });
    expect((end as unknown as { variables: Record<string, unknown> }).variables).toMatchObject({ orderNo: 'SO-1', confirmedBy: '王建国' });

    for (const [table, column] of CASE_TABLES) {
      const { rowCount } = await e.stack.db.query(`SELECT 1 FROM ${table} WHERE ${column} LIKE 'sandbox:%' OR ${column} = $1`, [workflowId]);
      expect(rowCount, `${table} rows of the sandbox run`).toBe(0);
    }
    const { rowCount: notified } = await e.stack.db.query(`SELECT 1 FROM notification WHERE user_id = 'zj.cs_manager' AND case_id LIKE 'sandbox:%'`);
    expect(notified).toBe(0);
  });

  it('a run is its starter’s alone: another owner, an admin and an ordinary user cannot see or move it; 结束试运行 ends it', async () => {
    const started = await call('hq.process_owner', 'POST', `/api/processes/${key}/play`, { xml: draft(key), variables: { orderNo: 'SO-2' } });
    expect(started.statusCode, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.runId as string;
    const s = await waitFor('hq.process_owner', runId, (x) => x.openTasks.length === 1, 'the review step');
    const taskId = (s as { openTasks: Array<{ taskId: string }> }).openTasks[0]!.taskId;
    for (const other of ['zj.process_owner', 'admin']) {
      expect((await call(other, 'GET', play(runId))).body, other).toMatchObject({ code: 'play.notFound' });
      expect((await call(other, 'POST', `${play(runId)}/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: '同意' })).statusCode, other).toBe(404);
      expect((await call(other, 'DELETE', play(runId))).statusCode, other).toBe(404);
    }
    expect((await call('zj.cs_manager', 'GET', play(runId))).body).toMatchObject({ code: 'process.ownerOnly' });
    expect((await call('hq.process_owner', 'GET', play(runId))).body.status).toBe('running');

    expect((await call('hq.process_owner', 'DELETE', play(runId))).statusCode).toBe(204);
    const described = await e.stack.temporal.client.workflow.getHandle(sandboxWorkflowId('hq.process_owner', key, runId)).describe();
    expect(described.status.name).toBe('TERMINATED');
    // No search attribute names the process: lists that ask Temporal by process key never meet it.
    expect(described.typedSearchAttributes.getAll().map((p) => p.key.name)).not.toContain('ProcessKey');
  });

  it('fires a boundary timer early in a sandbox, and only there: a real case refuses fireTimer and keeps waiting', async () => {
    const k = uniqueKey('play-boundary');
    const xml = bpmnXml(
      k,
      `<bpmn:startEvent id="start"/>${userTask('work', { group: 'cs_agent' })}
       <bpmn:boundaryEvent id="late" attachedToRef="work">${timerDuration('PT1H')}</bpmn:boundaryEvent>
       <bpmn:endEvent id="done"/><bpmn:endEvent id="overdue"/>
       ${flow('f1', 'start', 'work')}${flow('f2', 'work', 'done')}${flow('f3', 'late', 'overdue')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const started = await call('hq.process_owner', 'POST', `/api/processes/${k}/play`, { xml });
    expect(started.statusCode, JSON.stringify(started.body)).toBe(201);
    const url = `/api/processes/${k}/play/${started.body.runId as string}`;
    await eventually(async () => ((await call('hq.process_owner', 'GET', url)).body.waitingTimers.includes('late') ? true : undefined), 20_000, 'the boundary timer');
    expect((await call('hq.process_owner', 'POST', `${url}/timers/late/fire`)).statusCode).toBe(200);
    const ended = await eventually(async () => {
      const s = (await call('hq.process_owner', 'GET', url)).body;
      return s.status === 'completed' ? s : undefined;
    }, 20_000, 'the run to end');
    expect(ended.completedCounts).toMatchObject({ late: 1, overdue: 1 });
    expect(ended.completedCounts.done).toBeUndefined();

    // A real case of the same process: the Update does not exist for it, and its timer keeps running.
    const caseId = await e.start('zj.cs_agent', k);
    await e.waitForTasks(caseId, ['work']);
    await expect(e.stack.temporal.client.workflow.getHandle(caseId).executeUpdate(fireTimerUpdate, { args: [{ elementId: 'late' }] })).rejects.toThrow();
    const state = await e.state(caseId);
    expect(state.status).toBe('running');
    expect(state.activeElements).toEqual(['work']);
    expect(state.waitingTimers).toBeUndefined();
  });

  it('a draft that would not deploy does not play: the same problem+json as deploy', async () => {
    const broken = bpmnXml(key, `<bpmn:startEvent id="start"/>${userTask('review')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'nowhere')}`);
    const [played, deployed] = [await call('hq.process_owner', 'POST', `/api/processes/${key}/play`, { xml: broken }), await e.deploy(broken)];
    expect(played.statusCode).toBe(422);
    expect(deployed.statusCode).toBe(422);
    expect(played.body.code).toBe('process.invalid');
    expect(played.body.errors).toEqual(deployed.body.errors);
    const other = await call('hq.process_owner', 'POST', `/api/processes/${key}/play`, { xml: draft(uniqueKey('other')) });
    expect(other.body).toMatchObject({ code: 'play.keyMismatch' });
    expect((await call('hq.process_owner', 'POST', `/api/processes/${uniqueKey('none')}/play`, {})).body).toMatchObject({ code: 'play.noDraft' });
  });
});
