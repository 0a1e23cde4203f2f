import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeadersSchema, incidentListSchema, incidentParamsSchema, resolveIncidentBodySchema, resolveIncidentResultSchema } from '../../contract';
import type { ProcessModel } from '../../bpmn/model';
import type { ProcessRepository } from '../../db/processes';
import { mayResolveIncidents } from '../../policy/capabilities';
import { maskIncident, MASKED_TITLE } from '../../policy/confidentiality';
import { resolveIncidentUpdate } from '../../workflows/bpmn/messages';
import { currentActor, currentUser, requireUser } from '../auth/session-plugin';
import { conflict, forbidden, notFound } from '../http/problem';
import { caseClearance } from '../services/case-clearance';

// Incidents (workflows/bpmn/behaviours/incidents.ts): the list of cases waiting on one, and the
// operator's answer. The workflow records who resolved it, how and why, in the audit trail.

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Each element's BPMN type in the process versions `rows` ran on (each version read once), so the console names an unnamed element by its kind. */
async function elementTypes(processes: ProcessRepository, rows: ReadonlyArray<{ processKey: string; processVersion: number }>) {
  const versions = new Map<string, ProcessModel | undefined>();
  const id = (key: string, version: number) => `${version}:${key}`;
  await Promise.all(
    [...new Map(rows.map((r) => [id(r.processKey, r.processVersion), r])).values()].map(async (r) => {
      versions.set(id(r.processKey, r.processVersion), (await processes.get(r.processKey, r.processVersion))?.model);
    }),
  );
  return (key: string, version: number, elementId: string): string | undefined => versions.get(id(key, version))?.elements[elementId]?.type;
}

export const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Open incidents of the cases the caller may read, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: incidentListSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const rows = await app.repos.incidents.listOpen(user, request.query.limit);
      const [cleared, elementType] = await Promise.all([caseClearance(app.repos, user, rows), elementTypes(app.repos.processes, rows)]);
      return {
        items: rows.map(({ customerId, ...i }) => {
          const typed = { ...i, ...optional('elementType', elementType(i.processKey, i.processVersion, i.elementId)) };
          return cleared({ customerId }) ? typed : { ...maskIncident(typed), caseTitle: MASKED_TITLE };
        }),
      };
    },
  );

  app.post(
    '/api/cases/:id/incidents/:incidentId/resolve',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Retry the element an incident stopped (optionally correcting variables), or cancel the case',
        params: incidentParamsSchema,
        headers: idempotencyHeadersSchema,
        body: resolveIncidentBodySchema,
        response: { 200: resolveIncidentResultSchema },
      },
    },
    async (request) => {
      const user = currentActor(request);
      const { id, incidentId } = request.params;
      if (!mayResolveIncidents(user)) throw forbidden('Only process owners may retry or cancel a case at an incident.', { code: 'incident.ownerOnly' });
      const found = await app.repos.cases.findById(id);
      if (!found || !(await app.repos.cases.mayRead(user, id))) throw notFound(`No case ${id}.`, { code: 'case.notFound', params: { caseId: id } });
      const { action, comment, variables } = request.body;
      try {
        return await app.temporal.client.workflow.getHandle(id).executeUpdate(resolveIncidentUpdate, {
          updateId: request.headers['idempotency-key'] ?? randomUUID(),
          args: [{ incidentId, action, actorId: user.id, ...(comment ? { comment } : {}), ...(variables ? { variables } : {}) }],
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw conflict(`Case ${id} is no longer running.`, { code: 'case.notRunning', params: { caseId: id } });
        if (err instanceof WorkflowUpdateFailedError) throw conflict(`Incident ${incidentId} is not open in case ${id}.`, { code: 'incident.notOpen', params: { incidentId, caseId: id } });
        throw err;
      }
    },
  );
};
