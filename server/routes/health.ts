import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { degradedSchema, healthySchema } from '../../contract';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness of the API and its dependencies',
        response: { 200: healthySchema, 503: degradedSchema },
      },
    },
    async (_request, reply) => {
      const [temporal, database] = await Promise.all([
        app.temporal.isHealthy(),
        app.db.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      ]);
      const body = { temporal: temporal ? 'up' : 'down', database: database ? 'up' : 'down' } as const;
      if (temporal && database) return { status: 'ok' as const, ...body };
      return reply.status(503).send({ status: 'degraded' as const, ...body });
    },
  );
};
