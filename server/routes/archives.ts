import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveDetailSchema, archiveIdParamsSchema, archiveListQuerySchema, archiveListSchema } from '../../contract';
import { createArchiveRepository } from '../../db/archives';
import { notFound } from '../http/problem';
import { currentUser, requireUser } from '../auth/session-plugin';

// 档案登记 (issue 16): the register of the units a reader holds a role in (or above), masked by
// the archive's level like every read of customer-derived data.
export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', requireUser);
  const archives = createArchiveRepository(app.db);

  app.get(
    '/api/archives',
    { schema: { tags: ['archives'], summary: '档案登记: archives of the reader’s units, newest first; above the reader’s clearance the title and customer are withheld', querystring: archiveListQuerySchema, response: { 200: archiveListSchema } } },
    async (request) => ({ items: await archives.list(currentUser(request), request.query) }),
  );

  app.get(
    '/api/archives/:id',
    { schema: { tags: ['archives'], summary: 'One archive with its 借阅台账 and history; records withheld above the reader’s clearance', params: archiveIdParamsSchema, response: { 200: archiveDetailSchema } } },
    async (request) => {
      const found = await archives.get(currentUser(request), request.params.id);
      if (!found) throw notFound(`No archive ${request.params.id}.`, { code: 'archive.notFound', params: { archiveId: request.params.id } });
      return found;
    },
  );
};
