import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../programs/cli/spawn-cli';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { caseStateQuery, type BpmnProcessResult } from '../../workflows/bpmn/messages';
import { bpmnXml, flow, uniqueKey, userTask } from '../engine-harness';
import { eventually, startTestWorker, uniqueTaskQueue, type RunningWorker } from '../helpers';
import { sharedStack } from '../shared-stack';
import { shanghaiDateTime } from '../../domain/china-time';

// `npx shouwen …` as a user runs it: a subprocess configured only through the environment,
// against the shared Temporal server and database, with an in-process worker running the cases.
describe('shouwen CLI against Temporal and PostgreSQL', () => {
  const taskQueue = uniqueTaskQueue('cli');
  let worker: RunningWorker;
  let db: Db;
  let temporal: TemporalAccess;
  let tmp: string;
  let completedTaskId: string | undefined;
  const stackEnv = () => ({ DATABASE_URL: sharedStack().databaseUrl, TEMPORAL_ADDRESS: sharedStack().temporalAddress, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue });
  /** In English (SHOUWEN_LANG=en), as most assertions below read it. */
  const cli = (...args: string[]) => runCli(args, { ...stackEnv(), SHOUWEN_LANG: 'en' });
  /** As a user runs it: no SHOUWEN_LANG, so Chinese. */
  const cliZh = (...args: string[]) => runCli(args, { ...stackEnv(), SHOUWEN_LANG: undefined });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shouwen-cli-it-'));
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue });
    worker = await startTestWorker(taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await temporal?.close();
    await db?.end();
    await rm(tmp, { recursive: true, force: true });
  });

  it('deploys, starts a case with --var, lists and completes its task, and replays the finished case', async () => {
    const key = uniqueKey('cli');
    const file = join(tmp, `${key}.bpmn`);
    await writeFile(file, bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('review')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`));

    const deployed = await cli('deploy', file, '--user', 'hq.process_owner', '--note', '命令行部署');
    // bpmnXml names the process by its key, which is no name of its own: deploy says so, and deploys.
    const noName = `${file}: warning: The process has no name: lists, cases and reports show it as “Unnamed process (${key})”. Name it in the process properties.\n`;
    expect(deployed, deployed.stderr).toMatchObject({ code: 0, stdout: `${noName}deployed ${key} v1\n` });
    expect(await cli('deploy', file, '--note', '再部署一次')).toMatchObject({ code: 0, stdout: `${noName}unchanged ${key} v1 (identical content)\n` });
    const { rows } = await db.query('SELECT deployed_by, change_note FROM process_definition WHERE key = $1', [key]);
    expect(rows).toEqual([{ deployed_by: 'hq.process_owner', change_note: '命令行部署' }]);

    const started = await cli('start', key, '--user', 'zj.cs_agent', '--business-key', 'CLI-1', '--title', '命令行测试',
      '--var', 'amount=1200', '--var', 'vip=true', '--var', 'note=加急 处理', '--var', 'tags=["a","b"]', '--var', 'code="007"');
    expect(started, started.stderr).toMatchObject({ code: 0, stdout: `${key}/CLI-1\n` });
    const caseId = `${key}/CLI-1`;
    const handle = temporal.client.workflow.getHandle(caseId);
    expect((await handle.query(caseStateQuery)).variables).toMatchObject({ amount: 1200, vip: true, note: '加急 处理', tags: ['a', 'b'], code: '007' });

    const taskId = await eventually(async () => {
      const open = await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId]);
      return open.rows[0]?.id;
    }, 20_000, 'the review task');

    const [mine, mineZh, others, refused, refusedZh] = await Promise.all([
      cli('tasks', '--user', 'zj.cs_manager'),
      cliZh('tasks', '--user', 'zj.cs_manager'),
      cli('tasks', '--user', 'js.cs_manager', '--limit', '200'),
      cli('complete', taskId, '--user', 'zj.cs_agent'),
      cliZh('complete', taskId, '--user', 'zj.cs_agent'),
    ]);
    expect(mine.code, mine.stderr).toBe(0);
    const [header, ...lines] = mine.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +STATUS +NAME +CASE +TITLE +ASSIGNEE +DUE \(China time\)$/);
    const line = lines.find((l) => l.startsWith(`${taskId} `));
    expect(line).toBeDefined();
    expect(line!.split(/ {2,}/)).toEqual([taskId, 'open', 'review', caseId, '命令行测试', '-', '-']);
    // The columns line up: every cell of a column starts where its header does.
    expect(line!.lastIndexOf(caseId)).toBe(header!.indexOf('CASE'));
    // By default in Chinese: the headings and the status in words, the case by its title beside its id.
    expect(mineZh.code, mineZh.stderr).toBe(0);
    const [headerZh, ...linesZh] = mineZh.stdout.trimEnd().split('\n');
    expect(headerZh!.split(/ {2,}/)).toEqual(['任务编号', '状态', '名称', '案例编号', '案例', '处理人', '期限（北京时间）']);
    expect(linesZh.find((l) => l.startsWith(`${taskId} `))!.split(/ {2,}/)).toEqual([taskId, '待办', 'review', caseId, '命令行测试', '-', '-']);
    expect(others.code).toBe(0);
    expect(others.stdout).not.toContain(taskId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error 403: /);
    expect(refusedZh.code).toBe(1);
    expect(refusedZh.stderr).toMatch(/^错误 403：[\u4e00-\u9fff]/);

    const completed = await cliZh('complete', taskId, '--user', 'zj.cs_manager', '--comment', '同意');
    expect(completed, completed.stderr).toMatchObject({ code: 0 });
    // China time, whatever the machine's zone (the tests run with TZ=UTC).
    const { rows: done1 } = await db.query<{ completed_at: Date }>('SELECT completed_at FROM task WHERE id = $1', [taskId]);
    const at = shanghaiDateTime(done1[0]!.completed_at);
    expect(completed.stdout).toBe(`已办理“review”（${taskId}），结果：完成，时间：${at}（北京时间）\n`);
    expect(((await handle.result()) as BpmnProcessResult).status).toBe('completed');

    const [replayed, done] = await Promise.all([cli('replay', caseId), cli('tasks', '--user', 'zj.cs_manager', '--status', 'completed')]);
    expect(replayed, replayed.stderr).toMatchObject({ code: 0 });
    expect(replayed.stdout).toMatch(/^replay ok \(\d+ events\)\n$/);
    expect(done.stdout, done.stderr).toContain(taskId);
    completedTaskId = taskId;
  });

  it('admin, the default user, sees every task', async () => {
    expect(completedTaskId).toBeDefined();
    const all = await cli('tasks', '--status', 'completed', '--limit', '200');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain(completedTaskId);
  });

  it('tasks masks a case title for a reader not cleared for its customer, as the API does (客户信息秘密等级)', async () => {
    const key = uniqueKey('cli-secret');
    const file = join(tmp, `${key}.bpmn`);
    await writeFile(file, bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`));
    expect((await cli('deploy', file, '--user', 'hq.process_owner', '--note', '保密客户')).code).toBe(0);
    // C0001 杭州西湖电子 is secret: a 客服人员 of its unit is offered the step but is not cleared for whose it is.
    const started = await cli('start', key, '--user', 'zj.cs_agent', '--customer', 'C0001', '--title', '杭州西湖电子有限公司 回访');
    expect(started.code, started.stderr).toBe(0);
    const caseId = started.stdout.trim();
    const taskId = await eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0]?.id, 20_000, 'the call task');
    // The auditor sees every task and is cleared for every level.
    const [agent, auditor] = await Promise.all([cliZh('tasks', '--user', 'zj.cs_agent', '--limit', '200'), cliZh('tasks', '--user', 'hq.auditor', '--limit', '200')]);
    const lineOf = (out: string) => out.split('\n').find((l) => l.startsWith(`${taskId} `));
    expect(lineOf(agent.stdout), agent.stdout + agent.stderr).toContain('（保密客户的案例）');
    expect(agent.stdout).not.toContain('杭州西湖电子');
    expect(lineOf(auditor.stdout), auditor.stdout + auditor.stderr).toContain('杭州西湖电子有限公司 回访');
  });

  it('reports refusals: problems of a diagram, unknown process, task, workflow and user', async () => {
    const key = uniqueKey('cli-bad');
    const file = join(tmp, `${key}.bpmn`);
    await writeFile(
      file,
      bpmnXml(key, `<bpmn:startEvent id="s"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="no-such-process"/></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="e"/>${flow('f1', 's', 'call')}${flow('f2', 'call', 'e')}`),
    );
    const [offline, deployed, start, customer, complete, replay, user] = await Promise.all([
      cli('validate', file),
      cli('deploy', file, '--note', '调用未部署的流程'),
      cli('start', 'no-such-process'),
      cli('start', 'demo-approval', '--customer', 'NOPE'),
      cli('complete', 'no-such-task', '--user', 'zj.cs_manager'),
      cli('replay', 'no-such-case/1'),
      cli('tasks', '--user', 'nobody'),
    ]);
    // Offline, a call to a process that is not deployed cannot be known to be wrong.
    expect(offline.code).toBe(0);
    expect(deployed.code).toBe(1);
    // The element by its name, or its kind when it has none — never its id ("call").
    expect(deployed.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Unnamed call activity: .*no-such-process`));
    // As a user runs it: the same line, in the editor's Chinese.
    expect(await cliZh('deploy', file, '--note', '调用未部署的流程')).toMatchObject({ code: 1, stdout: expect.stringContaining(`${file}: 未命名的调用活动：被调用的流程“no-such-process”尚未部署：请先部署或修正流程 ID。\n`) });
    expect(start).toMatchObject({ code: 1, stderr: 'error 404: No deployed process "no-such-process".\n' });
    expect(await cliZh('start', 'demo-approval', '--customer', 'NOPE')).toMatchObject({ code: 1, stderr: '错误 422：找不到客户 NOPE。\n  body.customerId：找不到客户 NOPE。\n' });
    expect(await cliZh('tasks', '--user', 'nobody')).toMatchObject({ code: 2, stderr: '没有用户“nobody”。\n' });
    // Field errors follow the problem, one per line.
    expect(customer).toMatchObject({ code: 1, stderr: 'error 422: No customer NOPE.\n  body.customerId: unknown customer\n' });
    expect(complete).toMatchObject({ code: 1, stderr: 'error 404: No task no-such-task.\n' });
    expect(replay).toMatchObject({ code: 1, stderr: 'No workflow no-such-case/1 in namespace default.\n' });
    expect(user).toMatchObject({ code: 2, stderr: 'No user "nobody".\n' });
  });

  it('a reviewed decision table deployed from the command line opens its decision-change case, as the API does, and is not in force', async () => {
    const key = uniqueKey('cli-dmn');
    await db.query(`INSERT INTO decision_review_policy (decision_key, note) VALUES ($1, 'cli test')`, [key]);
    const dmn = async (limit: number) => {
      const file = join(tmp, `${key}-${limit}.dmn`);
      const xml = (await readFile('bpmn/decisions/credit-grading.dmn', 'utf8'))
        .replace('id="credit-grading-rules"', `id="${key}"`)
        .replace(/decision id="creditGrade"/, `decision id="${key}_grade"`)
        .replace('<text>2000000</text>', `<text>${limit}</text>`);
      await writeFile(file, xml);
      return file;
    };
    // The first version has nothing in force to protect: it takes effect at once.
    expect(await cli('deploy', await dmn(2_000_000), '--user', 'hq.process_owner')).toMatchObject({ code: 0, stdout: `deployed decisions ${key} v1\n` });
    const caseId = `decision-change/DMN-${key}-v2`;
    const changed = await dmn(3_000_000);
    const proposed = await cli('deploy', changed, '--user', 'hq.process_owner');
    expect(proposed, proposed.stderr).toMatchObject({ code: 0, stdout: `deployed decisions ${key} v2\nnot in force: changes to ${key} need a 客服经理's approval in case ${caseId}\n` });
    const { rows } = await db.query('SELECT review_status, effective_at FROM decision_definition WHERE key = $1 AND version = 2', [key]);
    expect(rows).toEqual([{ review_status: 'proposed', effective_at: null }]);
    // The 客服经理's review step is open in that case; a repeat of the deploy finds the same case.
    const review = await eventually(async () => (await db.query(`SELECT element_id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0], 20_000, 'the review task');
    expect(review).toEqual({ element_id: 'Activity_ReviewChange' });
    expect(await cli('deploy', changed, '--user', 'hq.process_owner')).toMatchObject({ code: 0, stdout: `unchanged decisions ${key} v2 (identical content)\nnot in force: changes to ${key} need a 客服经理's approval in case ${caseId}\n` });
  });
});
