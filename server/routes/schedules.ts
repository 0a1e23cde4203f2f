import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { processKeyParamsSchema, scheduleListQuerySchema, scheduleListSchema, scheduleParamsSchema, schedulePauseSchema, scheduleSchema } from '../../contract';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden } from '../http/problem';

/** Timer start events' schedules: anyone signed in sees them (as the processes), process owners pause and resume them. */
export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/processes/:key/schedules',
    {
      schema: {
        tags: ['processes'],
        summary: "The latest version's timer start events as Temporal Schedules: next runs, paused or not, and the change log",
        params: processKeyParamsSchema,
        querystring: scheduleListQuerySchema,
        response: { 200: scheduleListSchema },
      },
    },
    async (request) => app.services.schedules.list(request.params.key, request.query.count),
  );

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(
      `/api/processes/:key/schedules/:id/${action}`,
      {
        schema: {
          tags: ['processes'],
          summary: `${paused ? 'Pause' : 'Resume'} a schedule (process owners; in the schedule's change log)`,
          params: scheduleParamsSchema,
          body: schedulePauseSchema,
          response: { 200: scheduleSchema },
        },
      },
      async (request) => {
        const user = currentUser(request);
        if (!mayDeployProcesses(user)) throw forbidden('Only process owners may pause or resume a schedule.', { code: 'schedule.ownerOnly' });
        return app.services.schedules.setPaused(user.id, request.params.key, request.params.id, paused, request.body.note);
      },
    );
  }
};
