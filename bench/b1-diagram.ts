import { compileBpmn } from '../bpmn/compile';
import type { ProcessModel } from '../bpmn/model';
import { SERVICE_TASK_TYPES } from '../bpmn/service-task-types';

// B1's diagrams: the one-approval case (three service tasks, one human task, an exclusive choice)
// that workflows/bench-baseline.ts writes by hand, and chains of script tasks for model size.

/** The service-task type B1's diagram names; the bench worker registers it as a no-op activity. */
export const BENCH_TASK_TYPE = 'noop';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"';
const flow = (id: string, a: string, b: string, c?: string) =>
  c ? `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}"><bpmn:conditionExpression>${c}</bpmn:conditionExpression></bpmn:sequenceFlow>` : `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}"/>`;
const svc = (id: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${BENCH_TASK_TYPE}"/></bpmn:extensionElements></bpmn:serviceTask>`;

export const BENCH_XML = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="bench-engine" isExecutable="true">
<bpmn:startEvent id="s"/>${svc('a')}${svc('b')}${svc('c')}
<bpmn:userTask id="approve" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:exclusiveGateway id="gw" default="no"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
${flow('f1', 's', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'c')}${flow('f4', 'c', 'approve')}${flow('f5', 'approve', 'gw')}${flow('yes', 'gw', 'e1', '=outcome = &quot;approve&quot;')}${flow('no', 'gw', 'e2')}
</bpmn:process></bpmn:definitions>`;

/**
 * B6's case (bench/flowable/…/one-approval.bpmn20.xml) for the engine: start → one user task offered
 * to 客服经理 → end, no service task. Shouwen ÷ Flowable compares this, the same case on both.
 */
export const ONE_APPROVAL_XML = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="bench-one-approval" isExecutable="true">
<bpmn:startEvent id="s"/>
<bpmn:userTask id="approve" name="审批" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}
</bpmn:process></bpmn:definitions>`;

/** Elements in a row between two waits in chainXml: under the engine's loop guard (MAX_STEPS_WITHOUT_WAIT). */
export const CHAIN_STRETCH = 250;

/**
 * A diagram of n elements in a row for B1's model-size rows: script tasks, and every
 * CHAIN_STRETCH-th a `noop` service task. Past MAX_STEPS_WITHOUT_WAIT steps without a wait the
 * engine makes a token an incident (a loop with no wait state): a chain of 1,000 scripts did, and
 * the full run then waited on that case for ever (taken on 1 Dec for a hang in the replay step).
 */
export function chainXml(key: string, scripts: number): string {
  const els = Array.from({ length: scripts }, (_, i) =>
    (i + 1) % CHAIN_STRETCH === 0 ? svc(`t${i}`) : `<bpmn:scriptTask id="t${i}"><bpmn:extensionElements><zeebe:script expression="=${i}" resultVariable="x"/></bpmn:extensionElements></bpmn:scriptTask>`,
  );
  const ids = ['s', ...Array.from({ length: scripts }, (_, i) => `t${i}`), 'e'];
  const flows = ids.slice(1).map((id, i) => flow(`f${i}`, ids[i]!, id));
  return `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="${key}" isExecutable="true"><bpmn:startEvent id="s"/>${els.join('')}<bpmn:endEvent id="e"/>${flows.join('')}</bpmn:process></bpmn:definitions>`;
}

/**
 * Compiles a B1 diagram with `noop` among the worker's own service-task types. Without it the
 * compiler takes `noop` for a team's external job (bpmn.serviceTask.externalJob): its tasks then
 * wait on the job queue, where no worker polls, and every engine case stalled for 10 minutes.
 */
export async function compileBenchDiagram(xml: string): Promise<ProcessModel> {
  const compiled = await compileBpmn(xml, { taskTypes: [...SERVICE_TASK_TYPES, BENCH_TASK_TYPE] });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.model;
}
