import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createViewBodySchema, savedViewListSchema, savedViewSchema, updateViewBodySchema, viewIdParamsSchema, VIEW_NAME_MAX, VIEWS_PER_USER_MAX } from '../../contract';
import { currentUser, requireUser } from '../auth/session-plugin';

/** /api/views…: saved inbox views, per user, shareable with a team (unit × role) the owner is in. */
export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before validation: someone signed out learns nothing from the shape of a refused body.
  app.addHook('preValidation', requireUser);

  app.get(
    '/api/views',
    {
      schema: {
        tags: ['views'],
        summary: "The caller's saved inbox views and those teammates shared with a team of theirs; and the teams the caller may share with",
        response: { 200: savedViewListSchema },
      },
    },
    async (request) => app.services.views.list(currentUser(request)),
  );

  app.post(
    '/api/views',
    {
      schema: {
        tags: ['views'],
        summary: `Save the inbox's filters under a name (1–${VIEW_NAME_MAX} characters, unique per user, at most ${VIEWS_PER_USER_MAX}); optionally shared with a team (unit × role) the caller is in`,
        body: createViewBodySchema,
        response: { 201: savedViewSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.views.create(currentUser(request), request.body)),
  );

  app.patch(
    '/api/views/:id',
    {
      schema: {
        tags: ['views'],
        summary: 'Rename, change the filters of, share (with a team the caller is in) or stop sharing (sharedWith: null) one of your own views',
        params: viewIdParamsSchema,
        body: updateViewBodySchema,
        response: { 200: savedViewSchema },
      },
    },
    async (request) => app.services.views.update(currentUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/views/:id',
    {
      schema: {
        tags: ['views'],
        summary: 'Delete one of your own views (a view shared with you: 403)',
        params: viewIdParamsSchema,
      },
    },
    async (request, reply) => {
      await app.services.views.remove(currentUser(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
