import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalSlice, type ApprovalSliceInput } from '../../workflows/approval-slice';
import { DEMO_APPROVAL_PROCESS_KEY } from '../../workflows/approval-slice';
import { BusinessKey, CaseStatus, ProcessKey, ProcessVersion } from '../../workflows/search-attributes';
import { currentUser, requireUser } from '../auth/session-plugin';
import { conflict, notFound } from '../http/problem';

const caseSchema = z.object({
  id: z.string(),
  processKey: z.string(),
  processVersion: z.number(),
  businessKey: z.string(),
  title: z.string(),
  status: z.string(),
  initiatorId: z.string().nullable(),
  ownerId: z.string().nullable(),
  unitId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});

const eventSchema = z.object({
  seq: z.number(),
  kind: z.string(),
  taskId: z.string().nullable(),
  actorId: z.string().nullable(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

function newBusinessKey(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `DA-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Start a case (for now: the demo approval slice)',
        body: z.object({
          processKey: z.literal(DEMO_APPROVAL_PROCESS_KEY),
          title: z.string().trim().min(1).max(200),
          businessKey: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - only').optional(),
          approverRole: z.enum(['cs_manager', 'general_manager']).default('cs_manager'),
        }),
        response: { 201: z.object({ id: z.string(), businessKey: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const businessKey = request.body.businessKey ?? newBusinessKey();
      const workflowId = `${DEMO_APPROVAL_PROCESS_KEY}/${businessKey}`;
      const input: ApprovalSliceInput = {
        businessKey,
        title: request.body.title,
        initiatorId: user.id,
        unitId: user.unitId,
        approverRole: request.body.approverRole,
        startedAt: new Date().toISOString(),
      };
      try {
        await app.temporal.client.workflow.start(approvalSlice, {
          taskQueue: app.temporal.taskQueue,
          workflowId,
          args: [input],
          typedSearchAttributes: [
            { key: ProcessKey, value: DEMO_APPROVAL_PROCESS_KEY },
            { key: ProcessVersion, value: 1 },
            { key: BusinessKey, value: businessKey },
            { key: CaseStatus, value: 'running' },
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) throw conflict(`A case with business key ${businessKey} already exists.`);
        throw err;
      }
      // The workflow projects its start too (idempotently); doing it here as well makes the
      // case visible to the very next list request. Had this request died after the start,
      // the workflow's own projection would still write it.
      await app.projection.projectCaseStarted({
        caseId: workflowId,
        processKey: DEMO_APPROVAL_PROCESS_KEY,
        processVersion: 1,
        businessKey,
        title: input.title,
        initiatorId: user.id,
        unitId: user.unitId,
        startedAt: input.startedAt,
      });
      return reply.status(201).send({ id: workflowId, businessKey });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(caseSchema) }) },
      },
    },
    async (request) => ({ items: await app.repos.cases.list(request.query.limit) }),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        params: z.object({ id: z.string().min(1).max(300) }),
        response: { 200: z.object({ case: caseSchema, events: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const found = await app.repos.cases.findById(request.params.id);
      if (!found) throw notFound(`No case ${request.params.id}.`);
      return { case: found, events: await app.repos.cases.events(found.id) };
    },
  );
};
