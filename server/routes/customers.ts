import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerListSchema, customerSearchQuerySchema } from '../../contract';
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
        querystring: customerSearchQuerySchema,
        response: { 200: customerListSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const [found, paths] = await Promise.all([app.repos.customers.search(user, request.query.q, request.query.limit), app.repos.tasks.unitPaths()]);
      return {
        items: found.map((c) => (mayReadCustomer(user, c.confidentiality, c.unitPath, (id) => paths.get(id)) ? c : maskCustomer(c))),
      };
    },
  );
};
