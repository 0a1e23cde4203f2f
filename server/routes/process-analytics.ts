import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyticsElementParamsSchema, analyticsParamsSchema, elementCasesSchema, processAnalyticsSchema } from '../../contract';
import { createProcessAnalyticsRepository } from '../../db/process-analytics';
import { createReportRepository } from '../../db/reports';
import { mayReadReports } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden, notFound } from '../http/problem';

/** Process analytics on a version's diagram: for the readers of reports, over the cases they may read. */
export const processAnalyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = createProcessAnalyticsRepository(app.db);
  const units = createReportRepository(app.db);
  // As the reports: whoever may not read them learns nothing from how a request is refused.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
    if (!mayReadReports(currentUser(request))) throw forbidden('Process analytics are for managers, auditors and process owners.', { code: 'analytics.forbidden' });
  });
  const version = async (key: string, v: number) => {
    if (!(await repo.versionExists(key, v))) throw notFound(`Process ${key} has no version ${v}.`, { code: 'process.noVersion', params: { processKey: key, version: v } });
  };

  app.get(
    '/api/processes/:key/versions/:version/analytics',
    {
      schema: {
        tags: ['processes'],
        summary: 'Per element of the version: cases there now (open tasks, open incidents), tasks completed, average and p90 hours, over the cases the caller may read',
        params: analyticsParamsSchema,
        response: { 200: processAnalyticsSchema },
      },
    },
    async (request) => {
      const { key, version: v } = request.params;
      await version(key, v);
      const [figures, definition] = await Promise.all([repo.figures(currentUser(request), key, v), app.repos.processes.get(key, v)]);
      const typeOf = (id: string) => definition?.model.elements[id]?.type;
      return { processKey: key, version: v, ...figures, elements: figures.elements.map((e) => (typeOf(e.elementId) ? { ...e, elementType: typeOf(e.elementId)! } : e)) };
    },
  );

  app.get(
    '/api/processes/:key/versions/:version/analytics/:elementId/cases',
    {
      schema: {
        tags: ['processes'],
        summary: 'The cases of the version that reached one element, those there now first; titles masked as in the case list',
        params: analyticsElementParamsSchema,
        response: { 200: elementCasesSchema },
      },
    },
    async (request) => {
      const { key, version: v, elementId } = request.params;
      await version(key, v);
      const [found, names] = await Promise.all([repo.cases(currentUser(request), key, v, elementId), units.unitNames()]);
      const named = new Set(found.items.map((c) => c.unitId));
      return { ...found, unitNames: Object.fromEntries([...named].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))) };
    },
  );
};
