import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customerIdParamsSchema,
  feeBodySchema,
  feeListSchema,
  feeSchema,
  importBodySchema,
  importKindParamsSchema,
  importResultSchema,
  importTemplateQuerySchema,
  productBodySchema,
  productListSchema,
  productSchema,
  purchaseBodySchema,
  registeredPurchaseSchema,
} from '../../contract';
import { mayEditCustomers, mayManageCatalog } from '../../policy/customers';
import { forbidden, unprocessable } from '../http/problem';
import { currentUser, requireUser } from '../auth/session-plugin';
import { importTemplate, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportKind } from '../services/master-data-import';

/** Products, the fee schedule, purchases and their imports (issue 14). */
export const masterDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', requireUser);

  const needCatalog = async (request: Parameters<typeof currentUser>[0]) => {
    if (!mayManageCatalog(currentUser(request))) throw forbidden('Products and the fee schedule are maintained by 总经理 and admins.', { code: 'catalog.forbidden' });
  };
  const needEditor = async (request: Parameters<typeof currentUser>[0]) => {
    if (!mayEditCustomers(currentUser(request))) throw forbidden('Purchases are registered by 客服人员, 客服经理, 总经理 and 销售人员.', { code: 'customer.editForbidden' });
  };

  app.get('/api/products', { schema: { tags: ['master data'], summary: 'Products (型号, 保修月数, 便携 → 送修 / 上门)', response: { 200: productListSchema } } }, async () => ({
    items: await app.services.purchases.catalog.products(),
  }));

  app.put(
    '/api/products/:id',
    {
      preValidation: needCatalog,
      schema: { tags: ['master data'], summary: 'Create or change a product', params: z.object({ id: z.string().max(40) }), body: productBodySchema, response: { 200: productSchema } },
    },
    async (request) => {
      if (request.body.id !== request.params.id) throw unprocessable('The body names another product than the path.', { code: 'product.idMismatch', errors: [{ path: 'body.id', message: 'differs from the path', code: 'product.idMismatch' }] });
      return app.services.purchases.saveProduct(currentUser(request), request.body);
    },
  );

  app.get('/api/fee-schedule', { schema: { tags: ['master data'], summary: '产品维修及养护费用标准: the fee per model and service kind outside warranty', response: { 200: feeListSchema } } }, async () => ({
    items: await app.services.purchases.catalog.fees(),
  }));

  app.put(
    '/api/fee-schedule',
    { preValidation: needCatalog, schema: { tags: ['master data'], summary: 'Set the fee of a model and service kind', body: feeBodySchema, response: { 200: feeSchema } } },
    async (request) => {
      const { rows } = await app.db.query('SELECT 1 FROM product WHERE model = $1 LIMIT 1', [request.body.model]);
      if (!rows.length) throw unprocessable(`No product of model ${request.body.model}.`, { code: 'fee.modelUnknown', params: { model: request.body.model }, errors: [{ path: 'body.model', message: 'no product of this model', code: 'fee.modelUnknown' }] });
      return app.services.purchases.saveFee(currentUser(request), request.body);
    },
  );

  app.post(
    '/api/customers/:id/purchases',
    {
      config: { idempotent: true },
      preValidation: needEditor,
      schema: {
        tags: ['master data'],
        summary: "Register a customer's purchase (sales record: amount, paid, due day) and start its after-sales follow-up case, once per purchase; the same product and invoice number is the same purchase",
        params: customerIdParamsSchema,
        body: purchaseBodySchema,
        response: { 200: registeredPurchaseSchema, 201: registeredPurchaseSchema },
      },
    },
    async (request, reply) => {
      const out = await app.services.purchases.register(currentUser(request), request.params.id, request.body, request.idempotency);
      return reply.status(out.created ? 201 : 200).send(out);
    },
  );

  app.get(
    '/api/imports/:kind/template',
    { schema: { tags: ['master data'], summary: 'The import template of a kind (products, fees, purchases): its Chinese column names, as .xlsx or UTF-8 CSV', params: importKindParamsSchema, querystring: importTemplateQuerySchema } },
    async (request, reply) => {
      const { kind } = request.params;
      const { format } = request.query;
      const name = { products: '产品', fees: '维修及养护费用标准', purchases: '购买记录' }[kind];
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${kind}-template.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}导入模板.${format}`)}`)
        .send(await importTemplate(kind, format));
    },
  );

  app.post(
    '/api/imports/:kind',
    {
      schema: {
        tags: ['master data'],
        summary: `Import products, fees or purchases from a CSV (UTF-8) or .xlsx file of the template's columns: at most ${IMPORT_MAX_BYTES / 1024} KB and ${IMPORT_MAX_ROWS} rows; any bad row (named by row and column) imports nothing`,
        params: importKindParamsSchema,
        body: importBodySchema,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const kind = request.params.kind as ImportKind;
      const user = currentUser(request);
      if (kind === 'purchases' ? !mayEditCustomers(user) : !mayManageCatalog(user)) {
        throw forbidden(kind === 'purchases' ? 'Purchases are registered by 客服人员, 客服经理, 总经理 and 销售人员.' : 'Products and the fee schedule are maintained by 总经理 and admins.', {
          code: kind === 'purchases' ? 'customer.editForbidden' : 'catalog.forbidden',
        });
      }
      return app.services.imports.run(user, kind, request.body.fileName, Buffer.from(request.body.contentBase64, 'base64'));
    },
  );
};
