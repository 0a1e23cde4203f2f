import { executeChild } from '@temporalio/workflow';
import type { CallActivityElement, ProcessElement } from '../../../bpmn/model';
import { processWords } from '../../../contract/process-names';
import { BusinessKey, CaseStatus, ProcessKey, ProcessVersion } from '../../search-attributes';
import { engineActivities } from '../activity-options';
import { afterWrites } from '../projection-queue';
import type { Interpreter } from '../interpreter';
import type { BpmnProcessInput, BpmnProcessResult } from '../messages';
import { ScopeRun } from '../scope-run';
import { armEventSubProcesses } from './event-sub-processes';
import { applyOutputs, mapInputs } from './io-mapping';
import { PATCH_LEVEL } from '../patch-level';

// Processes inside a process: an embedded sub-process is a new token scope in this
// workflow; a call activity starts the called process's latest version as a child case.

/** Starts an embedded sub-process's scope (or an event sub-process's instance); the promise settles when its last token ends. */
export function startSubProcess(engine: Interpreter, el: ProcessElement & { type: 'subProcess' }): Promise<unknown> {
  const sub = new ScopeRun(`${el.id}#${engine.occurrence(el.id)}`, engine.tokens, engine.runToken);
  sub.spawn(el.startEventId);
  armEventSubProcesses(engine, sub, el.id);
  return sub.done;
}

export async function runCallActivity(engine: Interpreter, el: CallActivityElement): Promise<void> {
  const { input } = engine;
  const n = engine.occurrence(el.id);
  const child = await engineActivities.resolveLatestProcess(el.processKey);
  const businessKey = `${input.businessKey}.${el.id}.${n}`;
  // The child's rows refer to this case's: what this case queued is written first.
  const result = await afterWrites(() => executeChild('bpmnProcess', {
    // A sandbox's child is a sandbox too: its own id space, no search attributes (no list finds it).
    workflowId: input.sandbox ? `${engine.caseId}/${el.id}.${n}` : `${el.processKey}/${businessKey}`,
    args: [
      {
        model: child.model,
        processVersion: child.version,
        forms: child.forms,
        businessKey,
        // An unnamed call activity is said by the process it calls, never by its element id (a person reads this title).
        title: `${input.title} · ${el.name ?? processWords(child.model.key, child.model.name)}`,
        initiatorId: input.initiatorId,
        unitId: input.unitId,
        customerId: input.customerId ?? null,
        parentCaseId: engine.caseId,
        ...(input.jobTaskQueue !== undefined && { jobTaskQueue: input.jobTaskQueue }),
        ...(input.jobWorkerWaitSeconds !== undefined && { jobWorkerWaitSeconds: input.jobWorkerWaitSeconds }),
        variables: mapInputs(engine, el.id, el.inputs),
        startedAt: new Date().toISOString(),
        ...(input.sandbox && { sandbox: true }),
        patchLevel: PATCH_LEVEL,
      } satisfies BpmnProcessInput,
    ],
    typedSearchAttributes: input.sandbox
      ? []
      : [
          { key: ProcessKey, value: el.processKey },
          { key: ProcessVersion, value: child.version },
          { key: BusinessKey, value: businessKey },
          { key: CaseStatus, value: 'running' },
        ],
  }));
  const childResult = result as BpmnProcessResult;
  if (el.outputs.length > 0) applyOutputs(engine, el.id, el.outputs, childResult.variables);
  else if (el.propagateAllChildVariables) Object.assign(engine.vars, childResult.variables);
}
