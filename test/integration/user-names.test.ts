import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';
import { eventually } from '../helpers';

// People are shown by name (issue 12): every answer that names a user by id carries the display
// name beside it, read from app_user; the engine (no actor) has neither.

const AGENT = '浙江省服务中心 客服人员';
const MANAGER = '浙江省服务中心 客服经理';
const GM = '浙江省服务中心 总经理';

describe('user names beside user ids', () => {
  let e: Engine;
  let key: string;
  let caseId: string;
  let taskId: string;
  beforeAll(async () => {
    e = await startEngine('names');
    key = uniqueKey('names');
    // 审批 is offered to 客服经理 and, by name, to the 总经理 and to an id that names no one.
    const approve = `<bpmn:userTask id="approve" name="审批"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager" candidateUsers="zj.general_manager, ghost.nobody"/></bpmn:extensionElements></bpmn:userTask>`;
    const xml = bpmnXml(key, `<bpmn:startEvent id="s"/>${approve}${userTask('check', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'check')}${flow('f3', 'check', 'e')}`);
    expect((await e.deploy(xml)).statusCode).toBe(201);
    caseId = await e.start('zj.cs_agent', key, { amount: 1 });
    taskId = (await e.waitForTasks(caseId, ['approve']))[0]!.id;
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const taskUrl = (suffix = '') => `/api/tasks/${encodeURIComponent(taskId)}${suffix}`;
  const caseUrl = (suffix = '') => `/api/cases/${encodeURIComponent(caseId)}${suffix}`;

  it('names the candidates, the assignee and the delegate of a task, in the inbox, the task page and the live state', async () => {
    const offered = (await get('zj.cs_manager', `/api/tasks?view=group&processKey=${key}`)).items[0];
    expect(offered).toMatchObject({ candidateUsers: ['zj.general_manager', 'ghost.nobody'], candidateUserNames: [GM, 'ghost.nobody'], assigneeId: null, assigneeName: null });

    expect((await e.post('zj.cs_manager', taskUrl('/claim'))).statusCode).toBe(200);
    await eventually(async () => ((await get('zj.cs_manager', `/api/tasks?view=mine&processKey=${key}`)).items[0]?.assigneeName === MANAGER ? true : undefined));
    const detail = await get('zj.cs_manager', taskUrl());
    expect(detail.task).toMatchObject({ assigneeId: 'zj.cs_manager', assigneeName: MANAGER });
    expect(detail.case).toMatchObject({ initiatorId: 'zj.cs_agent', initiatorName: AGENT, ownerId: 'zj.cs_agent', ownerName: AGENT });

    const state = await get('zj.cs_manager', caseUrl('/state'));
    expect(state.openTasks[0]).toMatchObject({ assigneeId: 'zj.cs_manager', assigneeName: MANAGER, candidateUserNames: [GM, 'ghost.nobody'] });

    expect((await e.post('zj.cs_manager', taskUrl('/delegate'), { userId: 'zj.general_manager', reason: '金额较大' })).statusCode).toBe(200);
    await eventually(async () => ((await get('zj.general_manager', taskUrl())).task.assigneeName === GM ? true : undefined));
  });

  it('tells the delegate who handed the task over and which step, by name', async () => {
    const notices = await eventually(async () => {
      const list = (await get('zj.general_manager', '/api/notifications?limit=100')).items as Array<{ taskId: string; title: string; body: string }>;
      return list.find((n) => n.taskId === taskId && n.title.includes('转交'));
    });
    expect(notices.title).toBe(`${MANAGER}转交给您：审批`);
    // The same as parameters, for the console to word in English too.
    expect(notices).toMatchObject({ params: { notice: 'task.delegated', actor: MANAGER, task: '审批' } });
    expect(notices.title).not.toContain('zj.');
  });

  it('names who completed a step, in the steps, the completed inbox and the history; the engine has no name', async () => {
    expect((await e.complete('zj.general_manager', taskId)).statusCode).toBe(200);
    const next = (await e.waitForTasks(caseId, ['check']))[0]!;
    const detail = await get('zj.cs_agent', `/api/tasks/${encodeURIComponent(next.id)}`);
    expect(detail.steps).toEqual([expect.objectContaining({ completedBy: 'zj.general_manager', completedByName: GM })]);
    const done = (await get('zj.general_manager', `/api/tasks?status=completed&processKey=${key}`)).items[0];
    expect(done).toMatchObject({ completedBy: 'zj.general_manager', completedByName: GM });

    const { case: c, events } = await get('zj.cs_manager', caseUrl());
    expect(c).toMatchObject({ initiatorName: AGENT, ownerName: AGENT });
    const byKind = (kind: string) => events.find((x: { kind: string }) => x.kind === kind);
    expect(byKind('case.started')).toMatchObject({ actorId: 'zj.cs_agent', actorName: AGENT });
    expect(byKind('task.claimed')).toMatchObject({ actorId: 'zj.cs_manager', actorName: MANAGER, assigneeName: MANAGER });
    expect(byKind('task.delegated')).toMatchObject({ actorName: MANAGER, payload: { assigneeId: 'zj.general_manager' }, assigneeName: GM });
    expect(byKind('task.completed')).toMatchObject({ actorName: GM });
    expect(byKind('task.opened')).toMatchObject({ actorId: null, actorName: null });

    const audit = await get('hq.auditor', caseUrl('/audit'));
    expect(audit.verified).toBe(true);
    expect(audit.entries.find((x: { kind: string }) => x.kind === 'task.delegated')).toMatchObject({ actorName: MANAGER, assigneeName: GM });

    const listed = (await get('zj.cs_manager', '/api/cases?limit=200')).items.find((x: { id: string }) => x.id === caseId);
    expect(listed).toMatchObject({ initiatorName: AGENT, ownerName: AGENT });
  });

  it("names the admin who changed a user in the user's change history", async () => {
    const patched = await e.stack.app.inject({ method: 'PATCH', url: '/api/admin/users/fj.sales', headers: { cookie: await e.cookie('admin') }, payload: { email: 'fj.sales@example.com' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const changes = (await get('admin', '/api/admin/users/fj.sales/changes')).items;
    expect(changes.at(-1)).toMatchObject({ actorId: 'admin', actorName: '系统管理员' });
  });
});
