import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { putUnitWebhookSchema, unitWebhookListSchema, unitWebhookParamsSchema, unitWebhookSchema } from '../../contract';
import { currentUser } from '../auth/session-plugin';
import { requireAdmin } from '../services/user-admin-service';

/** /api/admin/unit-webhooks…: each unit's team-chat robot (企业微信 / 钉钉), admins only. */
export const unitWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before validation, so a non-admin learns nothing from the shape of a refused request.
  app.addHook('preValidation', async (request: FastifyRequest) => requireAdmin(currentUser(request)));

  app.get(
    '/api/admin/unit-webhooks',
    {
      schema: {
        tags: ['users'],
        summary: "The units' team-chat webhooks (admins): format, URL without its key, whether a 钉钉 secret is set; and the hosts a URL may name",
        response: { 200: unitWebhookListSchema },
      },
    },
    async (request) => ({ items: await app.services.unitWebhooks.list(currentUser(request)), allowedHosts: app.services.unitWebhooks.allowedHosts() }),
  );

  app.put(
    '/api/admin/unit-webhooks/:unitId',
    {
      schema: {
        tags: ['users'],
        summary: "Set a unit's team-chat webhook (admins): https to an allowed host (CHAT_WEBHOOK_HOSTS); url and secret are write-only (omitted: kept; secret null: cleared)",
        params: unitWebhookParamsSchema,
        body: putUnitWebhookSchema,
        response: { 200: unitWebhookSchema },
      },
    },
    async (request) => app.services.unitWebhooks.put(currentUser(request), request.params.unitId, request.body),
  );

  app.delete(
    '/api/admin/unit-webhooks/:unitId',
    {
      schema: {
        tags: ['users'],
        summary: "Remove a unit's team-chat webhook (admins); messages already queued for it are not sent",
        params: unitWebhookParamsSchema,
      },
    },
    async (request, reply) => {
      await app.services.unitWebhooks.remove(currentUser(request), request.params.unitId);
      return reply.status(204).send();
    },
  );
};
