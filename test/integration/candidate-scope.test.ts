import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';
import { noNameWarning } from '../helpers';

// shouwen:candidateScope end to end: a case opened in 浙江 (zj, below 华东 east, below 总部 hq).
// With "ancestors" a cs_manager of east or hq is a candidate too; without it only zj's is, and
// every inbox route (list, counts, detail, claim, complete, bulk) says so alike.

describe('candidate groups held above the case unit (shouwen:candidateScope)', () => {
  let e: Engine;
  let wideKey: string;
  let unitKey: string;
  const diagram = (key: string, attrs: string) =>
    bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('approve', { group: 'cs_manager', attrs })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`);

  beforeAll(async () => {
    e = await startEngine('scope');
    wideKey = uniqueKey('scope-up');
    unitKey = uniqueKey('scope-unit');
    expect((await e.deploy(diagram(wideKey, 'shouwen:candidateScope="ancestors"'))).statusCode).toBe(201);
    expect((await e.deploy(diagram(unitKey, ''))).statusCode).toBe(201);
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json(), type: String(res.headers['content-type']) };
  };
  const groupQueue = async (user: string, key: string) => (await get(user, `/api/tasks?view=group&processKey=${key}`)).body.items as Array<{ id: string; candidateScope: string }>;
  const url = (taskId: string, action = '') => `/api/tasks/${encodeURIComponent(taskId)}${action}`;
  const openCase = async (key: string) => {
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['approve']);
    return { caseId, taskId: task!.id };
  };

  it('ancestors: a cs_manager of the region and of headquarters sees it; the region claims and completes it', async () => {
    const { caseId, taskId } = await openCase(wideKey);
    const { rows } = await e.stack.db.query('SELECT unit_id, candidate_scope FROM task WHERE id = $1', [taskId]);
    expect(rows[0]).toEqual({ unit_id: 'zj', candidate_scope: 'ancestors' });

    for (const user of ['zj.cs_manager', 'east.cs_manager', 'hq.cs_manager']) {
      expect((await groupQueue(user, wideKey)).map((t) => t.id), user).toEqual([taskId]);
    }
    expect((await groupQueue('east.cs_manager', wideKey))[0]!.candidateScope).toBe('ancestors');
    // Another region is not above 浙江; a role that is not a candidate group does not count either.
    for (const user of ['south.cs_manager', 'gd.cs_manager', 'east.cs_agent']) {
      expect(await groupQueue(user, wideKey), user).toEqual([]);
      const detail = await get(user, url(taskId));
      expect(detail.statusCode, user).toBe(403);
      expect(detail.type).toContain('application/problem+json');
    }
    expect((await get('east.cs_manager', '/api/tasks/counts')).body.group).toBeGreaterThanOrEqual(1);

    const detail = await get('east.cs_manager', url(taskId));
    expect(detail.statusCode).toBe(200);
    expect(detail.body.can).toMatchObject({ complete: true, claim: true });

    expect((await e.post('south.cs_manager', url(taskId, '/claim'))).statusCode).toBe(403);
    const claim = await e.post('east.cs_manager', url(taskId, '/claim'));
    expect(claim.statusCode, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body.assigneeId).toBe('east.cs_manager');
    // Claimed: the other candidates still see it but may no longer act on it.
    expect((await e.complete('hq.cs_manager', taskId)).statusCode).toBe(409);

    const done = await e.complete('east.cs_manager', taskId);
    expect(done.statusCode, JSON.stringify(done.body)).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
    const { rows: after } = await e.stack.db.query('SELECT status, completed_by FROM task WHERE id = $1', [taskId]);
    expect(after[0]).toEqual({ status: 'completed', completed_by: 'east.cs_manager' });
  });

  it('ancestors: headquarters completes through bulk completion as well', async () => {
    const { caseId, taskId } = await openCase(wideKey);
    const bulk = await e.post('hq.cs_manager', '/api/tasks/bulk-complete', { items: [{ taskId, outcome: 'complete' }] });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.body.results[0]).toMatchObject({ taskId, ok: true, status: 200 });
    expect((await e.result(caseId)).status).toBe('completed');
  });

  it('unit (the default): the region is refused on every route; 浙江 completes it', async () => {
    const { caseId, taskId } = await openCase(unitKey);
    const { rows } = await e.stack.db.query('SELECT candidate_scope FROM task WHERE id = $1', [taskId]);
    expect(rows[0]!.candidate_scope).toBe('unit');

    for (const user of ['east.cs_manager', 'hq.cs_manager']) {
      expect(await groupQueue(user, unitKey), user).toEqual([]);
      expect((await get(user, `/api/tasks?view=all&processKey=${unitKey}`)).body.items, user).toEqual([]);
      const detail = await get(user, url(taskId));
      expect(detail.statusCode, user).toBe(403);
      expect(detail.type).toContain('application/problem+json');
      for (const action of ['/claim', '/complete']) {
        const res = await e.post(user, url(taskId, action), action === '/complete' ? { outcome: 'complete' } : undefined);
        expect(res.statusCode, `${user} ${action}`).toBe(403);
        expect(res.body.title).toBe('无权操作');
      }
      const bulk = await e.post(user, '/api/tasks/bulk-complete', { items: [{ taskId, outcome: 'complete' }] });
      expect(bulk.body.results[0]).toMatchObject({ ok: false, status: 403 });
    }

    expect((await groupQueue('zj.cs_manager', unitKey)).map((t) => t.id)).toEqual([taskId]);
    expect((await e.complete('zj.cs_manager', taskId)).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
  });

  it('a user task that names nobody goes to the process owners above the case unit, who complete it (issue 13 §8)', async () => {
    const key = uniqueKey('nobody');
    const res = await e.deploy(bpmnXml(key, `<bpmn:startEvent id="s"/><bpmn:userTask id="approve" name="无人指定"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`));
    expect(res.statusCode).toBe(201);
    expect(res.body.warnings).toEqual([expect.objectContaining({ elementId: 'approve', code: 'bpmn.userTask.toProcessOwners' }), noNameWarning(key)]);
    const { caseId, taskId } = await openCase(key);
    expect((await groupQueue('hq.process_owner', key)).map((t) => t.id)).toEqual([taskId]);
    expect(await groupQueue('zj.cs_manager', key)).toEqual([]);
    expect((await e.complete('hq.process_owner', taskId)).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
  });
});
