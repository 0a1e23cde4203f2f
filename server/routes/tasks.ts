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
  /** unit: the roles are held in `unitId`; ancestors: in it or any unit above it. */
  candidateScope: z.enum(['unit', 'ancestors']),
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
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  priority: z.number(),
  sla: z.enum(['none', 'on_time', 'due_soon', 'overdue']),
});
const commentSchema = z.object({ id: z.string(), authorId: z.string(), authorName: z.string(), body: z.string(), at: z.string() });

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
        summary: 'The inbox: tasks the signed-in user may see, one keyset page at a time',
        querystring: z.object({
          view: z.enum(['mine', 'group', 'all']).default('all'),
          status: z.enum(['open', 'completed']).default('open'),
          processKey: z.string().max(100).optional(),
          dueBefore: z.iso.datetime({ offset: true }).optional(),
          customerId: z.string().max(100).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          // Open tasks default to most urgent first, completed ones to newest first.
          sort: z.enum(['due', 'created', 'priority']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) =>
      app.services.tasks.list(currentUser(request), { ...request.query, sort: request.query.sort ?? (request.query.status === 'open' ? 'due' : 'created') }),
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Open-task counts for the inbox badges',
        response: { 200: z.object({ mine: z.number(), group: z.number(), all: z.number(), overdue: z.number(), dueSoon: z.number() }) },
      },
    },
    async (request) => app.repos.tasks.counts(currentUser(request)),
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: "A task with its form, its case's context, earlier steps and comments, and what the user may do",
        params: taskParams,
      },
    },
    async (request) => app.services.tasks.detail(currentUser(request), request.params.id),
  );

  app.post(
    '/api/tasks/:id/comments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Comment on a task',
        params: taskParams,
        body: z.object({ body: z.string().trim().min(1).max(4000) }),
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.tasks.comment(currentUser(request), request.params.id, request.body.body)),
  );

  app.post(
    '/api/tasks/bulk-complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete many tasks; one result per task, in order',
        body: z.object({
          items: z
            .array(
              z.object({
                taskId: z.string().min(1).max(400),
                outcome: z.string().trim().min(1).max(50),
                comment: z.string().trim().max(2000).optional(),
                data: z.record(z.string(), z.unknown()).optional(),
              }),
            )
            .min(1)
            .max(100),
        }),
        response: {
          200: z.object({
            results: z.array(z.object({ taskId: z.string(), ok: z.boolean(), status: z.number(), detail: z.string().optional(), completedAt: z.string().optional() })),
          }),
        },
      },
    },
    async (request) => ({ results: await app.services.tasks.bulkComplete(currentUser(request), request.body.items) }),
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
        body: z.object({ userId: z.string().min(1).max(100), reason: z.string().trim().max(500).optional() }),
        response: { 200: assignment },
      },
    },
    async (request) =>
      app.services.tasks.delegate(currentUser(request), request.params.id, request.body.userId, request.body.reason, request.headers['idempotency-key']),
  );
};
