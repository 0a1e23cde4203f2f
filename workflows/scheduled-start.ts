import { ParentClosePolicy, patched, proxyActivities, startChild, uuid4, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { ScheduledStartRef } from '../domain/case-header';
import { shanghaiDate } from '../domain/china-time';
import { processWords } from '../contract/process-names';
import type { Activities } from '../activities';
import type { BpmnProcessInput } from './bpmn/messages';
import { BusinessKey, CaseStatus, ProcessKey, ProcessVersion } from './search-attributes';
import { PATCH_LEVEL } from './bpmn/patch-level';

// A timer start event's Temporal Schedule runs this small workflow each time it fires. It starts
// the case as the API would (a business key like 20261201-1A2B3C4D, the case's search attributes)
// and leaves: the case is an abandoned child, so it lives on its own; it projects itself (case
// row, start event in the trail) exactly as a hand-started case does.

export const BUSINESS_KEY_CHINA_DAY_PATCH = 'business-key-china-day';

const { planScheduledStart } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function scheduledCaseStart(ref: ScheduledStartRef): Promise<{ caseId: string | null; skippedDay?: string }> {
  const plan = await planScheduledStart(ref);
  // shouwen:workingDaysOnly on a day off: this run starts nothing (its result says which day).
  if (plan.skippedDay) return { caseId: null, skippedDay: plan.skippedDay };
  const now = new Date();
  // The day in the key is China's (as a hand-started case's); runs recorded before the patch keyed UTC's day.
  const day = patched(BUSINESS_KEY_CHINA_DAY_PATCH) ? shanghaiDate(now) : now.toISOString().slice(0, 10);
  const businessKey = `${day.replaceAll('-', '')}-${uuid4().replaceAll('-', '').slice(0, 8).toUpperCase()}`;
  const caseId = `${ref.processKey}/${businessKey}`;
  const start = plan.model.elements[ref.startEventId];
  const input: BpmnProcessInput = {
    model: plan.model,
    processVersion: plan.version,
    forms: plan.forms,
    businessKey,
    // The process as a person reads it: an unnamed one is 未命名流程（key）, never its bare key.
    title: `${processWords(plan.model.key, plan.model.name)} · ${start?.name ?? '定时'}`,
    initiatorId: null,
    ownerId: plan.ownerId,
    scheduledBy: ref.startEventId,
    unitId: plan.unitId,
    customerId: null,
    variables: { businessKey, owner: plan.ownerId },
    startedAt: now.toISOString(),
    patchLevel: PATCH_LEVEL,
  };
  await startChild('bpmnProcess', {
    workflowId: caseId,
    args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: ProcessKey, value: ref.processKey },
      { key: ProcessVersion, value: plan.version },
      { key: BusinessKey, value: businessKey },
      { key: CaseStatus, value: 'running' },
    ],
  });
  return { caseId };
}
