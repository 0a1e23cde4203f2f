import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveDetailSchema, archiveIdParamsSchema, archiveLegalHoldBodySchema, archiveListQuerySchema, archiveListSchema } from '../../contract';
import { createArchiveRepository, holdsRoleOverArchive, setLegalHold } from '../../db/archives';
import { inTransaction } from '../../db/pool';
import { SETS_LEGAL_HOLD } from '../../policy/archives';
import { conflict, forbidden, notFound } from '../http/problem';
import { currentActor, currentUser, requireUser } from '../auth/session-plugin';

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

  app.post(
    '/api/archives/:id/legal-hold',
    {
      schema: {
        tags: ['archives'],
        summary: '法律保全: a 客服经理 of the archive’s unit or above sets or lifts the hold, with the reason, in the archive’s history; a held archive is never proposed for destruction',
        params: archiveIdParamsSchema,
        body: archiveLegalHoldBodySchema,
        response: { 200: archiveDetailSchema },
      },
    },
    async (request) => {
      const user = currentActor(request);
      const { id } = request.params;
      const missing = () => notFound(`No archive ${id}.`, { code: 'archive.notFound', params: { archiveId: id } });
      if (!(await archives.get(user, id))) throw missing();
      if (!(await holdsRoleOverArchive(app.db, user.id, id, SETS_LEGAL_HOLD))) {
        throw forbidden('Only a 客服经理 of the archive’s unit or a unit above it sets or lifts a legal hold.', { code: 'archive.holdManagerOnly', params: { archiveId: id } });
      }
      const outcome = await inTransaction(app.db, (tx) =>
        setLegalHold(tx, { archiveId: id, hold: request.body.hold, reason: request.body.reason, actorId: user.id, key: `hold/${randomUUID()}` }),
      );
      if (outcome === 'archive.notFound') throw missing();
      if (outcome === 'archive.destroyed') throw conflict(`Archive ${id} is destroyed; there is nothing left to hold.`, { code: 'archive.destroyed', params: { archiveId: id } });
      return (await archives.get(user, id))!;
    },
  );
};
