import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { degradedSchema, healthySchema } from '../../contract';
import type { Db } from '../../db/pool';
import { readLauncherStatus } from '../launcher-status';

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

/** What the launcher says of its children, for the health body; undefined outside `npm start`. */
async function supervised(file: string | undefined) {
  const status = file ? await readLauncherStatus(file) : undefined;
  if (!status) return undefined;
  return Object.fromEntries(
    Object.entries(status.children).map(([name, c]) => [name, { state: c.state, recentCrashes: c.crashes.length, ...(c.lastExit ? { lastExit: c.lastExit } : {}) }]),
  );
}

export const healthRoutes: FastifyPluginAsyncZod<{ launcherStatusFile?: string }> = async (app, opts) => {
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
      const [temporal, polling, database, processes] = await Promise.all([app.temporal.isHealthy(), app.temporal.workerPolling(), databaseAnswers(app.db), supervised(opts.launcherStatusFile)]);
      // Temporal remembers a poller for a while after it died: the launcher knows sooner.
      const worker = polling && (processes?.worker === undefined || processes.worker.state === 'running');
      const body = { temporal: temporal ? 'up' : 'down', worker: worker ? 'up' : 'down', database: database ? 'up' : 'down', ...(processes ? { processes } : {}) } as const;
      if (temporal && worker && database) return { status: 'ok' as const, ...body };
      return reply.status(503).send({ status: 'degraded' as const, ...body });
    },
  );
};
