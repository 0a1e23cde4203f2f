import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, login, startTestApi, startTestWorker, uniqueTaskQueue, type RunningWorker, type TestStack } from '../helpers';

interface TaskJson {
  id: string;
  caseId: string;
  status: string;
  outcome: string | null;
  completedBy: string | null;
  comment: string | null;
}

describe('first vertical slice: API → workflow → Update → projection → API', () => {
  const taskQueue = uniqueTaskQueue('slice');
  let stack: TestStack;
  let worker: RunningWorker;
  let agent: string;
  let manager: string;
  let otherManager: string;

  beforeAll(async () => {
    worker = await startTestWorker(taskQueue);
    stack = await startTestApi(taskQueue);
    agent = await login(stack.app, 'zj.cs_agent');
    manager = await login(stack.app, 'zj.cs_manager');
    otherManager = await login(stack.app, 'gd.cs_manager');
  });
  afterAll(async () => {
    await stack?.close();
    await worker?.stop();
  });

  const openTaskFor = (cookie: string, caseId: string) =>
    eventually(async () => {
      const res = await stack.app.inject({ method: 'GET', url: '/api/tasks?status=open', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return (res.json().items as TaskJson[]).find((t) => t.caseId === caseId);
    }, 30_000, `open task of ${caseId}`);

  it('starts a case, offers its approval to the unit manager only, and completes it once', async () => {
    const started = await stack.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: agent },
      payload: { processKey: 'demo-approval', title: '退货审批 测试' },
    });
    expect(started.statusCode).toBe(201);
    const { id: caseId, businessKey } = started.json();
    expect(caseId).toBe(`demo-approval/${businessKey}`);

    // Read-your-writes: the case is listed by the very next request.
    const listed = await stack.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: agent } });
    expect((listed.json().items as Array<{ id: string }>).map((c) => c.id)).toContain(caseId);

    const task = await openTaskFor(manager, caseId);
    expect(task.status).toBe('open');

    // The agent and another unit's manager cannot see or complete it.
    const agentTasks = await stack.app.inject({ method: 'GET', url: '/api/tasks', headers: { cookie: agent } });
    expect((agentTasks.json().items as TaskJson[]).some((t) => t.caseId === caseId)).toBe(false);
    const stranger = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: { cookie: otherManager },
      payload: { outcome: 'approve' },
    });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.headers['content-type']).toContain('application/problem+json');

    const done = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: { cookie: manager, 'idempotency-key': `test-${task.id}` },
      payload: { outcome: 'approve', comment: '同意' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ taskId: task.id, outcome: 'approve' });

    // The Update answers after the projection is written, so the very next read sees it.
    const after = await stack.app.inject({ method: 'GET', url: '/api/tasks?status=completed', headers: { cookie: manager } });
    const completed = (after.json().items as TaskJson[]).find((t) => t.id === task.id);
    expect(completed).toMatchObject({ status: 'completed', outcome: 'approve', completedBy: 'zj.cs_manager', comment: '同意' });

    // A retried request never completes twice: with the same key it gets the first answer again,
    // without one it is a new request for a task that is no longer open, a conflict.
    const retried = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: { cookie: manager, 'idempotency-key': `test-${task.id}` },
      payload: { outcome: 'approve', comment: '同意' },
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.body).toBe(done.body);
    const again = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: { cookie: manager },
      payload: { outcome: 'reject', comment: '再来一次' },
    });
    expect(again.statusCode).toBe(409);

    const result = await stack.temporal.client.workflow.getHandle(caseId).result();
    expect(result).toMatchObject({ status: 'completed', variables: { outcome: 'approve' } });

    const detail = await eventually(async () => {
      const res = await stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}`, headers: { cookie: agent } });
      const body = res.json();
      return body.case?.status === 'completed' ? body : undefined;
    });
    // Exactly one completion recorded, whatever the retries.
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['case.started', 'task.opened', 'task.completed', 'case.ended']);
  });

  it('refuses bad input with a problem naming the field', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'demo-approval', title: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.title' })]);

    const reject = await stack.app.inject({
      method: 'POST',
      url: '/api/tasks/nope/complete',
      headers: { cookie: manager },
      payload: { outcome: '' },
    });
    expect(reject.statusCode).toBe(400);
    expect(reject.json().errors[0].path).toBe('body.outcome');

    const unknown = await stack.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: agent } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, title: '未找到' });

    const anonymous = await stack.app.inject({ method: 'GET', url: '/api/tasks' });
    expect(anonymous.statusCode).toBe(401);

    const malformed = await stack.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });

  it('reports health of Temporal and the database', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', temporal: 'up', worker: 'up', database: 'up' });
  });
});
