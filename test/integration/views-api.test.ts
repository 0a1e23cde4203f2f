import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../programs/demo/demo-data';
import { VIEWS_PER_USER_MAX } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// Saved inbox views on the server (issue 12 §5): each person's own, shared only with a team
// (unit × role) its owner is in, changed and deleted by the owner alone, input held to the inbox's
// filters. The people are made here with a unique prefix (the database is shared with the other
// integration files); the demo users only look.

const prefix = `sv${Date.now().toString(36)}`;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('saved views API', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const as = async (user: string | null, method: Method, url: string, payload?: object) => {
    if (user && !cookies.has(user)) cookies.set(user, await login(s.app, user));
    const res = await s.app.inject({ method, url, headers: user ? { cookie: cookies.get(user)! } : {}, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: (res.body ? res.json() : undefined) as Json, type: String(res.headers['content-type'] ?? '') };
  };
  const person = async (name: string, roles: Array<{ role: string; unitId: string }>) => {
    const res = await as('admin', 'POST', '/api/admin/users', { username: `${prefix}.${name}`, displayName: `视图 ${name}`, unitId: roles[0]?.unitId ?? 'zj', password: DEMO_PASSWORD, roles });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const names = async (user: string) => ((await as(user, 'GET', '/api/views')).body.items as Json[]).map((v) => v.name as string);
  let owner: string, mate: string, agent: string, outsider: string;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('views'));
    owner = await person('owner', [{ role: 'cs_manager', unitId: 'zj' }, { role: 'cs_agent', unitId: 'zj' }]);
    mate = await person('mate', [{ role: 'cs_manager', unitId: 'zj' }]);
    agent = await person('agent', [{ role: 'cs_agent', unitId: 'js' }, { role: 'cs_manager', unitId: 'gd' }]);
    outsider = await person('outsider', [{ role: 'cs_manager', unitId: 'js' }]);
  });
  afterAll(async () => s?.close());

  it("keeps each person's views to themselves", async () => {
    const created = await as(owner, 'POST', '/api/views', { name: '本周到期', filters: { view: 'group', sort: 'due', dueBefore: '2026-12-31', q: ' TS- ' } });
    expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: '本周到期', filters: { view: 'group', sort: 'due', dueBefore: '2026-12-31', q: 'TS-' }, ownerId: owner, ownerName: '视图 owner', mine: true, sharedWith: null });
    const id = created.body.id as string;

    expect(await names(owner)).toEqual(['本周到期']);
    for (const other of [mate, outsider, 'zj.cs_manager', 'hq.auditor', 'admin']) {
      expect(await names(other), other).not.toContain('本周到期');
      // Not shared: to anyone else the view does not exist, whatever their roles.
      expect((await as(other, 'PATCH', `/api/views/${id}`, { name: 'x' })).body.code, other).toBe('views.notFound');
      expect((await as(other, 'DELETE', `/api/views/${id}`)).statusCode, other).toBe(404);
    }
    expect((await as(null, 'GET', '/api/views')).statusCode).toBe(401);
    expect((await as(null, 'POST', '/api/views', { name: 'x', filters: { oops: 1 } })).statusCode).toBe(401);

    const renamed = await as(owner, 'PATCH', `/api/views/${id}`, { name: '本周', filters: { view: 'mine' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: '本周', filters: { view: 'mine' } });
    expect(await names(owner)).toEqual(['本周']);
  });

  it('shares only with a team the owner is in, and teammates only apply it', async () => {
    const refused = await as(owner, 'POST', '/api/views', { name: '浙江以外', filters: {}, sharedWith: { unitId: 'js', role: 'cs_manager' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.sharedWith', code: 'views.notYourTeam', params: { unitId: 'js', role: 'cs_manager' } })]);
    expect(await names(owner)).not.toContain('浙江以外');

    const teams = (await as(owner, 'GET', '/api/views')).body.teams;
    expect(teams).toEqual([
      { unitId: 'zj', role: 'cs_agent', unitName: '浙江省服务中心', unitNameEn: expect.any(String) },
      { unitId: 'zj', role: 'cs_manager', unitName: '浙江省服务中心', unitNameEn: expect.any(String) },
    ]);

    const shared = await as(owner, 'POST', '/api/views', { name: '经理共享', filters: { view: 'group', processKey: 'complaint' }, sharedWith: { unitId: 'zj', role: 'cs_manager' } });
    expect(shared.statusCode, JSON.stringify(shared.body)).toBe(201);
    const id = shared.body.id as string;
    expect(shared.body.sharedWith).toMatchObject({ unitId: 'zj', role: 'cs_manager', unitName: '浙江省服务中心' });

    // The team is unit × role: the zj managers see it; a zj agent-only, a js manager and a gd manager do not.
    const seen = ((await as(mate, 'GET', '/api/views')).body.items as Json[]).find((v) => v.id === id);
    expect(seen).toMatchObject({ name: '经理共享', mine: false, ownerName: '视图 owner', filters: { view: 'group', processKey: 'complaint' }, sharedWith: { unitId: 'zj', role: 'cs_manager' } });
    expect(await names('zj.cs_manager')).toContain('经理共享');
    for (const other of [outsider, agent, 'zj.cs_agent', 'hq.auditor']) expect(await names(other), other).not.toContain('经理共享');

    // A teammate sees it but may not change it.
    for (const [method, payload] of [['PATCH', { name: '我的了' }], ['PATCH', { sharedWith: null }], ['DELETE', undefined]] as const) {
      const res = await as(mate, method, `/api/views/${id}`, payload);
      expect(res.statusCode, `${method} ${JSON.stringify(payload)}`).toBe(403);
      expect(res.body.code).toBe('views.notOwner');
    }
    // Re-sharing with a team the owner is not in is refused like creating it.
    const reshare = await as(owner, 'PATCH', `/api/views/${id}`, { sharedWith: { unitId: 'gd', role: 'cs_manager' } });
    expect(reshare.body.errors?.[0]).toMatchObject({ path: 'body.sharedWith', code: 'views.notYourTeam' });

    // Stopping to share hides it again.
    expect((await as(owner, 'PATCH', `/api/views/${id}`, { sharedWith: null })).body.sharedWith).toBeNull();
    expect(await names(mate)).not.toContain('经理共享');
    expect((await as(owner, 'PATCH', `/api/views/${id}`, { sharedWith: { unitId: 'zj', role: 'cs_manager' } })).statusCode).toBe(200);
    expect(await names(mate)).toContain('经理共享');

    // An owner who leaves the team no longer shares with it (nor does one who is disabled).
    expect((await as('admin', 'PATCH', `/api/admin/users/${owner}`, { roles: [{ role: 'cs_agent', unitId: 'zj' }] })).statusCode).toBe(200);
    expect(await names(mate)).not.toContain('经理共享');
    expect(await names(owner)).toContain('经理共享');
    expect((await as(owner, 'POST', '/api/views', { name: '再共享', filters: {}, sharedWith: { unitId: 'zj', role: 'cs_manager' } })).body.errors?.[0]?.code).toBe('views.notYourTeam');
    expect((await as('admin', 'PATCH', `/api/admin/users/${owner}`, { roles: [{ role: 'cs_manager', unitId: 'zj' }, { role: 'cs_agent', unitId: 'zj' }] })).statusCode).toBe(200);
    expect(await names(mate)).toContain('经理共享');
  });

  it('deletes only the caller’s own views', async () => {
    const id = (await as(owner, 'POST', '/api/views', { name: '待删除', filters: { status: 'completed' }, sharedWith: { unitId: 'zj', role: 'cs_manager' } })).body.id as string;
    expect((await as(mate, 'DELETE', `/api/views/${id}`)).statusCode).toBe(403);
    expect((await as(outsider, 'DELETE', `/api/views/${id}`)).statusCode).toBe(404);
    expect(await names(owner)).toContain('待删除');
    expect((await as(owner, 'DELETE', `/api/views/${id}`)).statusCode).toBe(204);
    expect(await names(owner)).not.toContain('待删除');
    expect(await names(mate)).not.toContain('待删除');
    const again = await as(owner, 'DELETE', `/api/views/${id}`);
    expect(again.statusCode).toBe(404);
    expect(again.body.code).toBe('views.notFound');
  });

  it('refuses bad input with a problem naming the field', async () => {
    const cases: Array<[object, string, string]> = [
      [{ name: '', filters: {} }, 'body.name', 'zod.too_small'],
      [{ name: '长'.repeat(41), filters: {} }, 'body.name', 'zod.too_big'],
      [{ name: 'x', filters: { view: 'everything' } }, 'body.filters.view', 'zod.invalid_value'],
      [{ name: 'x', filters: { dueBefore: '9999-12-31' } }, 'body.filters.dueBefore', 'zod.custom'],
      [{ name: 'x', filters: { dueBefore: '2026-02-30' } }, 'body.filters.dueBefore', 'zod.invalid_format'],
      [{ name: 'x', filters: { q: 'q'.repeat(101) } }, 'body.filters.q', 'zod.too_big'],
      [{ name: 'x', filters: { sql: 'DROP TABLE task' } }, 'body.filters', 'zod.unrecognized_keys'],
      [{ name: 'x', filters: [] }, 'body.filters', 'zod.invalid_type'],
      [{ name: 'x', filters: {}, sharedWith: { unitId: 'zj', role: 'chief' } }, 'body.sharedWith.role', 'zod.invalid_value'],
      [{ name: 'x', filters: {}, owner: 'zj.cs_manager' }, 'body', 'zod.unrecognized_keys'],
    ];
    for (const [payload, path, code] of cases) {
      const res = await as(agent, 'POST', '/api/views', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.code).toBe('request.invalid');
      expect(res.body.errors, JSON.stringify(payload)).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await names(agent)).toEqual([]);

    expect((await as(agent, 'PATCH', '/api/views/abc', { name: 'x' })).body.errors?.[0]?.path).toBe('params.id');
    expect((await as(agent, 'PATCH', '/api/views/99999999999', {})).body.code).toBe('views.nothingToChange');

    expect((await as(agent, 'POST', '/api/views', { name: '重名', filters: {} })).statusCode).toBe(201);
    const dup = await as(agent, 'POST', '/api/views', { name: ' 重名 ', filters: { view: 'mine' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toMatchObject({ code: 'views.nameTaken', params: { name: '重名' } });
    const other = (await as(agent, 'POST', '/api/views', { name: '另一个', filters: {} })).body.id as string;
    expect((await as(agent, 'PATCH', `/api/views/${other}`, { name: '重名' })).body.code).toBe('views.nameTaken');
  });

  it(`keeps at most ${VIEWS_PER_USER_MAX} views per person`, async () => {
    const many = await person('many', [{ role: 'cs_agent', unitId: 'fj' }]);
    for (let i = 0; i < VIEWS_PER_USER_MAX; i++) expect((await as(many, 'POST', '/api/views', { name: `视图 ${i}`, filters: {} })).statusCode).toBe(201);
    const over = await as(many, 'POST', '/api/views', { name: '多一个', filters: {} });
    expect(over.statusCode).toBe(409);
    expect(over.body).toMatchObject({ code: 'views.tooMany', params: { max: VIEWS_PER_USER_MAX } });
  });

  it('lets auditors keep views: a view only reads', async () => {
    const res = await as('hq.auditor', 'POST', '/api/views', { name: `${prefix} 审计`, filters: { view: 'all', status: 'completed' }, sharedWith: { unitId: 'hq', role: 'auditor' } });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
    expect(await names('hq.auditor')).toContain(`${prefix} 审计`);
  });
});
