import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../programs/cli/spawn-cli';
import { createPool, type Db } from '../../db/pool';
import { bpmnXml, flow, uniqueKey, userTask } from '../engine-harness';
import { eventually, startTestWorker, uniqueTaskQueue, type RunningWorker } from '../helpers';
import { sharedStack } from '../shared-stack';

// `npx shouwen doctor` against the shared Temporal server and database: projection rows broken
// by hand (as a restored backup or a stray UPDATE would leave them), named, repaired, clean.
describe('shouwen doctor', () => {
  const taskQueue = uniqueTaskQueue('doctor');
  let worker: RunningWorker;
  let db: Db;
  let tmp: string;
  const cli = (...args: string[]) =>
    runCli(args, { DATABASE_URL: sharedStack().databaseUrl, TEMPORAL_ADDRESS: sharedStack().temporalAddress, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shouwen-doctor-it-'));
    db = createPool(sharedStack().databaseUrl, 2);
    worker = await startTestWorker(taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.end();
    await rm(tmp, { recursive: true, force: true });
  });

  /** A deployed two-step process of its own, so other tests' cases are not in the check. */
  async function deployTwoSteps(name: string): Promise<string> {
    const key = uniqueKey(name);
    const file = join(tmp, `${key}.bpmn`);
    await writeFile(file, bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('first')}${userTask('second')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'first')}${flow('f2', 'first', 'second')}${flow('f3', 'second', 'e')}`));
    const deployed = await cli('deploy', file, '--note', '诊断测试');
    expect(deployed, deployed.stderr).toMatchObject({ code: 0 });
    return key;
  }
  const openTask = (caseId: string, elementId: string) =>
    eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'open'`, [caseId, elementId])).rows[0]?.id, 20_000, `${elementId} of ${caseId}`);
  async function start(key: string, businessKey: string): Promise<string> {
    const started = await cli('start', key, '--user', 'zj.cs_agent', '--business-key', businessKey);
    expect(started, started.stderr).toMatchObject({ code: 0 });
    return `${key}/${businessKey}`;
  }
  async function complete(taskId: string) {
    const done = await cli('complete', taskId, '--user', 'zj.cs_manager');
    expect(done, done.stderr).toMatchObject({ code: 0 });
  }
  /** Writes the projections would never make: foreign keys and triggers off for this statement only. */
  async function tamper(sql: string, params: unknown[]) {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  it('names a deleted task row and flipped case statuses in Chinese, repairs them from Temporal, then reports zero', async () => {
    const key = await deployTwoSteps('doctor');
    const [waiting, done, stillRunning] = await Promise.all([start(key, 'A'), start(key, 'B'), start(key, 'C')]);
    const lostTask = await openTask(waiting, 'first');
    await complete(await openTask(done, 'first'));
    await complete(await openTask(done, 'second'));
    await eventually(async () => ((await db.query(`SELECT 1 FROM process_case WHERE id = $1 AND status = 'completed'`, [done])).rows[0] ? true : undefined), 20_000, 'B completed');
    const runningTask = await openTask(stillRunning, 'first');

    const clean = await cli('doctor', '--process', key, '--settle-ms', '1');
    expect(clean, clean.stderr).toMatchObject({ code: 0 });
    expect(clean.stdout).toContain('(ok: 3 cases, 0 differences)');

    const before = (await db.query('SELECT * FROM task WHERE id = $1', [lostTask])).rows[0];
    await tamper('DELETE FROM task WHERE id = $1', [lostTask]);
    await tamper(`UPDATE process_case SET status = 'running', ended_at = NULL WHERE id = $1`, [done]);
    await tamper(`UPDATE process_case SET status = 'completed', ended_at = now() WHERE id = $1`, [stillRunning]);

    const found = await cli('doctor', '--process', key, '--settle-ms', '1');
    expect(found.code, found.stderr).toBe(1);
    const lines = found.stdout.trimEnd().split('\n');
    expect(lines).toContain(`[task.missing] 案例 ${waiting}：Temporal 说待办「first」（${lostTask}）在等人办理；数据库中没有这条待办`);
    expect(lines).toContain(`[case.status] 案例 ${done}：Temporal 说案例已完成；数据库说运行中`);
    expect(lines).toContain(`[case.status] 案例 ${stillRunning}：Temporal 说案例运行中；数据库说已完成`);
    expect(lines.at(-1)).toMatch(/^发现 3 处差异（检查了 3 个案例）/);

    const repaired = await cli('doctor', '--process', key, '--repair', '--settle-ms', '1');
    expect(repaired, repaired.stderr).toMatchObject({ code: 0 });
    expect(repaired.stdout).toContain(`已修复 repaired: ${waiting}: 待办 ${lostTask}（first）按 Temporal 的状态重建`);
    expect(repaired.stdout.trimEnd().split('\n').at(-1)).toContain('(ok: 3 cases, 0 differences)');

    // The rebuilt row is the one the projection wrote: same step, unit, candidates, opening time.
    const after = (await db.query('SELECT * FROM task WHERE id = $1', [lostTask])).rows[0];
    for (const column of ['case_id', 'element_id', 'name', 'status', 'unit_id', 'candidate_roles', 'candidate_scope', 'assignee_id', 'form_id', 'outcomes', 'separation_of_duties', 'created_at']) {
      expect(after?.[column], column).toEqual(before?.[column]);
    }
    const statuses = await db.query<{ id: string; status: string; ended: boolean }>('SELECT id, status, ended_at IS NOT NULL AS ended FROM process_case WHERE id = ANY ($1) ORDER BY id', [[done, stillRunning]]);
    expect(statuses.rows).toEqual([
      { id: done, status: 'completed', ended: true },
      { id: stillRunning, status: 'running', ended: false },
    ]);
    // Each repair is on the case's trail, and the trail still verifies (the next run found no break).
    const trail = await db.query(`SELECT case_id, payload->>'code' AS code FROM case_event WHERE kind = 'case.repaired' AND case_id = ANY ($1) ORDER BY case_id`, [[waiting, done, stillRunning]]);
    expect(trail.rows).toEqual([
      { case_id: waiting, code: 'task.missing' },
      { case_id: done, code: 'case.status' },
      { case_id: stillRunning, code: 'case.status' },
    ].sort((a, b) => a.case_id.localeCompare(b.case_id)));

    // The repaired case goes on as before: its task completes through the workflow.
    await complete(lostTask);
    await openTask(waiting, 'second');
    await complete(runningTask);
    const again = await cli('doctor', '--process', key, '--settle-ms', '1');
    expect(again, again.stderr).toMatchObject({ code: 0 });
  });

  it('a task row left open that Temporal no longer has is closed as its trail says, and an edited audit entry is named but never rewritten', async () => {
    const key = await deployTwoSteps('doctor-chain');
    const caseId = await start(key, 'D');
    const first = await openTask(caseId, 'first');
    await complete(first);
    await openTask(caseId, 'second');
    await tamper(`UPDATE task SET status = 'open', completed_at = NULL WHERE id = $1`, [first]);
    const opened = (await db.query<{ seq: string }>(`SELECT seq FROM case_event WHERE event_key = $1`, [`${first}/opened`])).rows[0]!;
    await tamper(`UPDATE case_event SET payload = '{"elementId": "forged"}' WHERE seq = $1`, [opened.seq]);

    const found = await cli('doctor', '--process', key, '--settle-ms', '1');
    expect(found.code, found.stderr).toBe(1);
    expect(found.stdout).toContain(`[task.extra] 案例 ${caseId}：Temporal 说没有待办「first」（${first}）；数据库说它待办`);
    expect(found.stdout).toMatch(new RegExp(`\\[audit\\.chainBroken\\] 案例 ${caseId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}：审计链在第 \\d+ 条断开`));

    const repaired = await cli('doctor', '--process', key, '--repair', '--settle-ms', '1');
    expect(repaired.code).toBe(1);
    expect(repaired.stdout).toContain(`按审计记录标为已完成`);
    const row = (await db.query('SELECT status, completed_by FROM task WHERE id = $1', [first])).rows[0];
    expect(row).toEqual({ status: 'completed', completed_by: 'zj.cs_manager' });
    // Only the chain is left: evidence of tampering is not something a repair may paper over.
    const out = repaired.stdout.trimEnd().split('\n');
    const afterRepair = out.slice(out.findLastIndex((l) => l.startsWith('已修复')) + 1);
    expect(afterRepair.filter((l) => l.startsWith('['))).toEqual([expect.stringContaining('[audit.chainBroken]')]);
  });
});
