import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  auditExportSchema,
  auditTrailSchema,
  caseListQuerySchema,
  caseListSchema,
  caseExportQuerySchema,
  caseMessageBodySchema,
  caseMessageResultSchema,
  caseParamsSchema,
  caseRecordsSchema,
  caseWithEventsSchema,
  idempotencyHeadersSchema,
  replayResultSchema,
  startCaseBodySchema,
  startCaseResultSchema,
  type CaseState,
} from '../../contract';
import { currentActor, currentUser, requireUser } from '../auth/session-plugin';
import type { SessionUser } from '../../db/users';
import { WorkflowNotFoundError } from '@temporalio/client';
import { verifyChain } from '../audit/verify-chain';
import { badRequest, forbidden, gone, notFound, unprocessable } from '../http/problem';
import { maskCaseState, maskCaseVariables, maskEventPayloads, MASKED_NAME } from '../../policy/confidentiality';
import { caseClearance } from '../services/case-clearance';
import { decodeCaseCursor, type CaseRow } from '../../db/cases';
import { CASE_EXPORT_LIMIT, casesCsv, exportFileName, maskExportRow } from '../services/case-export';

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  // Not found and not allowed look the same, so case ids cannot be probed.
  async function readableCase(user: SessionUser, id: string) {
    const found = await app.repos.cases.findById(id);
    if (!found || !(await app.repos.cases.mayRead(user, id))) throw notFound(`No case ${id}.`, { code: 'case.notFound', params: { caseId: id } });
    return found;
  }

  const clearance = (user: SessionUser, cases: Pick<CaseRow, 'customerId'>[]) => caseClearance(app.repos, user, cases);

  /** The Temporal history of a case whose archive was destroyed was deleted with it (activities/case-history.ts). */
  const historyDestroyed = (c: CaseRow) =>
    gone(`The history of ${c.id} was destroyed with its archive (${c.contentDestroyedAt}).`, { code: 'case.historyDestroyed', params: { caseId: c.id } });

  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Start a case of a deployed process (latest version unless one is named)',
        headers: idempotencyHeadersSchema,
        body: startCaseBodySchema,
        response: { 201: startCaseResultSchema },
      },
      config: { idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await app.services.cases.start(currentActor(request), request.body, request.idempotency ?? undefined)),
  );

  app.post(
    '/api/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Correlate a message (a customer reply, a document arriving) with the case',
        params: caseParamsSchema,
        headers: idempotencyHeadersSchema,
        body: caseMessageBodySchema,
        response: { 200: caseMessageResultSchema },
      },
      config: { idempotent: true },
    },
    async (request) => {
      const user = currentActor(request);
      const found = await readableCase(user, request.params.id);
      return app.services.cases.correlate(user, found, request.body.messageName, request.body.variables ?? {}, request.idempotency?.operationId);
    },
  );

  app.get(
    '/api/cases/:id/state',
    {
      schema: {
        tags: ['cases'],
        summary: 'Live state of a running case from its workflow: tokens, open tasks, variables',
        params: caseParamsSchema,
      },
    },
    async (request): Promise<CaseState> => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      const state = await app.services.cases.state(found.id);
      const registrable = await app.services.cases.registrableMessages(user, found, state);
      // The workflow knows its people by id; the console shows them by name.
      const names = await app.repos.users.displayNames(state.openTasks.flatMap((o) => [...(o.assigneeId ? [o.assigneeId] : []), ...o.candidateUsers]));
      const shown = (await clearance(user, [found]))(found) ? state : maskCaseState(state);
      // Each step as the contract has it: its own variables (input mappings) are the workflow's, read on the task page under the same clearance.
      const openTasks = shown.openTasks.map(({ variables: _stepVariables, ...o }) => ({
        ...o,
        assigneeName: o.assigneeId ? (names.get(o.assigneeId) ?? null) : null,
        candidateUserNames: o.candidateUsers.map((id) => names.get(id) ?? id),
      }));
      return { ...shown, openTasks, registrableMessages: registrable };
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the user may read, newest first, a page at a time (nextCursor); searched by 业务编号, number, customer or title, filtered by process, status and period; owner=me for 我负责的',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { cursor, ...filter } = request.query;
      const key = cursor === undefined ? undefined : decodeCaseCursor(cursor);
      if (cursor !== undefined && !key) throw badRequest('The cursor is not one this list gave out; start again from the first page.', { code: 'case.cursorInvalid' });
      const page = await app.repos.cases.list(user, { ...filter, cursor: key });
      const cleared = await clearance(user, page.items);
      return { items: page.items.map((c) => (cleared(c) ? c : maskCaseVariables(c))), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/cases/export',
    {
      schema: {
        tags: ['cases'],
        summary: 'The filtered 案例 list as CSV for Excel (UTF-8 with BOM): named columns, China times, masked as the list is',
        querystring: caseExportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { lang, ...filter } = request.query;
      const rows = await app.repos.cases.exportRows(user, filter, CASE_EXPORT_LIMIT + 1);
      if (rows.length > CASE_EXPORT_LIMIT) {
        throw unprocessable(`More than ${CASE_EXPORT_LIMIT} cases match; narrow the search or the period.`, { code: 'case.exportTooLarge', params: { limit: CASE_EXPORT_LIMIT } });
      }
      const cleared = await clearance(user, rows);
      const name = exportFileName(new Date(), lang);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`)
        .header('cache-control', 'no-store')
        .send(casesCsv(rows.map((c) => (cleared(c) ? c : maskExportRow(c))), lang));
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        params: caseParamsSchema,
        response: { 200: caseWithEventsSchema },
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
        params: caseParamsSchema,
        response: { 200: caseRecordsSchema },
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
        params: caseParamsSchema,
        response: { 200: auditTrailSchema },
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

  app.get(
    '/api/cases/:id/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The trail with its hashes, the recorded Temporal history and both verdicts, self-contained for `shouwen verify-export`',
        params: caseParamsSchema,
        response: { 200: auditExportSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      if (found.contentDestroyedAt) throw historyDestroyed(found);
      // The offline check needs every payload as stored, and the history holds the case's data:
      // a reader the customer's level withholds them from gets no export rather than a masked one.
      if (!(await clearance(user, [found]))(found)) {
        throw forbidden(`The export of ${found.id} holds data above your clearance.`, { code: 'audit.exportNotCleared', params: { caseId: found.id } });
      }
      const entries = await app.repos.cases.chainedTrail(found.id);
      const verdict = verifyChain(entries);
      let recorded;
      try {
        recorded = await app.services.replay.replayForExport(found.id, user.id);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`Temporal no longer holds the history of ${found.id} (retention).`, { code: 'case.historyGone', params: { caseId: found.id } });
        throw err;
      }
      return {
        format: 'shouwen.audit-export/1' as const,
        exportedAt: new Date().toISOString(),
        case: { id: found.id, businessKey: found.businessKey, title: found.title, processKey: found.processKey, processVersion: found.processVersion, status: found.status, startedAt: found.startedAt, endedAt: found.endedAt },
        trail: { count: entries.length, head: entries.at(-1)?.hash ?? null, entries: entries.map(({ expected: _expected, ...e }) => e) },
        chain: { verified: verdict.verified, brokenAt: verdict.brokenAt },
        history: recorded.history,
        replay: recorded.replay,
      };
    },
  );

  app.post(
    '/api/cases/:id/replay',
    {
      schema: {
        tags: ['audit'],
        summary: "Re-execute the case's recorded Temporal history against the current workflow code",
        params: caseParamsSchema,
        response: { 200: replayResultSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const found = await readableCase(user, request.params.id);
      if (found.contentDestroyedAt) throw historyDestroyed(found);
      try {
        return await app.services.replay.replay(found.id, user.id);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`Temporal no longer holds the history of ${found.id} (retention).`, { code: 'case.historyGone', params: { caseId: found.id } });
        throw err;
      }
    },
  );
};
