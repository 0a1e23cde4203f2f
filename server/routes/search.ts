import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResultSchema } from '../../contract';
import { currentUser, requireUser } from '../auth/session-plugin';
import { createArchiveRepository } from '../../db/archives';
import { searchEverything } from '../services/search-service';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);
  const archives = createArchiveRepository(app.db);

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'The header search: cases, customers, archives (the register\'s, masked as there) and (for those who may browse the directory) people matching q, each kind read as its own list reads it',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => searchEverything({ ...app.repos, archives }, currentUser(request), request.query.q, request.query.limit),
  );
};
