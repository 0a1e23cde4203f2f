import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DIAGRAM_BODY_LIMIT,
  completePlayTaskBodySchema,
  playMessageBodySchema,
  playParamsSchema,
  playStateSchema,
  playTaskParamsSchema,
  playTimerParamsSchema,
  processKeyParamsSchema,
  startPlayBodySchema,
} from '../../contract';
import { createProcessDraftRepository } from '../../db/process-drafts';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden } from '../http/problem';
import { createPlayService } from '../services/play-service';

/**
 * /api/processes/:key/play… (issue 18 §8, 试运行): a process owner plays the editor's draft in a
 * sandbox. Owners only, like the draft itself; each run is its starter's alone (play-service.ts).
 */
export const playRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);
  app.addHook('preHandler', async (request) => {
    if (!mayDeployProcesses(currentUser(request))) throw forbidden('Only process owners may play drafts.', { code: 'process.ownerOnly' });
  });
  const play = createPlayService({ client: app.temporal.client, taskQueue: app.temporal.taskQueue, stateQueryTimeoutMs: app.temporal.stateQueryTimeoutMs, processes: app.services.processes, drafts: createProcessDraftRepository(app.db) });
  const tags = ['processes'];

  app.post(
    '/api/processes/:key/play',
    {
      bodyLimit: DIAGRAM_BODY_LIMIT,
      schema: { tags, summary: 'Start a 试运行 of the draft (the body’s diagram, else the saved draft) with sample variables', params: processKeyParamsSchema, body: startPlayBodySchema, response: { 201: playStateSchema } },
    },
    async (request, reply) => reply.status(201).send(await play.start(currentUser(request), request.params.key, request.body)),
  );

  app.get('/api/processes/:key/play/:runId', { schema: { tags, summary: 'Where the 试运行 is: tokens, open steps, waiting timers and messages', params: playParamsSchema, response: { 200: playStateSchema } } }, async (request) =>
    play.state(currentUser(request), request.params.key, request.params.runId),
  );

  app.post(
    '/api/processes/:key/play/:runId/tasks/:taskId/complete',
    { schema: { tags, summary: 'Complete a step of the 试运行 as the role the owner picks', params: playTaskParamsSchema, body: completePlayTaskBodySchema, response: { 200: playStateSchema } } },
    async (request) => play.completeTask(currentUser(request), request.params.key, request.params.runId, request.params.taskId, request.body),
  );

  app.post(
    '/api/processes/:key/play/:runId/messages',
    { schema: { tags, summary: 'Send a message to the 试运行', params: playParamsSchema, body: playMessageBodySchema, response: { 200: playStateSchema.extend({ consumed: z.boolean() }) } } },
    async (request) => play.correlate(currentUser(request), request.params.key, request.params.runId, request.body.messageName, request.body.variables ?? {}),
  );

  app.post(
    '/api/processes/:key/play/:runId/timers/:elementId/fire',
    { schema: { tags, summary: 'Fire a timer the 试运行 waits at now, instead of waiting', params: playTimerParamsSchema, response: { 200: playStateSchema } } },
    async (request) => play.fireTimer(currentUser(request), request.params.key, request.params.runId, request.params.elementId),
  );

  app.delete('/api/processes/:key/play/:runId', { schema: { tags, summary: '结束试运行', params: playParamsSchema } }, async (request, reply) => {
    await play.end(currentUser(request), request.params.key, request.params.runId);
    return reply.status(204).send();
  });
};
