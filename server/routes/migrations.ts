import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { migrationReportSchema, migrationRequestSchema, processKeyParamsSchema } from '../../contract';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden } from '../http/problem';

// Moving running cases to another version: the process owners' tool (Camunda's process instance
// migration). The dry run is the default; each case's move is in its own history.
export const migrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.post(
    '/api/processes/:key/migrations',
    {
      schema: {
        tags: ['processes'],
        summary: 'Check (dryRun, the default) or move running cases to another version of their process, mapping active elements',
        params: processKeyParamsSchema,
        body: migrationRequestSchema,
        response: { 200: migrationReportSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      if (!mayDeployProcesses(user)) throw forbidden('Only process owners may move cases to another version.', { code: 'process.ownerOnly' });
      return app.services.migrations.migrate(user, request.params.key, request.body);
    },
  );
};
