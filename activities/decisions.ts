import { ApplicationFailure } from '@temporalio/activity';
import { DecisionEvaluationError, evaluateDecision } from '../bpmn/dmn/evaluate';
import { appendCaseEvent } from '../db/case-events';
import { createDecisionRepository } from '../db/decisions';
import type { Db } from '../db/pool';

export interface EvaluateDecisionInput {
  caseId: string;
  /** Unique per element occurrence: the case event is written once however often this is retried. */
  key: string;
  elementId: string;
  decisionId: string;
  /** The newest deployed version rather than the one deployed when the case started. */
  latest: boolean;
  variables: Record<string, unknown>;
}

export interface EvaluateDecisionResult {
  result: unknown;
  decisionKey: string;
  version: number;
}

/** `sandbox`: a 试运行 run (activities/sandbox.ts) evaluates the newest version and records nothing. */
export function createDecisionActivities({ db, sandbox = false }: { db: Db; sandbox?: boolean }) {
  const decisions = createDecisionRepository(db);
  return {
    /**
     * Evaluates a business rule task's decision and records why it came out as it did
     * (`decision.evaluated`: file, version, inputs, matched rules, result) for the audit.
     */
    async evaluateDecision(input: EvaluateDecisionInput): Promise<EvaluateDecisionResult> {
      const file = await decisions.forDecision(input.decisionId, input.latest || sandbox ? undefined : input.caseId);
      if (!file) {
        throw ApplicationFailure.nonRetryable(
          `Decision "${input.decisionId}" is not deployed${input.latest ? '' : ' (no version was deployed when the case started)'}; deploy its DMN file, then retry the step.`,
          'DecisionNotDeployed',
        );
      }
      let outcome;
      try {
        outcome = evaluateDecision(file.model, input.decisionId, input.variables);
      } catch (err) {
        if (err instanceof DecisionEvaluationError) throw ApplicationFailure.nonRetryable(err.message, 'DecisionEvaluationFailed', { code: err.code, params: err.params });
        throw err;
      }
      // A sandbox run has no trail to explain itself in.
      if (!sandbox) {
        await appendCaseEvent(db, {
          key: `${input.key}/decision.evaluated`,
          caseId: input.caseId,
          kind: 'decision.evaluated',
          payload: { elementId: input.elementId, decisionId: input.decisionId, decisionKey: file.key, decisionName: file.name, version: file.version, result: outcome.result as never, evaluated: outcome.evaluated as never },
        });
      }
      return { result: outcome.result, decisionKey: file.key, version: file.version };
    },
  };
}

export type DecisionActivities = ReturnType<typeof createDecisionActivities>;
