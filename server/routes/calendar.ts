import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, requireUser } from '../auth/session-plugin';
import { CALENDAR_YEARS, calendarDaysSchema } from '../services/calendar-service';

const overrideSchema = z.object({
  day: z.string(),
  kind: z.enum(['holiday', 'workday']),
  note: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const daySchema = z.object({
  day: z.string(),
  weekday: z.number().int().min(1).max(7),
  working: z.boolean(),
  source: z.enum(['override', 'national', 'weekday']),
  name: z.string().nullable(),
  nationalWorking: z.boolean(),
  override: overrideSchema.nullable(),
});

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The business calendar of a year: every day, working or not, and whether the national schedule or an override says so',
        querystring: z.object({ year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max) }),
        response: { 200: z.object({ year: z.number(), nationalScheduleKnown: z.boolean(), days: z.array(daySchema) }) },
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
        body: z.object({ days: calendarDaysSchema }),
        response: { 200: z.object({ saved: z.number() }) },
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
        params: z.object({ day: z.iso.date() }),
      },
    },
    async (request, reply) => {
      await app.services.calendar.remove(currentUser(request), request.params.day);
      return reply.status(204).send();
    },
  );
};
