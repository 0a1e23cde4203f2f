import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DIAGRAM_BODY_LIMIT,
  deployedSchema,
  processKeyParamsSchema,
  processListSchema,
  processDeploySchema,
  processSourceSchema,
  processVersionDetailSchema,
  processVersionListSchema,
  processVersionParamsSchema,
  unchangedSchema,
  userSearchQuerySchema,
  userSearchSchema,
  validateResultSchema,
} from '../../contract';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden, notFound, unavailable, unprocessable } from '../http/problem';
import { localizeModelProblems, problemLanguage } from '../http/problem-language';

export const processRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.post(
    '/api/processes',
    {
      bodyLimit: DIAGRAM_BODY_LIMIT,
      schema: {
        tags: ['processes'],
        summary: 'Deploy a BPMN diagram (and its forms) with a change note as a new process version; identical content returns the existing version',
        body: processDeploySchema,
        response: { 200: unchangedSchema, 201: deployedSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      if (!mayDeployProcesses(user)) throw forbidden('Only process owners may deploy processes.', { code: 'process.ownerOnly' });
      const result = await app.services.processes.deploy(request.body.xml, request.body.forms as never, user.id, request.body.changeNote);
      if (!result.ok) {
        throw unprocessable(`The diagram has ${result.problems.length} problem(s); nothing was deployed.`, {
          code: 'process.invalid',
          params: { count: result.problems.length },
          errors: result.problems.map((p) => ({ path: p.elementId ? `body.xml#${p.elementId}` : 'body.xml', ...p })),
        });
      }
      const { process } = result;
      // The warnings in the caller's language, as a refusal's problems are (problem-language.ts).
      const warnings = localizeModelProblems(result.warnings, problemLanguage(request.headers['accept-language']));
      // The version is stored; its schedules follow. If Temporal cannot take them now, the same
      // deploy again (identical content → same version) or the API's next start catches up.
      try {
        await app.services.schedules.sync(process.key, user.id);
      } catch (err) {
        request.log.warn({ err, processKey: process.key }, 'schedules not synced');
        throw unavailable(`Process ${process.key} v${process.version} is deployed but its schedules could not be updated; deploy it again later.`, {
          code: 'process.schedulesNotSynced',
          params: { processKey: process.key, version: process.version },
        });
      }
      return result.created ? reply.status(201).send({ created: true, process, warnings }) : { created: false as const, process, warnings };
    },
  );

  app.post(
    '/api/processes/validate',
    {
      bodyLimit: DIAGRAM_BODY_LIMIT,
      schema: {
        tags: ['processes'],
        summary: 'Check a BPMN diagram without deploying it',
        body: processSourceSchema,
        response: { 200: validateResultSchema },
      },
    },
    async (request) => {
      // Compiling is real work on the API's event loop: only those who may deploy ask for it (issue 11 §4).
      if (!mayDeployProcesses(currentUser(request))) throw forbidden('Only process owners may validate processes.', { code: 'process.ownerOnly' });
      const result = await app.services.processes.validate(request.body.xml, request.body.forms as never);
      // The check's words in the caller's language, as a refused deploy's (problem-language.ts).
      const lang = problemLanguage(request.headers['accept-language']);
      return { ok: result.ok, problems: localizeModelProblems(result.problems, lang), warnings: localizeModelProblems(result.warnings, lang) };
    },
  );

  app.get(
    '/api/processes/assignees',
    {
      schema: {
        tags: ['processes'],
        summary: 'People a process owner may name as a step\'s assignee: id, name, unit and roles only',
        querystring: userSearchQuerySchema,
        response: { 200: userSearchSchema },
      },
    },
    async (request) => {
      // The editor's assignee picker; the directory search (/api/users) stays with managers.
      if (!mayDeployProcesses(currentUser(request))) throw forbidden('Only process owners pick assignees for a diagram.', { code: 'process.ownerOnly' });
      return { items: await app.repos.users.search(request.query.q, request.query.limit) };
    },
  );

  app.get(
    '/api/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'Deployed processes, latest version of each',
        response: { 200: processListSchema },
      },
    },
    async () => ({ items: await app.repos.processes.list() }),
  );

  app.get(
    '/api/processes/:key/versions',
    {
      schema: { tags: ['processes'], params: processKeyParamsSchema, response: { 200: processVersionListSchema } },
    },
    async (request) => ({ items: await app.repos.processes.versions(request.params.key, mayDeployProcesses(currentUser(request))) }),
  );

  app.get(
    '/api/processes/:key/versions/:version',
    {
      schema: {
        tags: ['processes'],
        summary: 'One version: its XML, compiled model and forms',
        params: processVersionParamsSchema,
        response: { 200: processVersionDetailSchema },
      },
    },
    async (request) => {
      const found = await app.repos.processes.get(request.params.key, request.params.version);
      if (!found) throw notFound(`Process ${request.params.key} has no version ${request.params.version}.`, { code: 'process.noVersion', params: { processKey: request.params.key, version: request.params.version } });
      return found;
    },
  );
};
