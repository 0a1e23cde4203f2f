import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userSearchQuerySchema, userSearchSchema } from '../../contract';
import { mayOverrideDelegation } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden } from '../http/problem';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Find people by id or name (to delegate to, or to show names)',
        querystring: userSearchQuerySchema,
        response: { 200: userSearchSchema },
      },
    },
    async (request) => {
      // Names reach readers beside the ids of what they may read; the whole directory only those
      // who may hand a step to anyone (a manager's override of delegation) need.
      if (!mayOverrideDelegation(currentUser(request))) throw forbidden('Only managers who may override a delegation search the directory of people.', { code: 'users.directoryForbidden' });
      return { items: await app.repos.users.search(request.query.q, request.query.limit) };
    },
  );
};
