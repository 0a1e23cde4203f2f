import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maskCustomer, mayReadCustomer } from '../../policy/confidentiality';
import { currentUser, requireUser } from '../auth/session-plugin';

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Customer look-up (starting a case); secret customers show only their id to staff not cleared',
        querystring: z.object({ q: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                tier: z.string(),
                unitId: z.string(),
                confidentiality: z.string(),
                contactName: z.string().nullable(),
                phone: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const [found, paths] = await Promise.all([app.repos.customers.search(request.query.q, request.query.limit), app.repos.tasks.unitPaths()]);
      return {
        items: found.map((c) => (mayReadCustomer(user, c.confidentiality, c.unitPath, (id) => paths.get(id)) ? c : maskCustomer(c))),
      };
    },
  );
};
