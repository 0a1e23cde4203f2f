import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userSearchQuerySchema, userSearchSchema } from '../../contract';
import { requireUser } from '../auth/session-plugin';

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
    async (request) => ({ items: await app.repos.users.search(request.query.q, request.query.limit) }),
  );
};
