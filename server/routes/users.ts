import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/session-plugin';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Find people by id or name (to delegate to, or to show names)',
        querystring: z.object({ q: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), unitId: z.string(), roles: z.array(z.string()) })) }),
        },
      },
    },
    async (request) => ({ items: await app.repos.users.search(request.query.q, request.query.limit) }),
  );
};
