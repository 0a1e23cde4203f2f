import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { degradedSchema, healthySchema } from '../../contract';
import type { Db } from '../../db/pool';

/** A hung database must make health say so within seconds, not hang with it. */
const DATABASE_DEADLINE_MS = 3_000;

function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_DEADLINE_MS);
  });
  const query = db.query('SELECT 1').then(
    () => true,
    () => false,
  );
  return Promise.race([query, deadline]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness of the API and its dependencies: Temporal, a worker polling the case task queue, the database',
        response: { 200: healthySchema, 503: degradedSchema },
      },
    },
    async (_request, reply) => {
      const [temporal, worker, database] = await Promise.all([app.temporal.isHealthy(), app.temporal.workerPolling(), databaseAnswers(app.db)]);
      const body = { temporal: temporal ? 'up' : 'down', worker: worker ? 'up' : 'down', database: database ? 'up' : 'down' } as const;
      if (temporal && worker && database) return { status: 'ok' as const, ...body };
      return reply.status(503).send({ status: 'degraded' as const, ...body });
    },
  );
};
