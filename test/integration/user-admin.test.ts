import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// User administration (issue 4): admins create users, give them roles in units, disable them and
// set passwords; the API enforces it, a change applies to the user's next request, and every
// change is recorded in admin_change. Users made here carry a unique prefix (the database is
// shared with the other integration files running at the same time); demo users are never changed.

const prefix = `ua${Date.now().toString(36)}`;
const PASSWORD = 'gut-passwort-1';

describe('user administration API', () => {
  let s: TestStack;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => {
    if (!cookies.has(user)) cookies.set(user, await login(s.app, user));
    return cookies.get(user)!;
  };
  type Method = 'GET' | 'POST' | 'PATCH';
  const send = async (cookieHeader: string | null, method: Method, url: string, payload?: object) => {
    const res = await s.app.inject({ method, url, headers: cookieHeader ? { cookie: cookieHeader } : {}, ...(payload ? { payload } : {}) });
    return { statusCode: res.statusCode, body: res.body ? res.json() : undefined, type: String(res.headers['content-type'] ?? '') };
  };
  const as = async (user: string | null, method: Method, url: string, payload?: object) => send(user ? await cookie(user) : null, method, url, payload);
  const signIn = async (username: string, password = PASSWORD) => {
    const res = await s.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    const c = res.cookies.find((x) => x.name === 'sw_session');
    return { statusCode: res.statusCode, cookie: c ? `sw_session=${c.value}` : '' };
  };
  const create = (name: string, extra: object = {}) =>
    as('admin', 'POST', '/api/admin/users', {
      username: `${prefix}.${name}`,
      displayName: `测试 ${name}`,
      unitId: 'zj',
      password: PASSWORD,
      roles: [{ role: 'cs_agent', unitId: 'zj' }],
      ...extra,
    });
  const sessionsOf = async (id: string) => Number((await s.db.query('SELECT count(*) AS n FROM user_session WHERE user_id = $1', [id])).rows[0].n);

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('user-admin'));
  });
  afterAll(async () => s?.close());

  it('lists the org tree for any signed-in user', async () => {
    const res = await as('zj.cs_agent', 'GET', '/api/org-units');
    expect(res.statusCode).toBe(200);
    // The demo's units in tree order; other files on the same database may have added units of their own below them.
    const demo = ['hq', 'east', 'js', 'zj', 'south', 'fj', 'gd'];
    const items = (res.body.items as Array<{ id: string }>).filter((u) => demo.includes(u.id));
    expect(items.map((u) => u.id)).toEqual(demo);
    expect(items[3]).toMatchObject({ id: 'zj', parentId: 'east', name: '浙江省服务中心', level: 'province', path: 'hq/east/zj' });
    expect((await as(null, 'GET', '/api/org-units')).statusCode).toBe(401);
  });

  it('creates a user with roles per unit, who can sign in; records who did it', async () => {
    const res = await create('alice', { email: 'alice@example.com', roles: [{ role: 'cs_agent', unitId: 'zj' }, { role: 'sales', unitId: 'east' }, { role: 'cs_agent', unitId: 'zj' }] });
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatchObject({
      id: `${prefix}.alice`,
      username: `${prefix}.alice`,
      displayName: '测试 alice',
      email: 'alice@example.com',
      unitId: 'zj',
      disabled: false,
      lastLoginAt: null,
      roles: [
        { role: 'sales', unitId: 'east' },
        { role: 'cs_agent', unitId: 'zj' },
      ],
    });
    const signedIn = await signIn(`${prefix}.alice`);
    expect(signedIn.statusCode).toBe(200);
    const me = await send(signedIn.cookie, 'GET', '/api/session');
    expect(me.body.user.roles).toEqual(expect.arrayContaining([{ role: 'sales', unitId: 'east' }]));

    const listed = await as('admin', 'GET', `/api/admin/users?q=${prefix}.alice`);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0].lastLoginAt).toEqual(expect.any(String));

    const changes = await as('admin', 'GET', `/api/admin/users/${prefix}.alice/changes`);
    expect(changes.body.items).toEqual([
      expect.objectContaining({ actorId: 'admin', actorName: '系统管理员', action: 'user.create', before: null, after: expect.objectContaining({ email: 'alice@example.com', unitId: 'zj' }) }),
    ]);
    const { rows } = await s.db.query('SELECT after::text AS after FROM admin_change WHERE target_user_id = $1', [`${prefix}.alice`]);
    expect(rows[0].after).not.toMatch(/password|scrypt/i);
  });

  it('refuses a taken user name with 409 and a weak password with 400 naming the field', async () => {
    expect((await create('bob')).statusCode).toBe(201);
    const dup = await create('bob');
    expect(dup.statusCode).toBe(409);
    expect(dup.type).toContain('application/problem+json');
    expect(dup.body.detail).toBe(`用户名 ${prefix}.bob 已被占用。`);
    expect(dup.body).toMatchObject({ code: 'users.usernameTaken', params: { username: `${prefix}.bob` } });
    // Demo users too (their id is their name).
    expect((await as('admin', 'POST', '/api/admin/users', { username: 'zj.cs_agent', displayName: 'x', unitId: 'zj', password: PASSWORD })).statusCode).toBe(409);

    const short = await create('carol', { password: 'kurz1' });
    expect(short.statusCode).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'body.password' })]);
    const same = await create('carol', { password: `${prefix}.carol` });
    expect(same.statusCode).toBe(400);
    expect(same.body.errors).toEqual([{ path: 'body.password', message: '密码不能与用户名相同', code: 'users.passwordIsUsername' }]);

    const badRole = await create('carol', { roles: [{ role: 'cs_agent', unitId: 'zj' }, { role: 'superuser', unitId: 'zj' }] });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body.errors[0].path).toBe('body.roles.1.role');
    const badUnit = await create('carol', { roles: [{ role: 'cs_agent', unitId: 'atlantis' }] });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.body.errors).toEqual([{ path: 'body.roles.0.unitId', message: '没有组织单位 atlantis', code: 'units.notFound', params: { unitId: 'atlantis' } }]);
    const badName = await create('Carol Upper');
    expect(badName.statusCode).toBe(400);
    expect(badName.body.errors[0].path).toBe('body.username');
    expect((await as('admin', 'GET', `/api/admin/users?q=${prefix}.carol&includeDisabled=true`)).body.total).toBe(0);
  });

  it('a role change applies to the changed user’s next request', async () => {
    expect((await create('dave')).statusCode).toBe(201);
    const dave = (await signIn(`${prefix}.dave`)).cookie;
    expect((await send(dave, 'GET', '/api/session')).body.user.roles).toEqual([{ role: 'cs_agent', unitId: 'zj' }]);
    expect((await send(dave, 'GET', '/api/admin/users')).statusCode).toBe(403);

    const patched = await as('admin', 'PATCH', `/api/admin/users/${prefix}.dave`, { roles: [{ role: 'cs_manager', unitId: 'zj' }, { role: 'admin', unitId: 'hq' }] });
    expect(patched.statusCode).toBe(200);
    expect((await send(dave, 'GET', '/api/session')).body.user.roles).toEqual(
      expect.arrayContaining([
        { role: 'cs_manager', unitId: 'zj' },
        { role: 'admin', unitId: 'hq' },
      ]),
    );
    // Same cookie, no new sign-in: the new roles are what the API checks now.
    expect((await send(dave, 'GET', `/api/admin/users?q=${prefix}.dave`)).statusCode).toBe(200);
    const managerView = await send(dave, 'GET', '/api/tasks/counts');
    expect(managerView.statusCode).toBe(200);

    expect((await as('admin', 'PATCH', `/api/admin/users/${prefix}.dave`, { roles: [{ role: 'cs_agent', unitId: 'zj' }] })).statusCode).toBe(200);
    expect((await send(dave, 'GET', '/api/admin/users')).statusCode).toBe(403);

    const changes = (await as('admin', 'GET', `/api/admin/users/${prefix}.dave/changes`)).body.items;
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['user.create', 'user.update', 'user.update']);
    expect(changes[1].before.roles).toEqual([{ role: 'cs_agent', unitId: 'zj' }]);
    expect(changes[1].after.roles).toEqual([
      { role: 'admin', unitId: 'hq' },
      { role: 'cs_manager', unitId: 'zj' },
    ]);
  });

  it('disabling signs the user out and refuses sign-in; enabling lets them in again', async () => {
    expect((await create('erin')).statusCode).toBe(201);
    const erin = (await signIn(`${prefix}.erin`)).cookie;
    expect((await send(erin, 'GET', '/api/session')).statusCode).toBe(200);

    const disabled = await as('admin', 'PATCH', `/api/admin/users/${prefix}.erin`, { disabled: true, displayName: '测试 erin（离职）', email: 'erin@example.com', unitId: 'east' });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, displayName: '测试 erin（离职）', email: 'erin@example.com', unitId: 'east' });
    expect(await sessionsOf(`${prefix}.erin`)).toBe(0);
    expect((await send(erin, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await signIn(`${prefix}.erin`)).statusCode).toBe(401);

    // Hidden from the default list and from the delegation look-up; shown with includeDisabled.
    expect((await as('admin', 'GET', `/api/admin/users?q=${prefix}.erin`)).body.total).toBe(0);
    expect((await as('admin', 'GET', `/api/admin/users?q=${prefix}.erin&includeDisabled=true`)).body.items[0].disabled).toBe(true);
    expect((await as('zj.cs_manager', 'GET', `/api/users?q=${prefix}.erin`)).body.items).toEqual([]);

    expect((await as('admin', 'PATCH', `/api/admin/users/${prefix}.erin`, { disabled: false, email: null })).body).toMatchObject({ disabled: false, email: null });
    expect((await signIn(`${prefix}.erin`)).statusCode).toBe(200);
  });

  it('setting a password signs the user out; the old one stops working', async () => {
    expect((await create('frank')).statusCode).toBe(201);
    const frank = (await signIn(`${prefix}.frank`)).cookie;
    const weak = await as('admin', 'POST', `/api/admin/users/${prefix}.frank/password`, { password: `${prefix}.frank` });
    expect(weak.statusCode).toBe(400);
    expect(weak.body.errors[0].path).toBe('body.password');
    const res = await as('admin', 'POST', `/api/admin/users/${prefix}.frank/password`, { password: 'neues-passwort-2' });
    expect(res.statusCode).toBe(204);
    expect((await send(frank, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await signIn(`${prefix}.frank`)).statusCode).toBe(401);
    expect((await signIn(`${prefix}.frank`, 'neues-passwort-2')).statusCode).toBe(200);
    const changes = (await as('admin', 'GET', `/api/admin/users/${prefix}.frank/changes`)).body.items;
    expect(changes.at(-1)).toMatchObject({ actorId: 'admin', actorName: '系统管理员', action: 'user.password', before: null, after: null });
    // The history names who did it, never the password or its hash.
    expect(JSON.stringify(changes.map(({ action: _action, ...rest }: { action: string }) => rest))).not.toMatch(/password|scrypt|neues-passwort/i);
    expect((await as('admin', 'POST', '/api/admin/users/nobody-here/password', { password: 'neues-passwort-2' })).statusCode).toBe(404);
  });

  it('an admin cannot lock themselves out (409), but may set their own password and stay signed in', async () => {
    // A second admin of our own, so the demo `admin` others sign in as keeps its password.
    expect((await create('root', { roles: [{ role: 'admin', unitId: 'hq' }] })).statusCode).toBe(201);
    const root = (await signIn(`${prefix}.root`)).cookie;
    const other = (await signIn(`${prefix}.root`)).cookie;
    const url = `/api/admin/users/${prefix}.root`;

    const disable = await send(root, 'PATCH', url, { disabled: true });
    expect(disable.statusCode).toBe(409);
    expect(disable.type).toContain('application/problem+json');
    expect(disable.body.detail).toBe('不能停用自己的账号，请由其他管理员操作。');
    expect(disable.body.code).toBe('users.cannotDisableSelf');
    const demote = await send(root, 'PATCH', url, { roles: [{ role: 'cs_agent', unitId: 'zj' }] });
    expect(demote.statusCode).toBe(409);
    expect(demote.body.detail).toBe('不能移除自己的管理员角色，请由其他管理员操作。');
    // Moving their admin role to another unit, or adding roles, is fine.
    expect((await send(root, 'PATCH', url, { roles: [{ role: 'admin', unitId: 'east' }, { role: 'auditor', unitId: 'hq' }] })).statusCode).toBe(200);
    expect((await send(root, 'GET', '/api/session')).body.user.roles).toContainEqual({ role: 'admin', unitId: 'east' });

    expect((await send(root, 'POST', `${url}/password`, { password: 'mein-neues-3' })).statusCode).toBe(204);
    expect((await send(root, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await send(other, 'GET', '/api/session')).statusCode).toBe(401);

    // Another admin may disable them.
    expect((await as('admin', 'PATCH', url, { disabled: true })).statusCode).toBe(200);
    expect((await send(root, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('filters by name, unit and role', async () => {
    expect((await create('gina', { unitId: 'gd', roles: [{ role: 'engineering', unitId: 'gd' }] })).statusCode).toBe(201);
    const names = async (query: string) =>
      (await as('admin', 'GET', `/api/admin/users?q=${prefix}&includeDisabled=true&${query}`)).body.items.map((u: { username: string }) => u.username.slice(prefix.length + 1));
    expect(await names('role=engineering')).toEqual(['gina']);
    expect(await names('unitId=gd')).toEqual(['gina']);
    expect(await names('unitId=east')).toEqual(['alice', 'erin', 'root']); // alice: sales in east; erin: home unit east; root: admin in east
    expect(await names('unitId=east&role=sales')).toEqual(['alice']);
    expect(await names('limit=2')).toEqual(['alice', 'bob']);
    const page = await as('admin', 'GET', `/api/admin/users?q=${prefix}&limit=2&offset=2`);
    expect(page.body.total).toBe(6); // disabled root not counted
    const demo = await as('admin', 'GET', '/api/admin/users?unitId=zj&role=cs_manager');
    expect(demo.body.items.map((u: { username: string }) => u.username)).toContain('zj.cs_manager');
    expect((await as('admin', 'GET', '/api/admin/users?role=superuser')).statusCode).toBe(400);
  });

  it('is for admins only: others get 403 (before validation), anonymous 401, changing nothing', async () => {
    const target = `/api/admin/users/${prefix}.bob`;
    for (const user of ['zj.cs_manager', 'hq.auditor', 'hq.process_owner', 'hq.general_manager']) {
      const requests: Array<[Method, string, object?]> = [
        ['GET', '/api/admin/users'],
        ['POST', '/api/admin/users', { username: `${prefix}.mallory`, displayName: 'm', unitId: 'zj', password: PASSWORD, roles: [{ role: 'admin', unitId: 'hq' }] }],
        ['POST', '/api/admin/users', { nonsense: true }],
        ['PATCH', target, { roles: [{ role: 'admin', unitId: 'hq' }] }],
        ['POST', `${target}/password`, { password: 'gekapert-123' }],
        ['GET', `${target}/changes`],
      ];
      for (const [method, url, payload] of requests) {
        const res = await as(user, method, url, payload);
        expect(res.statusCode, `${user} ${method} ${url}`).toBe(403);
        expect(res.type).toContain('application/problem+json');
      }
    }
    expect((await as(null, 'GET', '/api/admin/users')).statusCode).toBe(401);
    expect((await as(null, 'PATCH', target, { disabled: true })).statusCode).toBe(401);
    expect((await as('admin', 'GET', `/api/admin/users?q=${prefix}.mallory&includeDisabled=true`)).body.total).toBe(0);
    expect((await signIn(`${prefix}.bob`)).statusCode).toBe(200);
  });

  it('a PATCH with nothing in it or for an unknown user says so', async () => {
    const empty = await as('admin', 'PATCH', `/api/admin/users/${prefix}.bob`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body.detail).toBe('没有需要保存的修改。');
    expect((await as('admin', 'PATCH', '/api/admin/users/nobody-here', { displayName: 'x' })).statusCode).toBe(404);
    const badUnit = await as('admin', 'PATCH', `/api/admin/users/${prefix}.bob`, { unitId: 'atlantis' });
    expect(badUnit.body.errors).toEqual([{ path: 'body.unitId', message: '没有组织单位 atlantis', code: 'units.notFound', params: { unitId: 'atlantis' } }]);
  });

  it('a session past its expiry, or of a user disabled behind the API, is no session', async () => {
    // Session and user are read in one query (db/users.ts): both conditions must still hold there.
    expect((await create('ivy')).statusCode).toBe(201);
    const ivy = (await signIn(`${prefix}.ivy`)).cookie;
    expect((await send(ivy, 'GET', '/api/session')).statusCode).toBe(200);
    await s.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [`${prefix}.ivy`]);
    expect((await send(ivy, 'GET', '/api/tasks')).statusCode).toBe(401);
    await s.db.query('UPDATE app_user SET disabled = false WHERE id = $1', [`${prefix}.ivy`]);
    expect((await send(ivy, 'GET', '/api/tasks')).statusCode).toBe(200);
    await s.db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [`${prefix}.ivy`]);
    expect((await send(ivy, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await send(ivy, 'GET', '/api/tasks')).statusCode).toBe(401);
  });
});
