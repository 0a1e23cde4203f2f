import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardSchema } from '../../contract';
import { currentUser, requireUser } from '../auth/session-plugin';

/** GET /api/dashboard: the 首页 of the caller, a card per role they hold, each read within what they may read. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: "The caller's 首页: their open, due-soon and overdue tasks; a manager's unit SLA and backlog; an auditor's recent escalations and incidents; a process owner's versions and cases per version",
        response: { 200: dashboardSchema },
      },
    },
    async (request) => app.services.dashboard.read(currentUser(request)),
  );
};
