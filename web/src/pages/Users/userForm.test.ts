import { describe, expect, it } from 'vitest';
import { changedFields, cleanRoles, dropsOwnAdmin, fieldChanges, formFieldOf, initialUserValues, passwordProblem, sameRoles, unitOptions, userPatch } from './userForm';
import type { OrgUnit } from '../../../../contract';
import type { AdminUser } from './usersApi';

const units: OrgUnit[] = [
  { id: 'hq', parentId: null, name: '总部', nameEn: 'HQ', level: 'hq', path: 'hq' },
  { id: 'east', parentId: 'hq', name: '华东大区', nameEn: 'East', level: 'region', path: 'hq/east' },
  { id: 'zj', parentId: 'east', name: '浙江', nameEn: 'Zhejiang', level: 'province', path: 'hq/east/zj' },
];
const alice: AdminUser = {
  id: 'alice',
  username: 'alice',
  displayName: 'Alice',
  email: 'a@example.com',
  unitId: 'zj',
  department: null,
  disabled: false,
  roles: [{ role: 'cs_agent', unitId: 'zj' }],
  createdAt: '2026-01-01T00:00:00Z',
  lastLoginAt: null,
};

describe('user form', () => {
  it('applies the password policy of the API', () => {
    expect(passwordProblem('short1', 'alice')).toBe('short');
    expect(passwordProblem('alice.wang', 'Alice.Wang')).toBe('username');
    expect(passwordProblem('gut-passwort', 'alice')).toBeUndefined();
  });

  it('lists units in tree order with their depth, in the chosen language', () => {
    expect(unitOptions(units, 'zh-CN').map((o) => [o.label, o.depth])).toEqual([
      ['总部', 0],
      ['华东大区', 1],
      ['浙江', 2],
    ]);
    expect(unitOptions(units, 'en')[2]).toEqual({ value: 'zj', label: 'Zhejiang', depth: 2 });
  });

  it('keeps complete role rows once', () => {
    expect(cleanRoles([{ role: 'cs_agent', unitId: 'zj' }, { role: 'cs_agent' }, undefined, { role: 'cs_agent', unitId: 'zj' }, { role: 'sales', unitId: 'east' }])).toEqual([
      { role: 'cs_agent', unitId: 'zj' },
      { role: 'sales', unitId: 'east' },
    ]);
    expect(sameRoles([{ role: 'sales', unitId: 'east' }, { role: 'cs_agent', unitId: 'zj' }], [{ role: 'cs_agent', unitId: 'zj' }, { role: 'sales', unitId: 'east' }])).toBe(true);
  });

  it('starts a new user without role rows, an existing one with theirs', () => {
    expect(initialUserValues(null).roles).toEqual([]);
    expect(initialUserValues(alice)).toMatchObject({ username: 'alice', unitId: 'zj', roles: alice.roles });
  });

  it('sends only what changed; an emptied e-mail clears it', () => {
    const same = { username: 'alice', displayName: 'Alice ', email: 'a@example.com', unitId: 'zj', roles: [{ role: 'cs_agent' as const, unitId: 'zj' }] };
    expect(userPatch(alice, same)).toBeUndefined();
    expect(userPatch(alice, { ...same, department: 'quality' })).toEqual({ department: 'quality' });
    expect(userPatch({ ...alice, department: 'quality' }, { ...same, department: undefined })).toEqual({ department: null });
    expect(userPatch(alice, { ...same, email: '', unitId: 'east', roles: [...same.roles, { role: 'sales', unitId: 'east' }] })).toEqual({
      email: null,
      unitId: 'east',
      roles: [
        { role: 'cs_agent', unitId: 'zj' },
        { role: 'sales', unitId: 'east' },
      ],
    });
  });

  it('knows when admins would take their own admin role away', () => {
    expect(dropsOwnAdmin('admin', 'admin', [{ role: 'auditor', unitId: 'hq' }])).toBe(true);
    expect(dropsOwnAdmin('admin', 'admin', [{ role: 'admin', unitId: 'east' }])).toBe(false);
    expect(dropsOwnAdmin('admin', 'alice', [])).toBe(false);
  });
});

describe('change history and field errors', () => {
  it('names the fields a change touched', () => {
    const after = { ...alice, email: null, roles: [{ role: 'cs_manager' as const, unitId: 'zj' }] };
    expect(changedFields(alice, after)).toEqual(['email', 'roles']);
    expect(changedFields(null, alice)).toEqual([]);
  });
  it('maps problem paths to form fields', () => {
    expect(formFieldOf('body.roles.1.unitId')).toEqual(['roles', 1, 'unitId']);
    expect(formFieldOf('body.password')).toEqual(['password']);
    expect(formFieldOf('querystring.q')).toBeUndefined();
  });
});

describe('the change history', () => {
  const names: Record<string, string> = { zj: '浙江', js: '江苏', cs_agent: '客服人员', cs_manager: '客服经理', sales: '销售人员' };
  const words = { unit: (id: string) => names[id] ?? id, role: (r: string) => names[r] ?? r, status: (d: boolean) => (d ? '已停用' : '正常'), none: '无' };
  type Snap = NonNullable<Parameters<typeof fieldChanges>[0]>;
  const before: Snap = { username: 'alice', displayName: '王丽', email: null, unitId: 'zj', disabled: false, roles: [{ role: 'cs_agent', unitId: 'zj' }] };

  it('lists each changed field old → new, by name, not by code', () => {
    const after: Snap = { ...before, displayName: '王丽丽', email: 'wl@example.com', unitId: 'js', disabled: true, roles: [{ role: 'cs_manager', unitId: 'zj' }, { role: 'sales', unitId: 'js' }] };
    expect(fieldChanges(before, after, words)).toEqual([
      { field: 'displayName', from: '王丽', to: '王丽丽' },
      { field: 'email', from: '无', to: 'wl@example.com' },
      { field: 'unitId', from: '浙江', to: '江苏' },
      { field: 'disabled', from: '正常', to: '已停用' },
      { field: 'roles', from: '客服人员 · 浙江', to: '销售人员 · 江苏、客服经理 · 浙江' },
    ]);
    expect(fieldChanges(before, { ...before, roles: [] }, words)).toEqual([{ field: 'roles', from: '客服人员 · 浙江', to: '无' }]);
    // The same roles in another order are no change.
    const two: Snap['roles'] = [{ role: 'sales', unitId: 'js' }, { role: 'cs_agent', unitId: 'zj' }];
    expect(fieldChanges({ ...before, roles: two }, { ...before, roles: [...two].reverse() }, words)).toEqual([]);
  });

  it('shows what a new user started with, and nothing for a password change', () => {
    expect(fieldChanges(null, before, words)).toEqual([
      { field: 'displayName', from: '无', to: '王丽' },
      { field: 'unitId', from: '无', to: '浙江' },
      { field: 'roles', from: '无', to: '客服人员 · 浙江' },
    ]);
    expect(fieldChanges(null, null, words)).toEqual([]);
  });
});
