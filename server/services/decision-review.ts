import type { SessionUser } from '../../db/users';
import { DECISION_CHANGE_PROCESS, type DecisionVersionRow } from '../../db/decisions';
import { HttpProblem } from '../http/problem';
import type { CaseService } from './case-service';

/**
 * Opens the decision-change case for a proposal (a reviewed file's new version), whoever deployed
 * it: the API and the CLI both come here, so a table changed from the command line waits for the
 * 客服经理 the same way. The case id is the proposal's, so a repeated deploy (or one whose start
 * failed) targets the same case; finding it already started is success.
 */
export async function openDecisionReview(cases: Pick<CaseService, 'start'>, user: SessionUser, decision: DecisionVersionRow, proposalCaseId: string): Promise<void> {
  try {
    await cases.start(user, {
      processKey: DECISION_CHANGE_PROCESS,
      businessKey: proposalCaseId.slice(DECISION_CHANGE_PROCESS.length + 1),
      title: `${decision.name} 第 ${decision.version} 版变更审批`,
      variables: { decisionKey: decision.key, decisionName: decision.name, decisionVersion: decision.version },
    }, undefined, undefined, { system: true });
  } catch (err) {
    if (!(err instanceof HttpProblem && err.code === 'case.duplicateBusinessKey')) throw err;
  }
}
