import { Context } from '@temporalio/activity';
import { createDecisionRepository } from '../db/decisions';
import type { Db } from '../db/pool';
import type { ServiceTaskInput } from './service-tasks';
import { str } from './variables';

// 决策表变更审批 (issue 15): the service task of decision-change.bpmn. The version it settles is
// the one whose proposal names this case (db/decisions.ts), never one named in case variables, so
// a case started by hand or a variable changed by a form cannot put another version in force.

export function createDecisionChangeActivities({ db }: { db: Db }) {
  return {
    async 'settle-decision-change'(input: ServiceTaskInput) {
      const approved = input.variables.approved === true;
      const settled = await createDecisionRepository(db).settleProposal(input.caseId, approved, str(input.variables.approvalStep));
      Context.current().log.info('decision change settled', { caseId: input.caseId, approved, settled });
      return { decisionChange: settled ? settled.status : 'none' };
    },
  };
}
