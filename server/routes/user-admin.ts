import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminUserSchema,
  createUserSchema,
  orgUnitListSchema,
  PASSWORD_MIN_LENGTH,
  setPasswordBodySchema,
  updateUserSchema,
  userChangeListSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userListSchema,
} from '../../contract';
import { currentUser, requireUser, SESSION_COOKIE } from '../auth/session-plugin';
import { requireAdmin } from '../services/user-admin-service';

/** GET /api/org-units: the org tree, flat in path order — every signed-in user (the console shows unit names). */
export const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);
  app.get(
    '/api/org-units',
    {
      schema: {
        tags: ['users'],
        summary: 'The org tree (总部 → 大区 → 省), flat in path order',
        response: { 200: orgUnitListSchema },
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
        querystring: userListQuerySchema,
        response: { 200: userListSchema },
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
        summary: 'Change a user (admins): name, e-mail, home unit, department, disabled, roles (replaces them); disabling signs the user out. Admins cannot disable themselves or drop their own admin role (409)',
        params: userIdParamsSchema,
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
        params: userIdParamsSchema,
        body: setPasswordBodySchema,
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
        params: userIdParamsSchema,
        response: { 200: userChangeListSchema },
      },
    },
    async (request) => ({ items: await app.services.userAdmin.changes(request.params.id) }),
  );
};
