import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { RoleCode } from '../../lib/roles';

// User administration's API (server/routes/user-admin.ts), admins only; and the org tree every
// signed-in user may read. Kept beside its screen like the calendar's.

export interface RoleAssignment {
  role: RoleCode;
  unitId: string;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  disabled: boolean;
  roles: RoleAssignment[];
  createdAt: string;
  lastLoginAt: string | null;
}

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  level: string;
  path: string;
}

export interface UserListParams {
  q?: string;
  unitId?: string;
  role?: RoleCode;
  includeDisabled?: boolean;
  limit: number;
  offset: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  email?: string;
  password: string;
  roles: RoleAssignment[];
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  unitId?: string;
  disabled?: boolean;
  roles?: RoleAssignment[];
}

type Snapshot = Pick<AdminUser, 'username' | 'displayName' | 'email' | 'unitId' | 'disabled' | 'roles'>;
export interface UserChange {
  actorId: string;
  action: 'user.create' | 'user.update' | 'user.password';
  before: Snapshot | null;
  after: Snapshot | null;
  at: string;
}

export function userListQuery(p: UserListParams): string {
  const q = new URLSearchParams();
  if (p.q) q.set('q', p.q);
  if (p.unitId) q.set('unitId', p.unitId);
  if (p.role) q.set('role', p.role);
  if (p.includeDisabled) q.set('includeDisabled', 'true');
  q.set('limit', String(p.limit));
  q.set('offset', String(p.offset));
  return q.toString();
}

const usersPath = (id: string, suffix = '') => `/api/admin/users/${encodeURIComponent(id)}${suffix}`;

export const useAdminUsers = (p: UserListParams) =>
  useQuery({
    queryKey: ['admin-users', p],
    queryFn: ({ signal }) => api<{ items: AdminUser[]; total: number }>(`/api/admin/users?${userListQuery(p)}`, { signal }),
    placeholderData: keepPreviousData,
  });

/** The org tree rarely changes: fetched once per session. */
export const useOrgUnits = () =>
  useQuery({ queryKey: ['org-units'], queryFn: ({ signal }) => api<{ items: OrgUnit[] }>('/api/org-units', { signal }).then((r) => r.items), staleTime: Infinity });

export const useUserChanges = (id: string | undefined) =>
  useQuery({
    queryKey: ['admin-users', 'changes', id],
    queryFn: ({ signal }) => api<{ items: UserChange[] }>(usersPath(id!, '/changes'), { signal }).then((r) => r.items),
    enabled: Boolean(id),
  });

function useInvalidateUsers() {
  const qc = useQueryClient();
  // The session too: an admin editing their own roles sees the menu follow.
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['admin-users'] }), qc.invalidateQueries({ queryKey: ['session'] })]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (user: NewUser) => api<AdminUser>('/api/admin/users', { method: 'POST', json: user }), onSuccess: () => void invalidate() });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => api<AdminUser>(usersPath(id), { method: 'PATCH', json: patch }),
    onSuccess: () => void invalidate(),
  });
}

export function useSetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => api<void>(usersPath(id, '/password'), { method: 'POST', json: { password } }),
    onSuccess: () => void invalidate(),
  });
}
