import { DEPARTMENTS, PASSWORD_MIN_LENGTH } from '../../../../contract/user-rules';
import { isAdmin } from '../../../../policy/roles';
import type { Lang } from '../../i18n/messages';
import type { OrgUnit, RoleAssignment, UpdateUserBody } from '../../../../contract';
import type { AdminUser } from './usersApi';
import { unitName } from '../../api/useOrgUnits.query';

// The user drawer's pure parts: the password policy as the API applies it, unit names in the
// console's language, and the PATCH that carries only what the admin changed.

/** The API's policy (server/services/user-admin-service.ts), checked before sending. */
export function passwordProblem(password: string, username: string): 'short' | 'username' | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'short';
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) return 'username';
  return undefined;
}

/** Select options in tree order with their depth (总部 0, 华东大区 1, 浙江 2) for indenting the list. */
/** The departments a user can work in, in the console's language. */
export const departmentOptions = (lang: Lang): Array<{ value: string; label: string }> => DEPARTMENTS.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name }));

export function unitOptions(units: readonly OrgUnit[], lang: Lang): Array<{ value: string; label: string; depth: number }> {
  return units.map((u) => ({ value: u.id, label: unitName(u, lang), depth: u.path.split('/').length - 1 }));
}

const roleKey = (r: RoleAssignment) => `${r.role}@${r.unitId}`;

/** Role rows as the API takes them: complete rows only, each once. */
export function cleanRoles(rows: ReadonlyArray<Partial<RoleAssignment> | undefined>): RoleAssignment[] {
  const seen = new Map<string, RoleAssignment>();
  for (const r of rows) if (r?.role && r.unitId) seen.set(roleKey(r as RoleAssignment), { role: r.role, unitId: r.unitId });
  return [...seen.values()];
}

export const sameRoles = (a: readonly RoleAssignment[], b: readonly RoleAssignment[]): boolean => {
  const ka = new Set(a.map(roleKey));
  const kb = new Set(b.map(roleKey));
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
};

export interface UserFormValues {
  username: string;
  displayName: string;
  email?: string;
  unitId: string;
  /** The department the user works in (质量管理部 …); empty for none. */
  department?: string | null;
  password?: string;
  roles: Array<Partial<RoleAssignment> | undefined>;
}

/**
 * The drawer's starting values. A new user starts without role rows (rows are added on demand,
 * with the home unit filled in): an empty row would only fail validation.
 */
export function initialUserValues(user: AdminUser | null): UserFormValues {
  return user
    ? { username: user.username, displayName: user.displayName, email: user.email ?? '', unitId: user.unitId, department: user.department, roles: user.roles }
    : { username: '', displayName: '', email: '', unitId: '', password: '', roles: [] };
}

/** The fields that differ from `before` (undefined when nothing does); an emptied e-mail is null. */
export function userPatch(before: AdminUser, v: UserFormValues): UpdateUserBody | undefined {
  const patch: UpdateUserBody = {};
  const displayName = v.displayName.trim();
  if (displayName !== before.displayName) patch.displayName = displayName;
  const email = v.email?.trim() ? v.email.trim() : null;
  if (email !== before.email) patch.email = email;
  if (v.unitId !== before.unitId) patch.unitId = v.unitId;
  const department = (v.department || null) as UpdateUserBody['department'];
  if (department !== before.department) patch.department = department;
  const roles = cleanRoles(v.roles);
  if (!sameRoles(roles, before.roles)) patch.roles = roles;
  return Object.keys(patch).length ? patch : undefined;
}

/** Whether these roles would take the admin role away from the signed-in admin (the API refuses it with 409). */
export const dropsOwnAdmin = (selfId: string, userId: string, roles: readonly RoleAssignment[]): boolean => selfId === userId && !isAdmin({ roles });

type Snapshot = Pick<AdminUser, 'username' | 'displayName' | 'email' | 'unitId' | 'disabled' | 'roles'>;
const FIELDS = ['displayName', 'email', 'unitId', 'disabled', 'roles'] as const;

export type ChangedField = (typeof FIELDS)[number];

/** Which fields a recorded change touched (for the drawer's change history). */
export function changedFields(before: Snapshot | null, after: Snapshot | null): ChangedField[] {
  if (!before || !after) return [];
  return FIELDS.filter((f) => (f === 'roles' ? !sameRoles(before.roles, after.roles) : before[f] !== after[f]));
}

/** How the history words values: names, not codes. */
export interface ChangeWords {
  unit: (unitId: string) => string;
  role: (role: string) => string;
  status: (disabled: boolean) => string;
  /** An empty value (no e-mail, no roles). */
  none: string;
}

/** One line of the history: a field, what it was, what it became, in words. */
export interface FieldChange {
  field: ChangedField;
  from: string;
  to: string;
}

const roleOrder = (a: RoleAssignment, b: RoleAssignment) => a.unitId.localeCompare(b.unitId) || a.role.localeCompare(b.role);

function wordOf(s: Snapshot, field: ChangedField, w: ChangeWords): string {
  switch (field) {
    case 'displayName':
      return s.displayName;
    case 'email':
      return s.email ?? w.none;
    case 'unitId':
      return w.unit(s.unitId);
    case 'disabled':
      return w.status(s.disabled);
    case 'roles': {
      const roles = [...(s.roles as RoleAssignment[])].sort(roleOrder);
      return roles.length ? roles.map((r) => `${w.role(r.role)} · ${w.unit(r.unitId)}`).join('、') : w.none;
    }
  }
}

/**
 * Each field a recorded change touched, old → new, in words (角色 客服人员 · 浙江 → 客服经理 · 浙江,
 * 所属单位 浙江 → 江苏). A creation lists what the user started with; a password change has no
 * fields (the trail keeps no password, nor its hash).
 */
export function fieldChanges(before: Snapshot | null, after: Snapshot | null, w: ChangeWords): FieldChange[] {
  if (!after) return [];
  if (!before) {
    return FIELDS.filter((f) => (f === 'disabled' ? after.disabled : f === 'email' ? after.email !== null : f === 'roles' ? after.roles.length > 0 : true)).map((field) => ({
      field,
      from: w.none,
      to: wordOf(after, field, w),
    }));
  }
  return changedFields(before, after).map((field) => ({ field, from: wordOf(before, field, w), to: wordOf(after, field, w) }));
}

/** A problem's field path (`body.roles.1.unitId`) as an antd form field name (`['roles', 1, 'unitId']`). */
export const formFieldOf = (path: string): Array<string | number> | undefined =>
  path.startsWith('body.') ? path.slice('body.'.length).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : undefined;
