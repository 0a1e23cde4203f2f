import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DIAGRAM_BODY_LIMIT, discardDraftQuerySchema, processDraftResultSchema, processKeyParamsSchema, saveDraftSchema, type ProcessDraft } from '../../contract';
import { createProcessDraftRepository } from '../../db/process-drafts';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { conflict, forbidden, notFound } from '../http/problem';

/**
 * /api/processes/:key/draft (issue 18 §4): the 流程 editor's unfinished diagram, kept on the server
 * so a refresh or another browser loses nothing. Drafts are of deployed processes only; a draft
 * is the owners' work in progress, so only those who may deploy read or write it.
 */
export const processDraftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);
  const drafts = createProcessDraftRepository(app.db);

  const mayEdit = async (request: Parameters<typeof currentUser>[0], key: string) => {
    if (!mayDeployProcesses(currentUser(request))) throw forbidden('Only process owners may keep drafts of processes.', { code: 'process.ownerOnly' });
    if (!(await app.repos.processes.get(key))) throw notFound(`Process ${key} is not deployed.`, { code: 'process.notDeployed', params: { processKey: key } });
  };
  // Names who changed the draft and when, so the console can say 「张三 正在编辑此流程（3 分钟前保存）」.
  const stale = (key: string, current: ProcessDraft | null) =>
    current
      ? conflict(`The draft of ${key} was saved by ${current.savedByName ?? current.savedBy} at ${current.savedAt} (revision ${current.revision}); reload it before saving.`, {
          code: 'process.draftConflict',
          params: { processKey: key, savedBy: current.savedBy, savedByName: current.savedByName ?? current.savedBy, savedAt: current.savedAt, revision: current.revision },
        })
      : conflict(`The draft of ${key} was discarded or deployed meanwhile.`, { code: 'process.draftGone', params: { processKey: key } });

  app.get(
    '/api/processes/:key/draft',
    { schema: { tags: ['processes'], summary: "The process's draft in the editor, if any", params: processKeyParamsSchema, response: { 200: processDraftResultSchema } } },
    async (request) => {
      await mayEdit(request, request.params.key);
      return { draft: await drafts.get(request.params.key) };
    },
  );

  app.put(
    '/api/processes/:key/draft',
    {
      bodyLimit: DIAGRAM_BODY_LIMIT,
      schema: {
        tags: ['processes'],
        summary: 'Save the draft; `revision` is the one read (0 for none): against another, 409 names who saved it and when',
        params: processKeyParamsSchema,
        body: saveDraftSchema,
        response: { 200: processDraftResultSchema },
      },
    },
    async (request) => {
      const { key } = request.params;
      await mayEdit(request, key);
      const b = request.body;
      const r = await drafts.save(key, { xml: b.xml, forms: b.forms ?? {}, baseVersion: b.baseVersion ?? null, revision: b.revision, savedBy: currentUser(request).id });
      if (!r.ok) throw stale(key, r.current);
      return { draft: r.draft };
    },
  );

  app.delete(
    '/api/processes/:key/draft',
    { schema: { tags: ['processes'], summary: 'Discard the draft (放弃草稿, or after deploying it) if it is still the revision read', params: processKeyParamsSchema, querystring: discardDraftQuerySchema } },
    async (request, reply) => {
      const { key } = request.params;
      await mayEdit(request, key);
      const r = await drafts.discard(key, request.query.revision);
      if (!r.ok) throw stale(key, r.current);
      return reply.status(204).send();
    },
  );
};
