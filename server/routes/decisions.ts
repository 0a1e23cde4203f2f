import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DIAGRAM_BODY_LIMIT,
  decisionDeployedSchema,
  decisionEvaluatedSchema,
  decisionEvaluateSchema,
  decisionKeyParamsSchema,
  decisionListSchema,
  decisionSourceSchema,
  decisionValidateResultSchema,
  decisionVersionDetailSchema,
  decisionVersionQuerySchema,
} from '../../contract';
import { DecisionEvaluationError, evaluateDecision } from '../../bpmn/dmn/evaluate';
import { mayDeployProcesses } from '../../policy/capabilities';
import { currentUser, requireUser } from '../auth/session-plugin';
import { forbidden, notFound, unprocessable } from '../http/problem';
import { localizeModelProblems, problemLanguage } from '../http/problem-language';
import { openDecisionReview } from '../services/decision-review';

// DMN decision files: deployed and versioned like diagrams, read by everyone signed in (the
// rules behind a grade are not secret), deployed and tried out by process owners.
export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireUser);

  const ownersOnly = (request: Parameters<typeof currentUser>[0]) => {
    if (!mayDeployProcesses(currentUser(request))) throw forbidden('Only process owners may deploy and try decisions.', { code: 'process.ownerOnly' });
  };

  app.post(
    '/api/decisions',
    {
      bodyLimit: DIAGRAM_BODY_LIMIT,
      schema: {
        tags: ['decisions'],
        summary: 'Deploy a DMN file as a new version; identical content returns the existing version',
        body: decisionSourceSchema,
        response: { 200: decisionDeployedSchema, 201: decisionDeployedSchema },
      },
    },
    async (request, reply) => {
      ownersOnly(request);
      const result = await app.services.decisions.deploy(request.body.xml, currentUser(request).id);
      if (!result.ok) {
        throw unprocessable(`The decision file has ${result.problems.length} problem(s); nothing was deployed.`, {
          code: 'decision.invalid',
          params: { count: result.problems.length },
          errors: result.problems.map((p) => ({ path: p.elementId ? `body.xml#${p.elementId}` : 'body.xml', ...p })),
        });
      }
      // A reviewed file: the version waits for the 客服经理 in its decision-change case.
      if (result.proposalCaseId) await openDecisionReview(app.services.cases, currentUser(request), result.decision, result.proposalCaseId);
      // The warnings in the caller's language, as a refusal's problems are (problem-language.ts).
      const warnings = localizeModelProblems(result.warnings, problemLanguage(request.headers['accept-language']));
      return reply
        .status(result.created ? 201 : 200)
        .send({ created: result.created, decision: result.decision, ...(result.proposalCaseId ? { proposalCaseId: result.proposalCaseId } : {}), warnings });
    },
  );

  app.post(
    '/api/decisions/validate',
    { bodyLimit: DIAGRAM_BODY_LIMIT, schema: { tags: ['decisions'], summary: 'Check a DMN file without deploying it', body: decisionSourceSchema, response: { 200: decisionValidateResultSchema } } },
    async (request) => {
      ownersOnly(request);
      // The check's words in the caller's language, as a refused deploy's (problem-language.ts).
      const result = await app.services.decisions.validate(request.body.xml);
      const lang = problemLanguage(request.headers['accept-language']);
      return { ok: result.ok, problems: localizeModelProblems(result.problems, lang), warnings: localizeModelProblems(result.warnings, lang) };
    },
  );

  app.get(
    '/api/decisions',
    { schema: { tags: ['decisions'], summary: 'Deployed decision files, latest version of each', response: { 200: decisionListSchema } } },
    async () => ({ items: await app.repos.decisions.list() }),
  );

  app.get(
    '/api/decisions/:key',
    {
      schema: {
        tags: ['decisions'],
        summary: 'One version of a decision file (the latest unless ?version=, or the one in force before ?inForceBefore=): its XML and compiled decisions',
        params: decisionKeyParamsSchema,
        querystring: decisionVersionQuerySchema,
        response: { 200: decisionVersionDetailSchema },
      },
    },
    async (request) => {
      const { version, inForceBefore } = request.query;
      const found = inForceBefore !== undefined ? await app.repos.decisions.inForceBefore(request.params.key, inForceBefore) : await app.repos.decisions.get(request.params.key, version);
      const which = inForceBefore !== undefined ? ` in force before version ${inForceBefore}` : version ? ` version ${version}` : '';
      if (!found) throw notFound(`No decision file ${request.params.key}${which}.`, { code: 'decision.notFound', params: { key: request.params.key } });
      return found;
    },
  );

  app.post(
    '/api/decisions/:key/evaluate',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Evaluate a deployed decision against variables, without a case (to try a table)',
        params: decisionKeyParamsSchema,
        body: decisionEvaluateSchema,
        response: { 200: decisionEvaluatedSchema },
      },
    },
    async (request) => {
      ownersOnly(request);
      const found = await app.repos.decisions.get(request.params.key, request.body.version);
      if (!found) throw notFound(`No decision file ${request.params.key}.`, { code: 'decision.notFound', params: { key: request.params.key } });
      const ids = Object.keys(found.model.decisions);
      const decisionId = request.body.decisionId ?? ids[ids.length - 1]!;
      try {
        const outcome = evaluateDecision(found.model, decisionId, request.body.variables);
        return { decisionId, version: found.version, result: outcome.result, evaluated: outcome.evaluated };
      } catch (err) {
        if (!(err instanceof DecisionEvaluationError)) throw err;
        throw unprocessable(err.message, { code: err.code, params: err.params, errors: [{ path: 'body.variables', message: err.message, code: err.code, params: err.params }] });
      }
    },
  );
};
