import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modelProblemSchema, processModelSchema } from '../../bpmn/model';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden, notFound, unprocessable } from '../http/problem';

const versionSchema = z.object({
  key: z.string(),
  version: z.number(),
  name: z.string(),
  hash: z.string(),
  deployedBy: z.string().nullable(),
  deployedAt: z.string(),
});
// form-js schemas are open-ended JSON; they are checked where they are used (task data).
const formsSchema = z.record(z.string().min(1).max(100), z.object({ components: z.array(z.record(z.string(), z.unknown())) }).passthrough());
const keyParam = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/);

export const processRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  app.post(
    '/api/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'Deploy a BPMN diagram (and its forms) as a new process version; identical content returns the existing version',
        body: z.object({ xml: z.string().min(1).max(5_000_000), forms: formsSchema.optional() }),
        response: { 200: z.object({ created: z.literal(false), process: versionSchema }), 201: z.object({ created: z.literal(true), process: versionSchema }) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      if (!mayDeployProcesses(user)) throw forbidden('Only process owners may deploy processes.');
      const result = await app.services.processes.deploy(request.body.xml, request.body.forms as never, user.id);
      if (!result.ok) {
        throw unprocessable(`The diagram has ${result.problems.length} problem(s); nothing was deployed.`, {
          errors: result.problems.map((p) => ({ path: p.elementId ? `body.xml#${p.elementId}` : 'body.xml', ...p })),
        });
      }
      return result.created ? reply.status(201).send({ created: true, process: result.process }) : { created: false as const, process: result.process };
    },
  );

  app.post(
    '/api/processes/validate',
    {
      schema: {
        tags: ['processes'],
        summary: 'Check a BPMN diagram without deploying it',
        body: z.object({ xml: z.string().min(1).max(5_000_000), forms: formsSchema.optional() }),
        response: { 200: z.object({ ok: z.boolean(), problems: z.array(modelProblemSchema) }) },
      },
    },
    async (request) => {
      const result = await app.services.processes.validate(request.body.xml, request.body.forms as never);
      return { ok: result.ok, problems: result.problems };
    },
  );

  app.get(
    '/api/processes',
    {
      schema: {
        tags: ['processes'],
        summary: 'Deployed processes, latest version of each',
        response: { 200: z.object({ items: z.array(versionSchema.extend({ versions: z.number() })) }) },
      },
    },
    async () => ({ items: await app.repos.processes.list() }),
  );

  app.get(
    '/api/processes/:key/versions',
    {
      schema: { tags: ['processes'], params: z.object({ key: keyParam }), response: { 200: z.object({ items: z.array(versionSchema) }) } },
    },
    async (request) => ({ items: await app.repos.processes.versions(request.params.key) }),
  );

  app.get(
    '/api/processes/:key/versions/:version',
    {
      schema: {
        tags: ['processes'],
        summary: 'One version: its XML, compiled model and forms',
        params: z.object({ key: keyParam, version: z.coerce.number().int().positive() }),
        response: { 200: versionSchema.extend({ xml: z.string(), model: processModelSchema, forms: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const found = await app.repos.processes.get(request.params.key, request.params.version);
      if (!found) throw notFound(`Process ${request.params.key} has no version ${request.params.version}.`);
      return found;
    },
  );
};
