import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  generateReportSnapshotsBodySchema, generatedReportSnapshotsSchema, reportExportQuerySchema, reportFilterSchema, reportIndexSchema, reportParamsSchema, reportSchema,
  reportSnapshotListQuerySchema, reportSnapshotListSchema, reportSnapshotParamsSchema, reportSnapshotSchema,
} from '../../contract';
import { mayReadReports } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden } from '../http/problem';
import { reportCsv, reportFileName, reportXlsx } from '../services/report-export';

/** /api/reports…: 时效, 满意度, 投诉, 维修 and 工作量 for managers, auditors and process owners, on screen and as files. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before validation: whoever may not read reports learns nothing from how a filter is refused.
  app.addHook('preValidation', async (request) => {
    await requireUser(request);
    if (!mayReadReports(currentUser(request))) throw forbidden('Reports are for managers, auditors and process owners.', { code: 'report.forbidden' });
  });

  app.get(
    '/api/reports',
    { schema: { tags: ['reports'], summary: 'The reports and the units the caller may filter them by', response: { 200: reportIndexSchema } } },
    async (request) => app.services.reports.index(currentUser(request)),
  );

  app.get(
    '/api/reports/:name',
    {
      schema: {
        tags: ['reports'],
        summary: 'One report over a period of China days, a unit the caller may see (and those below it), a process and version: figures, tables and a chart',
        params: reportParamsSchema,
        querystring: reportFilterSchema,
        response: { 200: reportSchema },
      },
    },
    async (request) => app.services.reports.read(currentUser(request), request.params.name, request.query),
  );

  app.get(
    '/api/reports/:name/export',
    {
      schema: {
        tags: ['reports'],
        summary: 'The same report as CSV (UTF-8 with BOM, for Excel) or .xlsx: headings in the language asked for, China times, masked as on screen',
        params: reportParamsSchema,
        querystring: reportExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      const report = await app.services.reports.read(currentUser(request), request.params.name, filter);
      const name = reportFileName(report, new Date(), lang, format);
      reply
        .header('content-disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`)
        .header('cache-control', 'no-store');
      if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(reportCsv(report, filter, lang));
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(report, filter, lang));
    },
  );

  app.get(
    '/api/report-snapshots',
    {
      schema: {
        tags: ['reports'],
        summary: '定期总结: the stored monthly summaries, newest month first; a unit the caller holds no role at or above is listed masked',
        querystring: reportSnapshotListQuerySchema,
        response: { 200: reportSnapshotListSchema },
      },
    },
    async (request) => app.services.reportSnapshots.list(currentUser(request), request.query.period),
  );

  app.get(
    '/api/report-snapshots/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'One monthly summary exactly as stored (never recomputed); its reports are null for a reader not entitled to its unit',
        params: reportSnapshotParamsSchema,
        response: { 200: reportSnapshotSchema },
      },
    },
    async (request) => app.services.reportSnapshots.read(currentUser(request), request.params.id),
  );

  app.post(
    '/api/report-snapshots',
    {
      schema: {
        tags: ['reports'],
        summary: 'Process owners and admins: generate the summaries of a month that has ended, one per unit, appended beside any earlier ones',
        body: generateReportSnapshotsBodySchema,
        response: { 201: generatedReportSnapshotsSchema },
      },
    },
    async (request, reply) => reply.code(201).send({ items: await app.services.reportSnapshots.generate(currentUser(request), request.body.period) }),
  );
};
