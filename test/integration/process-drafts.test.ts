import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// Deploying safely (issue 18 §4–5): the editor's draft kept on the server with who saved it and a
// revision a save must name (two owners are warned, never silently overwritten), and the change
// note stored with the version it deployed.

const OWNER = 'hq.process_owner';
const OTHER_OWNER = 'admin';
type Method = 'GET' | 'PUT' | 'DELETE' | 'POST';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('process drafts and change notes', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const as = async (user: string, method: Method, url: string, payload?: object) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method, url, headers: { cookie: cookies.get(user)! }, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: (res.body ? res.json() : undefined) as Json, type: String(res.headers['content-type'] ?? '') };
  };
  const key = uniqueKey('draft');
  const diagram = (step: string) => bpmnXml(key, `<bpmn:startEvent id="S"/>${userTask(step)}<bpmn:endEvent id="E"/>${flow('f1', 'S', step)}${flow('f2', step, 'E')}`);

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('drafts'));
    const first = await as(OWNER, 'POST', '/api/processes', { xml: diagram('Review'), changeNote: '第一版' });
    expect(first.statusCode, JSON.stringify(first.body)).toBe(201);
  });
  afterAll(async () => s?.close());

  it('keeps one draft per process; a save against a stale revision is refused naming who saved it', async () => {
    expect((await as(OWNER, 'GET', `/api/processes/${key}/draft`)).body).toEqual({ draft: null });

    const saved = await as(OWNER, 'PUT', `/api/processes/${key}/draft`, { xml: diagram('Check'), baseVersion: 1, revision: 0 });
    expect(saved.statusCode, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.draft).toMatchObject({ processKey: key, xml: diagram('Check'), baseVersion: 1, revision: 1, savedBy: OWNER, savedByName: expect.any(String) });

    // Another browser (or a refresh) reads what was saved.
    const read = await as(OTHER_OWNER, 'GET', `/api/processes/${key}/draft`);
    expect(read.body.draft).toMatchObject({ revision: 1, savedBy: OWNER, xml: diagram('Check') });

    // The owner saves on; the other, still at revision 1 (or starting afresh at 0), is refused.
    expect((await as(OWNER, 'PUT', `/api/processes/${key}/draft`, { xml: diagram('Check2'), baseVersion: 1, revision: 1 })).body.draft.revision).toBe(2);
    for (const revision of [1, 0]) {
      const stale = await as(OTHER_OWNER, 'PUT', `/api/processes/${key}/draft`, { xml: diagram('Mine'), baseVersion: 1, revision });
      expect(stale.statusCode).toBe(409);
      expect(stale.type).toContain('application/problem+json');
      expect(stale.body).toMatchObject({ code: 'process.draftConflict', params: { savedBy: OWNER, savedByName: read.body.draft.savedByName, revision: 2 } });
      expect(Date.parse(stale.body.params.savedAt)).not.toBeNaN();
    }
    expect((await as(OWNER, 'GET', `/api/processes/${key}/draft`)).body.draft).toMatchObject({ revision: 2, xml: diagram('Check2') });

    // Having read revision 2, the other owner may take over.
    const takeover = await as(OTHER_OWNER, 'PUT', `/api/processes/${key}/draft`, { xml: diagram('Mine'), baseVersion: 1, revision: 2 });
    expect(takeover.body.draft).toMatchObject({ revision: 3, savedBy: OTHER_OWNER });

    // Discarding names the revision too: a stale discard drops nothing.
    expect((await as(OWNER, 'DELETE', `/api/processes/${key}/draft?revision=2`)).body).toMatchObject({ code: 'process.draftConflict' });
    expect((await as(OWNER, 'DELETE', `/api/processes/${key}/draft?revision=3`)).statusCode).toBe(204);
    expect((await as(OWNER, 'GET', `/api/processes/${key}/draft`)).body).toEqual({ draft: null });
    expect((await as(OWNER, 'DELETE', `/api/processes/${key}/draft?revision=3`)).body).toMatchObject({ code: 'process.draftGone' });
  });

  it('keeps drafts to process owners and to deployed processes', async () => {
    for (const [method, payload] of [['GET'], ['PUT', { xml: diagram('X'), revision: 0 }]] as const) {
      const agent = await as('zj.cs_agent', method, `/api/processes/${key}/draft`, payload);
      expect(agent.statusCode).toBe(403);
      expect(agent.body).toMatchObject({ code: 'process.ownerOnly' });
    }
    const unknown = await as(OWNER, 'PUT', `/api/processes/t-no-such-process/draft`, { xml: diagram('X'), revision: 0 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'process.notDeployed' });
    const bad = await as(OWNER, 'PUT', `/api/processes/${key}/draft`, { xml: '', revision: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path).sort()).toEqual(['body.revision', 'body.xml']);
  });

  it('stores the change note with the version, and says how many cases run on each version', async () => {
    const deployed = await as(OWNER, 'POST', '/api/processes', { xml: diagram('Approve'), changeNote: '  审核改为审批  ' });
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
    expect(deployed.body.process).toMatchObject({ version: 2, changeNote: '审核改为审批' });
    // Cases as the projection records them: one still running on v1, one ended there.
    for (const [n, status] of [[1, 'running'], [2, 'completed']] as const) {
      await s.db.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, started_at) VALUES ($1, $2, 1, $3, '测试', $4, 'zj', now())`,
        [`${key}/c${n}`, key, `c${n}`, status],
      );
    }

    const versions = await as(OWNER, 'GET', `/api/processes/${key}/versions`);
    expect(versions.body.items).toMatchObject([
      { version: 2, changeNote: '审核改为审批', deployedBy: OWNER, deployedByName: expect.any(String), running: 0 },
      { version: 1, changeNote: '第一版', running: 1 },
    ]);
    expect((await as(OWNER, 'GET', `/api/processes/${key}/versions/2`)).body).toMatchObject({ changeNote: '审核改为审批' });
    // The counts are for those who operate every case; others see the notes only.
    const agentView = await as('zj.cs_agent', 'GET', `/api/processes/${key}/versions`);
    expect(agentView.body.items[0]).toMatchObject({ changeNote: '审核改为审批' });
    expect(agentView.body.items[0].running).toBeUndefined();

    const blank = await as(OWNER, 'POST', '/api/processes', { xml: diagram('Blank'), changeNote: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'body.changeNote', code: 'zod.too_small' })]);
  });

  it('a deploy through the API without a change note is refused naming the field, and deploys nothing', async () => {
    const fresh = uniqueKey('nonote');
    const xml = bpmnXml(fresh, `<bpmn:startEvent id="S"/>${userTask('Check')}<bpmn:endEvent id="E"/>${flow('f1', 'S', 'Check')}${flow('f2', 'Check', 'E')}`);
    const refused = await as(OWNER, 'POST', '/api/processes', { xml });
    expect(refused.statusCode).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'request.invalid' });
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.changeNote', code: 'zod.invalid_type', message: '应为文本' })]);
    expect((await as(OWNER, 'GET', `/api/processes/${fresh}/versions`)).body.items).toEqual([]);
    // An existing process gets no new version from a changed diagram sent without a note either.
    const before = (await as(OWNER, 'GET', `/api/processes/${key}/versions`)).body.items.length;
    expect((await as(OWNER, 'POST', '/api/processes', { xml: diagram('NoNote') })).statusCode).toBe(400);
    expect((await as(OWNER, 'GET', `/api/processes/${key}/versions`)).body.items).toHaveLength(before);
  });

  it('lists people a process owner may name as an assignee: id, name, unit and roles only', async () => {
    const found = await as(OWNER, 'GET', '/api/processes/assignees?q=zj.cs_manager');
    expect(found.statusCode).toBe(200);
    expect(found.body.items).toContainEqual({ id: 'zj.cs_manager', displayName: expect.any(String), unitId: 'zj', roles: expect.arrayContaining(['cs_manager']) });
    for (const person of found.body.items) expect(Object.keys(person).sort()).toEqual(['displayName', 'id', 'roles', 'unitId']);
    const agent = await as('zj.cs_agent', 'GET', '/api/processes/assignees');
    expect(agent.statusCode).toBe(403);
    expect(agent.body).toMatchObject({ code: 'process.ownerOnly' });
  });
});
