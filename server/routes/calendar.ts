import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { calendarDayParamsSchema, calendarYearQuerySchema, calendarYearSchema, saveCalendarDaysBodySchema, savedCalendarDaysSchema } from '../../contract';
import { currentUser, requireUser } from '../auth/session-plugin';

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The business calendar of a year: every day, working or not, and whether the national schedule or an override says so',
        querystring: calendarYearQuerySchema,
        response: { 200: calendarYearSchema },
      },
    },
    async (request) => app.services.calendar.year(request.query.year),
  );

  app.put(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Set overrides (admins): public holidays or 调休 make-up working days the national schedule lacks; replaces those days',
        body: saveCalendarDaysBodySchema,
        response: { 200: savedCalendarDaysSchema },
      },
    },
    async (request) => ({ saved: await app.services.calendar.save(currentUser(request), request.body.days) }),
  );

  app.delete(
    '/api/calendar/days/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: "Remove a day's override (admins); the national schedule applies again",
        params: calendarDayParamsSchema,
      },
    },
    async (request, reply) => {
      await app.services.calendar.remove(currentUser(request), request.params.day);
      return reply.status(204).send();
    },
  );
};
