import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignmentResultSchema,
  bulkCompleteBodySchema,
  bulkCompleteResultSchema,
  commentBodySchema,
  completeTaskBodySchema,
  completeTaskResultSchema,
  delegateBodySchema,
  eligibleUsersQuerySchema,
  eligibleUsersSchema,
  idempotencyHeadersSchema,
  taskCommentSchema,
  taskCountsSchema,
  taskListQuerySchema,
  taskPageSchema,
  taskParamsSchema,
  type TaskDetail,
} from '../../contract';
import { defaultTaskSort } from '../../contract/task-sort';
import { currentUser, requireUser } from '../auth/session-plugin';
import type { HttpProblem } from '../http/problem';
import { localizeProblem, problemLanguage } from '../http/problem-language';
import { namedProblemExtra, problemNamer } from '../http/problem-names';

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The inbox: tasks the signed-in user may see, one keyset page at a time',
        querystring: taskListQuerySchema,
        response: { 200: taskPageSchema },
      },
    },
    async (request) =>
      app.services.tasks.list(currentUser(request), { ...request.query, sort: request.query.sort ?? defaultTaskSort(request.query.status) }),
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Open-task counts for the inbox badges',
        response: { 200: taskCountsSchema },
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
        params: taskParamsSchema,
      },
    },
    async (request): Promise<TaskDetail> => {
      const detail = await app.services.tasks.detail(currentUser(request), request.params.id);
      // The model's FormSchema is an interface (no index signature) for the same open-ended JSON.
      return { ...detail, form: detail.form as TaskDetail['form'] };
    },
  );

  app.post(
    '/api/tasks/:id/comments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Comment on a task',
        params: taskParamsSchema,
        body: commentBodySchema,
        response: { 201: taskCommentSchema },
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
        body: bulkCompleteBodySchema,
        response: { 200: bulkCompleteResultSchema },
      },
    },
    async (request) => {
      // Each refusal's detail in the caller's language, as a problem+json body would say it.
      const lang = problemLanguage(request.headers['accept-language']);
      // People and processes by name, as in any refusal (problem-names.ts): in the detail and in the params the console words.
      const name = problemNamer(app.db);
      const say = async (p: HttpProblem) => localizeProblem({ status: p.status, title: p.title, detail: p.detail, ...(await namedProblemExtra(p.extra, name)) }, lang).detail;
      const results = await app.services.tasks.bulkComplete(currentUser(request), request.body.items, say);
      return { results: await Promise.all(results.map(async (r) => (!r.ok && r.params ? { ...r, params: await name(r.params) } : r))) };
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: "Complete a task with one of its outcomes (approve / reject / complete …) and the step's form data",
        params: taskParamsSchema,
        headers: idempotencyHeadersSchema,
        body: completeTaskBodySchema,
        response: { 200: completeTaskResultSchema },
      },
      config: { idempotent: true },
    },
    async (request) => app.services.tasks.complete(currentUser(request), request.params.id, request.body, request.idempotency?.operationId),
  );

  app.post(
    '/api/tasks/:id/claim',
    {
      schema: { tags: ['tasks'], summary: 'Claim a task offered to your role', params: taskParamsSchema, headers: idempotencyHeadersSchema, response: { 200: assignmentResultSchema } },
      config: { idempotent: true },
    },
    async (request) => app.services.tasks.claim(currentUser(request), request.params.id, request.idempotency?.operationId),
  );

  app.post(
    '/api/tasks/:id/unclaim',
    {
      schema: { tags: ['tasks'], summary: 'Give a claimed task back to its candidates', params: taskParamsSchema, headers: idempotencyHeadersSchema, response: { 200: assignmentResultSchema } },
      config: { idempotent: true },
    },
    async (request) => app.services.tasks.unclaim(currentUser(request), request.params.id, request.idempotency?.operationId),
  );

  app.post(
    '/api/tasks/:id/delegate',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Hand a task to someone it is offered to; managers may override that with a reason (audited)',
        params: taskParamsSchema,
        headers: idempotencyHeadersSchema,
        body: delegateBodySchema,
        response: { 200: assignmentResultSchema },
      },
      config: { idempotent: true },
    },
    async (request) => app.services.tasks.delegate(currentUser(request), request.params.id, request.body, request.idempotency?.operationId),
  );

  app.get(
    '/api/tasks/:id/eligible-users',
    {
      schema: {
        tags: ['tasks'],
        summary: 'People the task may be delegated to (its candidates), searched by name, a page at a time',
        params: taskParamsSchema,
        querystring: eligibleUsersQuerySchema,
        response: { 200: eligibleUsersSchema },
      },
    },
    async (request) => app.services.tasks.eligibleDelegates(currentUser(request), request.params.id, request.query),
  );
};
