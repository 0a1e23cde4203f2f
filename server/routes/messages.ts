import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { broadcastSignalBodySchema, broadcastSignalResultSchema, idempotencyHeadersSchema, publishMessageBodySchema, publishMessageResultSchema } from '../../contract';
import { currentActor, requireUser } from '../auth/session-plugin';

/** How often expired buffered messages are swept (each sweep that drops any says so in the log). */
const SWEEP_EVERY_MS = 60_000;

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.post(
    '/api/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Publish a message by name and correlation key: starts the processes listening for it, reaches the cases waiting for it, else keeps it for its time to live',
        headers: idempotencyHeadersSchema,
        body: publishMessageBodySchema,
        response: { 200: publishMessageResultSchema },
      },
      config: { idempotent: true },
    },
    async (request) => app.services.messages.publish(currentActor(request), request.body, request.idempotency ?? undefined),
  );

  app.post(
    '/api/signals',
    {
      schema: {
        tags: ['cases'],
        summary: 'Broadcast a signal by name: starts the processes listening for it and reaches the cases waiting for it now (a signal is never kept)',
        headers: idempotencyHeadersSchema,
        body: broadcastSignalBodySchema,
        response: { 200: broadcastSignalResultSchema },
      },
      config: { idempotent: true },
    },
    async (request) => app.services.messages.broadcastSignal(currentActor(request), request.body, request.idempotency ?? undefined),
  );

  const sweeper = setInterval(() => {
    app.services.messages.sweepExpired().catch((err: unknown) => app.log.warn({ err }, 'sweeping expired messages failed'));
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));
};
