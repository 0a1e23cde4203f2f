import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createCustomerBodySchema,
  customerCardSchema,
  customerChangeListSchema,
  customerDistributionListSchema,
  customerIdParamsSchema,
  customerListSchema,
  customerOverviewSchema,
  customerSearchQuerySchema,
  customerVisitListSchema,
  importantDateBodySchema,
  importantDateListSchema,
  importantDateParamsSchema,
  importantDatePatchSchema,
  importantDateSchema,
  rosterExportQuerySchema,
  rosterQuerySchema,
  rosterSchema,
  tierHistorySchema,
  tierRuleBoardSchema,
  tierRuleChangeBodySchema,
  tierRuleParamsSchema,
  tierRuleSchema,
  updateCustomerBodySchema,
} from '../../contract';
import { shanghaiDateTime } from '../../domain/china-time';
import { rosterCsv, rosterXlsx } from '../services/roster-export';
import { maskCustomer, mayReadCustomer } from '../../policy/confidentiality';
import { mayEditCustomers } from '../../policy/customers';
import { forbidden } from '../http/problem';
import { currentUser, requireUser } from '../auth/session-plugin';

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before validation: someone signed out learns nothing from the shape of a refused body.
  app.addHook('preValidation', requireUser);

  const requireEditor = async (request: Parameters<typeof currentUser>[0]) => {
    if (!mayEditCustomers(currentUser(request))) {
      throw forbidden('Customers are created and edited by 客服人员, 客服经理, 总经理 and 销售人员.', { code: 'customer.editForbidden' });
    }
  };

  app.get(
    '/api/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Customer look-up (starting a case); secret customers show only their id to staff not cleared',
        querystring: customerSearchQuerySchema,
        response: { 200: customerListSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const [found, paths] = await Promise.all([app.repos.customers.search(user, request.query.q, request.query.limit), app.repos.tasks.unitPaths()]);
      return {
        items: found.map((c) => (mayReadCustomer(user, c.confidentiality, c.unitPath, (id) => paths.get(id)) ? c : maskCustomer(c))),
      };
    },
  );

  app.post(
    '/api/customers',
    {
      config: { idempotent: true },
      preValidation: requireEditor,
      schema: {
        tags: ['customers'],
        summary: '客户资料卡: create a customer, numbered KH-YYYY-MM-NNNNNN; its confidentiality level is set by the customer-information process only',
        body: createCustomerBodySchema,
        response: { 201: customerCardSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.customers.create(currentUser(request), request.body, request.idempotency)),
  );

  app.get(
    '/api/customers/:id',
    {
      schema: { tags: ['customers'], summary: "A customer's card, masked by its level for readers not cleared", params: customerIdParamsSchema, response: { 200: customerCardSchema } },
    },
    async (request) => app.services.customers.card(currentUser(request), request.params.id),
  );

  app.patch(
    '/api/customers/:id',
    {
      preValidation: requireEditor,
      schema: {
        tags: ['customers'],
        summary: "Edit a customer's card (each changed field is recorded, old → new); the confidentiality level is refused (customer.confidentialityByProcess)",
        params: customerIdParamsSchema,
        body: updateCustomerBodySchema,
        response: { 200: customerCardSchema },
      },
    },
    async (request) => app.services.customers.update(currentUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/customers/:id/overview',
    {
      schema: {
        tags: ['customers'],
        summary: '客户 360: card, grade, tier, level, sales, purchases, and the cases, complaints, 派工单, call-backs and notifications the caller may read; masked by level',
        params: customerIdParamsSchema,
        response: { 200: customerOverviewSchema },
      },
    },
    async (request) => app.services.customers.overview(currentUser(request), request.params.id),
  );

  app.get(
    '/api/customers/:id/changes',
    {
      schema: {
        tags: ['customers'],
        summary: "Who changed which field of a customer's card, old → new (values withheld from readers not cleared)",
        params: customerIdParamsSchema,
        response: { 200: customerChangeListSchema },
      },
    },
    async (request) => app.services.customers.changes(currentUser(request), request.params.id),
  );

  app.get(
    '/api/customers/:id/distributions',
    {
      schema: {
        tags: ['customers'],
        summary: '分发登记: which departments received which numbered customer-information record, when, at which level (nothing for readers not cleared; entries above the reader\'s clearance counted as withheld)',
        params: customerIdParamsSchema,
        response: { 200: customerDistributionListSchema },
      },
    },
    async (request) => app.services.customers.distributions(currentUser(request), request.params.id),
  );

  app.get(
    '/api/customers/roster',
    {
      schema: {
        tags: ['customers'],
        summary: '客户名册: customers by tier (A first, then sales of the last 365 days), with the 客户分类标准; rows above the reader\'s clearance show only id, tier, unit and level',
        querystring: rosterQuerySchema,
        response: { 200: rosterSchema },
      },
    },
    async (request) => app.services.customers.roster(currentUser(request), request.query),
  );

  app.get(
    '/api/customers/roster/export',
    {
      schema: {
        tags: ['customers'],
        summary: 'The 客户名册 as CSV (UTF-8 with BOM, for Excel) or .xlsx, masked as on screen',
        querystring: rosterExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      const listed = await app.services.customers.roster(currentUser(request), filter);
      const stamp = shanghaiDateTime(new Date()).replaceAll('-', '').replace(' ', '-').replace(':', '');
      const utf8 = `${lang === 'zh-CN' ? '客户名册' : 'customer-roster'}-${stamp}.${format}`;
      reply
        .header('content-disposition', `attachment; filename="customer-roster-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(utf8)}`)
        .header('cache-control', 'no-store');
      if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(rosterCsv(listed, lang));
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rosterXlsx(listed, lang));
    },
  );

  app.get(
    '/api/customers/:id/visits',
    {
      schema: {
        tags: ['customers'],
        summary: '服务记录: the visits, promotions, opinions heard and greetings the relationship process recorded (nothing for readers not cleared)',
        params: customerIdParamsSchema,
        response: { 200: customerVisitListSchema },
      },
    },
    async (request) => app.services.customers.visits(currentUser(request), request.params.id),
  );

  app.get(
    '/api/customers/:id/tiers',
    {
      schema: {
        tags: ['customers'],
        summary: '客户分类历史: each tier computation that ranked the customer (before → after, sales ranked on, the case); nothing for readers not cleared',
        params: customerIdParamsSchema,
        response: { 200: tierHistorySchema },
      },
    },
    async (request) => app.services.customers.tiers(currentUser(request), request.params.id),
  );

  // 重要日期: read like the visit log (nothing for readers not cleared), edited like the card.
  app.get(
    '/api/customers/:id/dates',
    {
      schema: {
        tags: ['customers'],
        summary: "重要日期: the customer's 生日 / 节日 / 纪念日 the daily greetings run reads (nothing for readers not cleared; `editable` when the reader may change them)",
        params: customerIdParamsSchema,
        response: { 200: importantDateListSchema },
      },
    },
    async (request) => app.services.customers.dates(currentUser(request), request.params.id),
  );

  app.post(
    '/api/customers/:id/dates',
    {
      preValidation: requireEditor,
      schema: {
        tags: ['customers'],
        summary: 'Add a 生日 / 节日 / 纪念日 (month and day, optionally the year it began); recorded in the card\'s history',
        params: customerIdParamsSchema,
        body: importantDateBodySchema,
        response: { 201: importantDateSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.customers.addDate(currentUser(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/customers/:id/dates/:dateId',
    {
      preValidation: requireEditor,
      schema: { tags: ['customers'], summary: 'Change a customer date; recorded old → new in the card\'s history', params: importantDateParamsSchema, body: importantDatePatchSchema, response: { 200: importantDateSchema } },
    },
    async (request) => app.services.customers.changeDate(currentUser(request), request.params.id, request.params.dateId, request.body),
  );

  app.delete(
    '/api/customers/:id/dates/:dateId',
    {
      preValidation: requireEditor,
      schema: { tags: ['customers'], summary: "Remove a customer date; recorded in the card's history", params: importantDateParamsSchema },
    },
    async (request, reply) => {
      await app.services.customers.removeDate(currentUser(request), request.params.id, request.params.dateId);
      return reply.status(204).send();
    },
  );

  // 客户分类标准: read by everyone (the roster shows it); changed by the top unit's 客服经理 and admins (policy/customers.ts).
  app.get(
    '/api/customers/tier-rules',
    {
      schema: {
        tags: ['customers'],
        summary: '客户分类标准: each tier\'s rule in force (回访 coverage, 回访 and 投诉 time limits in working days), every change to it (who, when, old → new, note), and whether the caller may change them',
        response: { 200: tierRuleBoardSchema },
      },
    },
    async (request) => app.services.customers.tierRuleBoard(currentUser(request)),
  );

  app.put(
    '/api/customers/tier-rules/:tier',
    {
      schema: {
        tags: ['customers'],
        summary: "Change a tier's effects with a note (admins, 客服经理 of the top unit); kept in the append-only change history; reaches tasks and 回访 decisions made after it",
        params: tierRuleParamsSchema,
        body: tierRuleChangeBodySchema,
        response: { 200: tierRuleSchema },
      },
    },
    async (request) => app.services.customers.changeTierRule(currentUser(request), request.params.tier, request.body),
  );
};
