import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, requireUser, SESSION_COOKIE } from '../auth/session-plugin';
import { ROLE_CODES } from '../../policy/roles';
import { createUserSchema, PASSWORD_MIN_LENGTH, passwordSchema, requireAdmin, updateUserSchema } from '../services/user-admin-service';

const roleSchema = z.object({ role: z.string(), unitId: z.string() });
const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  unitId: z.string(),
  disabled: z.boolean(),
  roles: z.array(roleSchema),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
const snapshotSchema = z.object({ username: z.string(), displayName: z.string(), email: z.string().nullable(), unitId: z.string(), disabled: z.boolean(), roles: z.array(roleSchema) });
const idParams = z.object({ id: z.string().min(1).max(64) });

/** GET /api/org-units: the org tree, flat in path order — every signed-in user (the console shows unit names). */
export const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);
  app.get(
    '/api/org-units',
    {
      schema: {
        tags: ['users'],
        summary: 'The org tree (总部 → 大区 → 省), flat in path order',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), nameEn: z.string(), level: z.string(), path: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: await app.services.userAdmin.orgUnits() }),
  );
};

/** /api/admin/users…: user administration, admins only. */
export const userAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before validation, so a non-admin learns nothing from the shape of a refused request.
  app.addHook('preValidation', async (request: FastifyRequest) => requireAdmin(currentUser(request)));

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users with their roles per unit (admins); filters by name / e-mail, unit (home unit or a role there) and role',
        querystring: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          unitId: z.string().trim().min(1).max(64).optional(),
          role: z.enum(ROLE_CODES).optional(),
          includeDisabled: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(adminUserSchema), total: z.number().int() }) },
      },
    },
    async (request) => app.services.userAdmin.list(request.query),
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['users'],
        summary: `Create a user (admins); the password needs ${PASSWORD_MIN_LENGTH}+ characters and must not be the user name; 409 if the name is taken`,
        body: createUserSchema,
        response: { 201: adminUserSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.userAdmin.create(currentUser(request), request.body)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (admins): name, e-mail, home unit, disabled, roles (replaces them); disabling signs the user out. Admins cannot disable themselves or drop their own admin role (409)',
        params: idParams,
        body: updateUserSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) => app.services.userAdmin.update(currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: "Set a user's password (admins); signs the user out everywhere",
        params: idParams,
        body: z.object({ password: passwordSchema }),
      },
    },
    async (request, reply) => {
      await app.services.userAdmin.setPassword(currentUser(request), request.params.id, request.body.password, request.cookies[SESSION_COOKIE]);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/users/:id/changes',
    {
      schema: {
        tags: ['users'],
        summary: "Who changed this user and how (admins), oldest first; passwords are never recorded, only that one was set",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(z.object({ actorId: z.string(), action: z.string(), before: snapshotSchema.nullable(), after: snapshotSchema.nullable(), at: z.string() })),
          }),
        },
      },
    },
    async (request) => ({ items: await app.services.userAdmin.changes(request.params.id) }),
  );
};
