import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentActor, currentUser, requireUser } from '../auth/session-plugin';
import type { SessionUser } from '../../db/users';
import { WorkflowNotFoundError } from '@temporalio/client';
import { verifyChain } from '../audit/verify-chain';
import { conflict, notFound } from '../http/problem';
import { maskCaseVariables, maskEventPayloads, MASKED_NAME, mayReadCustomer } from '../../policy/confidentiality';
import type { CaseRow } from '../../db/cases';

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

const recordsSchema = z.object({
  complaints: z.array(
    z.object({
      id: z.string(),
      caseId: z.string(),
      stage: z.string(),
      channel: z.string().nullable(),
      severity: z.string().nullable(),
      product: z.string().nullable(),
      content: z.string().nullable(),
      customerRequest: z.string().nullable(),
      receivedAt: z.string().nullable(),
      isValid: z.boolean().nullable(),
      causeType: z.string().nullable(),
      responsibleDepartment: z.string().nullable(),
      responsiblePerson: z.string().nullable(),
      solutionPlan: z.string().nullable(),
      compensationAmount: z.number().nullable(),
      promisedDeadline: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  workOrders: z.array(
    z.object({
      id: z.string(),
      caseId: z.string(),
      serviceKind: z.string(),
      mode: z.string(),
      engineerId: z.string().nullable(),
      engineerName: z.string().nullable(),
      appointmentAt: z.string(),
      dueAt: z.string(),
      faultDescription: z.string().nullable(),
      status: z.string(),
      fee: z.number(),
      inWarranty: z.boolean(),
      productName: z.string().nullable(),
      purchasedOn: z.string().nullable(),
      warrantyEndsOn: z.string().nullable(),
      createdAt: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
  callbacks: z.array(
    z.object({
      id: z.number(),
      caseId: z.string(),
      workOrderId: z.string().nullable(),
      method: z.string(),
      satisfaction: z.number().nullable(),
      servqual: z.object({
        tangibles: z.number().nullable(),
        reliability: z.number().nullable(),
        responsiveness: z.number().nullable(),
        assurance: z.number().nullable(),
        empathy: z.number().nullable(),
      }),
      comments: z.string().nullable(),
      at: z.string(),
    }),
  ),
  customerNotifications: z.array(
    z.object({
      id: z.number(),
      caseId: z.string().nullable(),
      channel: z.string(),
      recipient: z.string().nullable(),
      subject: z.string(),
      body: z.string(),
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
  /** True when the customer's confidentiality level hides the records from this user. */
  masked: z.boolean(),
});

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  // Not found and not allowed look the same, so case ids cannot be probed.
  async function readableCase(user: SessionUser, id: string) {
    const found = await app.repos.cases.findById(id);
    if (!found || !(await app.repos.cases.mayRead(user, id))) throw notFound(`No case ${id}.`);
    return found;
  }

  /**
   * 客户信息秘密等级: whether the user may read the data of each case's customer. A case of a
   * customer above the user's clearance shows that it exists, never what was recorded in it.
   */
  async function clearance(user: SessionUser, cases: Pick<CaseRow, 'customerId'>[]): Promise<(c: Pick<CaseRow, 'customerId'>) => boolean> {
    const ids = [...new Set(cases.map((c) => c.customerId).filter((id): id is string => !!id))];
    if (!ids.length) return () => true;
    const [customers, paths] = await Promise.all([Promise.all(ids.map((id) => app.repos.cases.customer(id))), app.repos.tasks.unitPaths()]);
    const cleared = new Map(ids.map((id, i) => [id, !customers[i] || mayReadCustomer(user, customers[i]!.level, customers[i]!.unitPath, (u) => paths.get(u))]));
    return (c) => !c.customerId || cleared.get(c.customerId) !== false;
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
    async (request) => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      const state = await app.services.cases.state(found.id);
      return (await clearance(user, [found]))(found) ? state : maskCaseVariables(state);
    },
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
    async (request) => {
      const user = currentUser(request);
      const items = await app.repos.cases.list(user, { limit: request.query.limit, mine: request.query.owner === 'me', ...(request.query.status ? { status: request.query.status } : {}) });
      const cleared = await clearance(user, items);
      return { items: items.map((c) => (cleared(c) ? c : maskCaseVariables(c))) };
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        params: z.object({ id: z.string().min(1).max(300) }),
        response: {
          200: z.object({
            case: caseSchema,
            /** The case's customer by name (the masked name for a customer above the user's clearance). */
            customer: z.object({ id: z.string(), name: z.string(), tier: z.string() }).nullable(),
            events: z.array(eventSchema),
          }),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      const [events, customer] = await Promise.all([app.repos.cases.events(found.id), found.customerId ? app.repos.cases.customer(found.customerId) : undefined]);
      const cleared = (await clearance(user, [found]))(found);
      const who = customer ? { id: customer.id, name: cleared ? customer.name : MASKED_NAME, tier: customer.tier } : null;
      return cleared ? { case: found, customer: who, events } : { case: maskCaseVariables(found), customer: who, events: maskEventPayloads(events) };
    },
  );

  app.get(
    '/api/cases/:id/records',
    {
      schema: {
        tags: ['cases'],
        summary: 'The business records of the case and of the cases it started: complaint, 派工单, 回访登记, customer notifications',
        params: z.object({ id: z.string().min(1).max(300) }),
        response: { 200: recordsSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      if (!(await clearance(user, [found]))(found)) return { complaints: [], workOrders: [], callbacks: [], customerNotifications: [], masked: true };
      return { ...(await app.repos.records.forCase(found.id)), masked: false };
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
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      const entries = await app.repos.cases.auditTrail(found.id);
      // Verified on the full entries; only then are a secret customer's payloads withheld.
      const verdict = verifyChain(entries);
      return { entries: (await clearance(user, [found]))(found) ? entries : maskEventPayloads(entries), ...verdict };
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
