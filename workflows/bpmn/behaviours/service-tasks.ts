import type { BusinessRuleTaskElement, ServiceTaskElement } from '../../../bpmn/model';
import { decisionActivities, serviceTaskActivity } from '../activity-options';
import type { Interpreter } from '../interpreter';
import { applyOutputs, mapInputs } from './io-mapping';
import { runJob } from './job-workers';

/** A service task: the activity its task type names, with a key unique to this occurrence (a team's own job: job-workers.ts). */
export async function runServiceTask(engine: Interpreter, el: ServiceTaskElement): Promise<void> {
  if (el.external) return runJob(engine, el);
  const n = engine.occurrence(el.id);
  const call = serviceTaskActivity(el.taskType, el.retries);
  const result = await call({ caseId: engine.caseId, key: `${engine.caseId}/${el.id}/${n}`, elementId: el.id, variables: mapInputs(engine, el.id, el.inputs) });
  applyOutputs(engine, el.id, el.outputs, result);
}

/**
 * A business rule task: the DMN decision is evaluated in an activity (which records the version,
 * inputs and matched rules on the case); its result becomes the result variable. A failed
 * evaluation (no or several rules under UNIQUE, a FEEL error) is an incident on this step.
 */
export async function runBusinessRuleTask(engine: Interpreter, el: BusinessRuleTaskElement): Promise<void> {
  const n = engine.occurrence(el.id);
  const { result } = await decisionActivities.evaluateDecision({
    caseId: engine.caseId,
    key: `${engine.caseId}/${el.id}/${n}`,
    elementId: el.id,
    decisionId: el.decisionId,
    latest: el.bindingLatest === true,
    variables: engine.vars,
  });
  engine.vars[el.resultVariable] = result;
}
