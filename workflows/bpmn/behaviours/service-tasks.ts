import type { ServiceTaskElement } from '../../../bpmn/model';
import { serviceTaskActivity } from '../activity-options';
import type { Interpreter } from '../interpreter';
import { applyOutputs, mapInputs } from './io-mapping';

/** A service task: the activity its task type names, with a key unique to this occurrence. */
export async function runServiceTask(engine: Interpreter, el: ServiceTaskElement): Promise<void> {
  const n = engine.occurrence(el.id);
  const call = serviceTaskActivity(el.taskType, el.retries);
  const result = await call({ caseId: engine.caseId, key: `${engine.caseId}/${el.id}/${n}`, elementId: el.id, variables: mapInputs(engine, el.id, el.inputs) });
  applyOutputs(engine, el.id, el.outputs, result);
}
