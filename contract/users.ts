import { z } from 'zod';
import { departmentCodeSchema } from './departments';
import { PASSWORD_MIN_LENGTH, ROLE_CODES, USERNAME_PATTERN } from './user-rules';

// People: the look-up every signed-in user may use (GET /api/users), the org tree
// (GET /api/org-units) and user administration, admins only (/api/admin/users…).

export const userSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const userHitSchema = z.object({ id: z.string(), displayName: z.string(), unitId: z.string(), roles: z.array(z.string()) });
export type UserHit = z.infer<typeof userHitSchema>;
export const userSearchSchema = z.object({ items: z.array(userHitSchema) });

export const orgUnitSchema = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), nameEn: z.string(), level: z.string(), path: z.string() });
export type OrgUnit = z.infer<typeof orgUnitSchema>;
export const orgUnitListSchema = z.object({ items: z.array(orgUnitSchema) });

export const roleSchema = z.object({ role: z.string(), unitId: z.string() });
export type UserRole = z.infer<typeof roleSchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  unitId: z.string(),
  /** Where the user works (质量管理部 …), null for none: steps routed to a department go to its users. */
  department: z.string().nullable(),
  disabled: z.boolean(),
  roles: z.array(roleSchema),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** A user as admin_change records it (no password hash, no sign-in times). */
export const adminUserSnapshotSchema = z.object({ username: z.string(), displayName: z.string(), email: z.string().nullable(), unitId: z.string(), department: z.string().nullable().optional(), disabled: z.boolean(), roles: z.array(roleSchema) });
export type AdminUserSnapshot = z.infer<typeof adminUserSnapshotSchema>;

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const userListQuerySchema = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  unitId: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLE_CODES).optional(),
  includeDisabled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const userListSchema = z.object({ items: z.array(adminUserSchema), total: z.number().int() });

export const usernameSchema = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, 'lower-case letters, digits, ".", "_" or "-" (2–64, starting with a letter or digit)');
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200);
export const roleAssignmentSchema = z.object({ role: z.enum(ROLE_CODES), unitId: z.string().trim().min(1).max(64) });
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
const rolesSchema = z.array(roleAssignmentSchema).max(100);
const displayNameSchema = z.string().trim().min(1).max(100);
const emailSchema = z.email().max(200);

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  unitId: z.string().trim().min(1).max(64),
  department: departmentCodeSchema.nullable().optional(),
  email: emailSchema.optional(),
  password: passwordSchema,
  roles: rolesSchema.default([]),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  displayName: displayNameSchema.optional(),
  /** null clears it */
  email: emailSchema.nullable().optional(),
  unitId: z.string().trim().min(1).max(64).optional(),
  /** null clears it */
  department: departmentCodeSchema.nullable().optional(),
  disabled: z.boolean().optional(),
  /** Replaces the user's roles. */
  roles: rolesSchema.optional(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const setPasswordBodySchema = z.object({ password: passwordSchema });

/** One admin_change row: who (id and display name), what, the user before and after (never a password or its hash). */
export const userChangeSchema = z.object({
  actorId: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  before: adminUserSnapshotSchema.nullable(),
  after: adminUserSnapshotSchema.nullable(),
  at: z.string(),
});
export type UserChange = z.infer<typeof userChangeSchema>;
export const userChangeListSchema = z.object({ items: z.array(userChangeSchema) });

/** What the console sends (defaults not yet applied). */
export type CreateUserBody = z.input<typeof createUserSchema>;
export type UpdateUserBody = z.input<typeof updateUserSchema>;
