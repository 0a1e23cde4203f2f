import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeTaskUpdate } from '../../workflows/task-messages';
import { currentUser, requireUser } from '../auth/session-plugin';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';

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
  assigneeId: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  outcome: z.enum(['approve', 'reject']).nullable(),
  comment: z.string().nullable(),
});

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
        summary: 'Approve or reject a task',
        params: z.object({ id: z.string().min(1).max(400) }),
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        body: z.object({
          outcome: z.enum(['approve', 'reject']),
          comment: z.string().trim().max(2000).optional(),
        }),
        response: { 200: z.object({ taskId: z.string(), outcome: z.enum(['approve', 'reject']), completedAt: z.string() }) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const task = await app.repos.tasks.findById(request.params.id);
      if (!task) throw notFound(`No task ${request.params.id}.`);
      if (!(await app.repos.tasks.mayComplete(user, task.id))) throw forbidden('This task is neither assigned nor offered to you.');
      if (task.status !== 'open') throw conflict(`Task ${task.id} is already ${task.status}.`);
      if (request.body.outcome === 'reject' && !request.body.comment) {
        throw badRequest('A rejection needs a comment.', [{ path: 'body.comment', message: 'required when rejecting' }]);
      }
      const handle = app.temporal.client.workflow.getHandle(task.caseId);
      try {
        // The Update ID makes a retried request (same Idempotency-Key) return the first answer.
        return await handle.executeUpdate(completeTaskUpdate, {
          updateId: request.headers['idempotency-key'] ?? randomUUID(),
          args: [{ taskId: task.id, userId: user.id, outcome: request.body.outcome, comment: request.body.comment }],
        });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) throw conflict(err.cause?.message ?? err.message);
        if (err instanceof WorkflowNotFoundError) throw conflict(`Case ${task.caseId} is no longer running.`);
        throw err;
      }
    },
  );
};
