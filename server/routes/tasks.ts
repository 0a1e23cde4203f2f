import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, requireUser } from '../auth/session-plugin';

const taskSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  businessKey: z.string(),
  processKey: z.string(),
  elementId: z.string(),
  name: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  unitId: z.string(),
  candidateRoles: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  assigneeId: z.string().nullable(),
  formId: z.string().nullable(),
  outcomes: z.array(z.string()),
  escalationLevel: z.number(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
});

const taskParams = z.object({ id: z.string().min(1).max(400) });
const idempotency = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });
const assignment = z.object({ taskId: z.string(), assigneeId: z.string().nullable() });

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the signed-in user may see',
        querystring: z.object({
          status: z.enum(['open', 'completed']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(taskSchema) }) },
      },
    },
    async (request) => ({ items: await app.repos.tasks.listVisible(currentUser(request), request.query) }),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: "Complete a task with one of its outcomes (approve / reject / complete …) and the step's form data",
        params: taskParams,
        headers: idempotency,
        body: z.object({
          outcome: z.string().trim().min(1).max(50),
          comment: z.string().trim().max(2000).optional(),
          data: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 200: z.object({ taskId: z.string(), outcome: z.string(), completedAt: z.string() }) },
      },
    },
    async (request) => app.services.tasks.complete(currentUser(request), request.params.id, request.body, request.headers['idempotency-key']),
  );

  app.post(
    '/api/tasks/:id/claim',
    { schema: { tags: ['tasks'], summary: 'Claim a task offered to your role', params: taskParams, headers: idempotency, response: { 200: assignment } } },
    async (request) => app.services.tasks.claim(currentUser(request), request.params.id, request.headers['idempotency-key']),
  );

  app.post(
    '/api/tasks/:id/unclaim',
    { schema: { tags: ['tasks'], summary: 'Give a claimed task back to its candidates', params: taskParams, headers: idempotency, response: { 200: assignment } } },
    async (request) => app.services.tasks.unclaim(currentUser(request), request.params.id, request.headers['idempotency-key']),
  );

  app.post(
    '/api/tasks/:id/delegate',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Hand a task to another user',
        params: taskParams,
        headers: idempotency,
        body: z.object({ userId: z.string().min(1).max(100) }),
        response: { 200: assignment },
      },
    },
    async (request) => app.services.tasks.delegate(currentUser(request), request.params.id, request.body.userId, request.headers['idempotency-key']),
  );
};
