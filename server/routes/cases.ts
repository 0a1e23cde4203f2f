import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentActor, currentUser, requireUser } from '../auth/session-plugin';
import type { SessionUser } from '../repositories/user-repository';
import { WorkflowNotFoundError } from '@temporalio/client';
import { verifyChain } from '../audit/verify-chain';
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
  customerId: z.string().nullable(),
  parentCaseId: z.string().nullable(),
  variables: z.record(z.string(), z.unknown()),
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

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  // Not found and not allowed look the same, so case ids cannot be probed.
  async function readableCase(user: SessionUser, id: string) {
    const found = await app.repos.cases.findById(id);
    if (!found || !(await app.repos.cases.mayRead(user, id))) throw notFound(`No case ${id}.`);
    return found;
  }

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Start a case of a deployed process (latest version unless one is named)',
        body: z.object({
          processKey: z.string().min(1).max(100),
          version: z.number().int().positive().optional(),
          title: z.string().trim().min(1).max(200),
          businessKey: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - only').optional(),
          customerId: z.string().min(1).max(100).optional(),
          variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a FEEL-friendly name'), z.unknown()).optional(),
        }),
        response: { 201: z.object({ id: z.string(), businessKey: z.string(), processKey: z.string(), processVersion: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.cases.start(currentActor(request), request.body)),
  );

  app.post(
    '/api/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Correlate a message (a customer reply, a document arriving) with the case',
        params: z.object({ id: z.string().min(1).max(300) }),
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        body: z.object({ messageName: z.string().min(1).max(100), variables: z.record(z.string(), z.unknown()).optional() }),
        response: { 200: z.object({ consumed: z.boolean() }) },
      },
    },
    async (request) => {
      const found = await readableCase(currentActor(request), request.params.id);
      if (found.status !== 'running') throw conflict(`Case ${found.id} is ${found.status}.`);
      return app.services.cases.correlate(found.id, request.body.messageName, request.body.variables ?? {}, request.headers['idempotency-key']);
    },
  );

  app.get(
    '/api/cases/:id/state',
    {
      schema: {
        tags: ['cases'],
        summary: 'Live state of a running case from its workflow: tokens, open tasks, variables',
        params: z.object({ id: z.string().min(1).max(300) }),
      },
    },
    async (request) => app.services.cases.state((await readableCase(currentUser(request), request.params.id)).id),
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the user may read; owner=me for the cases they are the first-contact owner of (我负责的)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          owner: z.literal('me').optional(),
          status: z.enum(['running', 'completed', 'failed', 'terminated']).optional(),
        }),
        response: { 200: z.object({ items: z.array(caseSchema) }) },
      },
    },
    async (request) => ({
      items: await app.repos.cases.list(currentUser(request), { limit: request.query.limit, mine: request.query.owner === 'me', ...(request.query.status ? { status: request.query.status } : {}) }),
    }),
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
      const found = await readableCase(currentUser(request), request.params.id);
      return { case: found, events: await app.repos.cases.events(found.id) };
    },
  );

  app.get(
    '/api/cases/:id/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "The case's audit trail with its hash chain verified (append-only, tamper-evident)",
        params: z.object({ id: z.string().min(1).max(300) }),
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                seq: z.number(),
                kind: z.string(),
                taskId: z.string().nullable(),
                actorId: z.string().nullable(),
                at: z.string(),
                payload: z.record(z.string(), z.unknown()),
                prevHash: z.string().nullable(),
                hash: z.string().nullable(),
              }),
            ),
            verified: z.boolean(),
            brokenAtSeq: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const found = await readableCase(currentUser(request), request.params.id);
      const entries = await app.repos.cases.auditTrail(found.id);
      return { entries, ...verifyChain(entries) };
    },
  );

  app.post(
    '/api/cases/:id/replay',
    {
      schema: {
        tags: ['audit'],
        summary: "Re-execute the case's recorded Temporal history against the current workflow code",
        params: z.object({ id: z.string().min(1).max(300) }),
        response: { 200: z.object({ ok: z.boolean(), events: z.number(), durationMs: z.number(), divergence: z.string().nullable() }) },
      },
    },
    async (request) => {
      const found = await readableCase(currentUser(request), request.params.id);
      try {
        return await app.services.replay.replay(found.id);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`Temporal no longer holds the history of ${found.id} (retention).`);
        throw err;
      }
    },
  );
};
