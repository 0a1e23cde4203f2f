import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// The role × route matrix: every route the API publishes, asked by each kind of person.
// A route added without a row here fails the coverage check.

type Persona = 'anonymous' | 'initiator' | 'candidate' | 'otherUnit' | 'auditor' | 'owner' | 'admin';
const USERS: Record<Exclude<Persona, 'anonymous'>, string> = {
  initiator: 'zj.cs_agent',
  candidate: 'zj.cs_manager',
  otherUnit: 'gd.cs_manager',
  auditor: 'hq.auditor',
  owner: 'hq.process_owner',
  admin: 'admin',
};

interface Ctx {
  caseId: string;
  taskId: string;
  key: string;
  xml: string;
}
interface Row {
  route: string; // "METHOD /api/path/{param}" as in the OpenAPI document
  request: (c: Ctx) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object };
  /** Expected status per persona; undefined = not asked here (it would consume the shared task), see the named test. */
  expect: Partial<Record<Persona, number>>;
}

const enc = encodeURIComponent;
/** The user the admin rows create and then change (unique: the database is shared by the test files). */
const NEW_USER = `perm.${Date.now().toString(36)}`;
const MATRIX: Row[] = [
  { route: 'GET /api/health', request: () => ({ method: 'GET', url: '/api/health' }), expect: { anonymous: 200, auditor: 200 } },
  { route: 'POST /api/session', request: () => ({ method: 'POST', url: '/api/session', payload: { username: 'x', password: 'y' } }), expect: { anonymous: 401 } },
  { route: 'GET /api/session', request: () => ({ method: 'GET', url: '/api/session' }), expect: { anonymous: 401, candidate: 200, auditor: 200 } },
  { route: 'DELETE /api/session', request: () => ({ method: 'DELETE', url: '/api/session' }), expect: { anonymous: 204 } },
  {
    route: 'POST /api/cases',
    request: (c) => ({ method: 'POST', url: '/api/cases', payload: { processKey: c.key, title: '权限测试' } }),
    expect: { anonymous: 401, auditor: 403, initiator: 201 },
  },
  { route: 'GET /api/cases', request: () => ({ method: 'GET', url: '/api/cases' }), expect: { anonymous: 401, initiator: 200, auditor: 200, otherUnit: 200 } },
  {
    route: 'GET /api/cases/{id}',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}` }),
    expect: { anonymous: 401, initiator: 200, candidate: 200, otherUnit: 404, auditor: 200, owner: 200 },
  },
  {
    route: 'GET /api/cases/{id}/state',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/state` }),
    expect: { anonymous: 401, candidate: 200, otherUnit: 404, auditor: 200 },
  },
  {
    route: 'POST /api/cases/{id}/messages',
    request: (c) => ({ method: 'POST', url: `/api/cases/${enc(c.caseId)}/messages`, payload: { messageName: 'noise' } }),
    expect: { anonymous: 401, otherUnit: 404, auditor: 403, initiator: 200 },
  },
  {
    route: 'GET /api/cases/{id}/records',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/records` }),
    expect: { anonymous: 401, initiator: 200, candidate: 200, otherUnit: 404, auditor: 200 },
  },
  {
    route: 'GET /api/cases/{id}/audit',
    request: (c) => ({ method: 'GET', url: `/api/cases/${enc(c.caseId)}/audit` }),
    expect: { anonymous: 401, auditor: 200, candidate: 200, otherUnit: 404 },
  },
  {
    route: 'POST /api/cases/{id}/replay',
    request: (c) => ({ method: 'POST', url: `/api/cases/${enc(c.caseId)}/replay` }),
    expect: { anonymous: 401, auditor: 200, otherUnit: 404 },
  },
  { route: 'GET /api/tasks', request: () => ({ method: 'GET', url: '/api/tasks' }), expect: { anonymous: 401, candidate: 200, auditor: 200 } },
  { route: 'GET /api/tasks/counts', request: () => ({ method: 'GET', url: '/api/tasks/counts' }), expect: { anonymous: 401, candidate: 200 } },
  {
    route: 'GET /api/tasks/{id}',
    request: (c) => ({ method: 'GET', url: `/api/tasks/${enc(c.taskId)}` }),
    expect: { anonymous: 401, candidate: 200, auditor: 200, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/comments',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/comments`, payload: { body: '矩阵' } }),
    expect: { anonymous: 401, candidate: 201, auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/bulk-complete',
    request: (c) => ({ method: 'POST', url: '/api/tasks/bulk-complete', payload: { items: [{ taskId: c.taskId, outcome: 'complete' }] } }),
    // 200 with a per-task 403 inside; the candidate's success is in inbox-api.test.ts.
    expect: { anonymous: 401, auditor: 200, otherUnit: 200 },
  },
  {
    route: 'POST /api/tasks/{id}/complete',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/complete`, payload: { outcome: 'complete' } }),
    expect: { anonymous: 401, auditor: 403, otherUnit: 403, initiator: 403, owner: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/claim',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/claim` }),
    expect: { anonymous: 401, auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/unclaim',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/unclaim` }),
    expect: { anonymous: 401, auditor: 403, otherUnit: 403 },
  },
  {
    route: 'POST /api/tasks/{id}/delegate',
    request: (c) => ({ method: 'POST', url: `/api/tasks/${enc(c.taskId)}/delegate`, payload: { userId: 'zj.general_manager' } }),
    expect: { anonymous: 401, auditor: 403, otherUnit: 403, initiator: 403 },
  },
  {
    route: 'POST /api/processes',
    request: (c) => ({ method: 'POST', url: '/api/processes', payload: { xml: c.xml } }),
    expect: { anonymous: 401, initiator: 403, candidate: 403, auditor: 403, owner: 200 },
  },
  { route: 'GET /api/processes', request: () => ({ method: 'GET', url: '/api/processes' }), expect: { anonymous: 401, candidate: 200, auditor: 200 } },
  {
    route: 'POST /api/processes/validate',
    request: (c) => ({ method: 'POST', url: '/api/processes/validate', payload: { xml: c.xml } }),
    expect: { anonymous: 401, owner: 200, candidate: 200 },
  },
  {
    route: 'GET /api/processes/{key}/versions',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions` }),
    expect: { anonymous: 401, auditor: 200, candidate: 200 },
  },
  {
    route: 'GET /api/processes/{key}/versions/{version}',
    request: (c) => ({ method: 'GET', url: `/api/processes/${c.key}/versions/1` }),
    expect: { anonymous: 401, auditor: 200, candidate: 200 },
  },
  {
    route: 'GET /api/users',
    request: () => ({ method: 'GET', url: '/api/users?q=zj.cs' }),
    expect: { anonymous: 401, candidate: 200, auditor: 200 },
  },
  {
    route: 'GET /api/customers',
    request: () => ({ method: 'GET', url: '/api/customers?q=C000' }),
    expect: { anonymous: 401, initiator: 200, auditor: 200 },
  },
  { route: 'GET /api/notifications', request: () => ({ method: 'GET', url: '/api/notifications' }), expect: { anonymous: 401, candidate: 200, auditor: 200 } },
  {
    route: 'POST /api/notifications/read',
    request: () => ({ method: 'POST', url: '/api/notifications/read', payload: {} }),
    expect: { anonymous: 401, candidate: 200, auditor: 200 },
  },
  { route: 'GET /api/calendar/days', request: () => ({ method: 'GET', url: '/api/calendar/days?year=2026' }), expect: { anonymous: 401, candidate: 200, auditor: 200, admin: 200 } },
  {
    route: 'PUT /api/calendar/days',
    request: () => ({ method: 'PUT', url: '/api/calendar/days', payload: { days: [{ day: '2098-12-25', kind: 'holiday', note: '矩阵' }] } }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, owner: 403, admin: 200 },
  },
  {
    route: 'DELETE /api/calendar/days/{day}',
    request: () => ({ method: 'DELETE', url: '/api/calendar/days/2098-12-25' }),
    // After the PUT row above, so the admin's delete finds the day.
    expect: { anonymous: 401, candidate: 403, auditor: 403, admin: 204 },
  },
  { route: 'GET /api/org-units', request: () => ({ method: 'GET', url: '/api/org-units' }), expect: { anonymous: 401, initiator: 200, auditor: 200, admin: 200 } },
  {
    route: 'GET /api/admin/users',
    request: () => ({ method: 'GET', url: '/api/admin/users?unitId=zj' }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, owner: 403, admin: 200 },
  },
  {
    route: 'POST /api/admin/users',
    request: () => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: NEW_USER, displayName: '矩阵', unitId: 'zj', password: 'matrix-pass-1', roles: [{ role: 'cs_agent', unitId: 'zj' }] },
    }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, owner: 403, admin: 201 },
  },
  {
    route: 'PATCH /api/admin/users/{id}',
    // After the POST row above, so the admin finds the user.
    request: () => ({ method: 'PATCH', url: `/api/admin/users/${NEW_USER}`, payload: { roles: [{ role: 'cs_manager', unitId: 'zj' }] } }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, owner: 403, admin: 200 },
  },
  {
    route: 'POST /api/admin/users/{id}/password',
    request: () => ({ method: 'POST', url: `/api/admin/users/${NEW_USER}/password`, payload: { password: 'matrix-pass-2' } }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, owner: 403, admin: 204 },
  },
  {
    route: 'GET /api/admin/users/{id}/changes',
    request: () => ({ method: 'GET', url: `/api/admin/users/${NEW_USER}/changes` }),
    expect: { anonymous: 401, candidate: 403, auditor: 403, admin: 200 },
  },
];

describe('permissions: role × route matrix', () => {
  let e: Engine;
  const ctx = {} as Ctx;
  beforeAll(async () => {
    e = await startEngine('perm');
    ctx.key = uniqueKey('perm');
    ctx.xml = bpmnXml(ctx.key, `<bpmn:startEvent id="s"/>${userTask('t', { group: 'cs_manager' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`);
    expect((await e.deploy(ctx.xml)).statusCode).toBe(201);
    ctx.caseId = await e.start(USERS.initiator, ctx.key);
    ctx.taskId = (await e.waitForTasks(ctx.caseId, ['t']))[0]!.id;
  });
  afterAll(async () => e?.close());

  it('covers every route the API publishes', async () => {
    const spec = (await e.stack.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const published = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(published.sort()).toEqual(MATRIX.map((r) => r.route).sort());
  });

  it.each(MATRIX)('$route', async (row) => {
    for (const [persona, status] of Object.entries(row.expect) as Array<[Persona, number]>) {
      const req = row.request(ctx);
      const headers = persona === 'anonymous' ? {} : { cookie: await e.cookie(USERS[persona]) };
      const res = await e.stack.app.inject({ ...req, headers });
      expect(res.statusCode, `${persona} → ${row.route}: ${res.body.slice(0, 300)}`).toBe(status);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      if (row.route === 'POST /api/tasks/bulk-complete' && persona !== 'anonymous') expect(res.json().results[0].status).toBe(403);
    }
  });
});
