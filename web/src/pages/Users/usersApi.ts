import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type {
  AdminUser as AdminUserAnswer,
  AdminUserSnapshot,
  CreateUserBody,
  RoleAssignment,
  RoleCode,
  UpdateUserBody,
  UserChange as UserChangeAnswer,
} from '../../../../contract';

// User administration's API (server/routes/user-admin.ts), admins only, kept beside its screen like
// the calendar's. The org tree every signed-in user may read is api/useOrgUnits.query.ts.

// The API's schema says a role is a string; it is one of the database's role codes (user_role's
// CHECK), which the console names and offers, so the console reads it as a RoleCode.
type WithRoleCodes<T extends { roles: unknown }> = Omit<T, 'roles'> & { roles: RoleAssignment[] };
export type AdminUser = WithRoleCodes<AdminUserAnswer>;
export type UserChange = Omit<UserChangeAnswer, 'before' | 'after'> & { before: WithRoleCodes<AdminUserSnapshot> | null; after: WithRoleCodes<AdminUserSnapshot> | null };


export interface UserListParams {
  q?: string;
  unitId?: string;
  role?: RoleCode;
  includeDisabled?: boolean;
  limit: number;
  offset: number;
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
  return useMutation({ mutationFn: (user: CreateUserBody) => api<AdminUser>('/api/admin/users', { method: 'POST', json: user }), onSuccess: () => void invalidate() });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateUserBody }) => api<AdminUser>(usersPath(id), { method: 'PATCH', json: patch }),
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
