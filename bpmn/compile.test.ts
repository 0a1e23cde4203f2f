import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBpmn, hashProcessModel, type CompileOptions } from './compile';
import { canonicalJson } from './compiler/hash';
import { feelSyntaxError } from './feel-syntax';
import { processModelSchema, type ModelProblem, type ProcessModel } from './model';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8');

async function modelOf(xml: string, options?: CompileOptions): Promise<ProcessModel> {
  const result = await compileBpmn(xml, options);
  expect(result.problems).toEqual([]);
  if (!result.ok) throw new Error('expected the diagram to compile');
  return result.model;
}

const compiled = (name: string, options?: CompileOptions): Promise<ProcessModel> => modelOf(fixture(name), options);

async function problemsOf(name: string, options?: CompileOptions): Promise<ModelProblem[]> {
  const result = await compileBpmn(fixture(name), options);
  expect(result.ok).toBe(false);
  return result.problems;
}

const problem = (elementId: string, elementType: string, message: RegExp) =>
  expect.objectContaining({ elementId, elementType, message: expect.stringMatching(message) });

const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('compileBpmn: supported elements', () => {
  it('start and end event, flow names, process name', async () => {
    expect(await compiled('elements/start-end')).toEqual({
      schemaVersion: 1,
      key: 'start-end',
      name: '最简流程',
      startEventId: 'start',
      elements: {
        start: { id: 'start', name: '开始', type: 'startEvent', incoming: [], outgoing: ['f1'] },
        end: { id: 'end', name: '结束', type: 'endEvent', kind: 'none', incoming: ['f1'], outgoing: [] },
      },
      flows: { f1: { id: 'f1', name: '直接结束', source: 'start', target: 'end' } },
      hash: HASH,
    });
  });

  it('end events: none, terminate, error with the code of the referenced bpmn:Error', async () => {
    const m = await compiled('elements/end-events');
    expect(m.name).toBe('end-events');
    expect(m.elements['endNone']).toMatchObject({ type: 'endEvent', kind: 'none' });
    expect(m.elements['endTerminate']).toMatchObject({ type: 'endEvent', kind: 'terminate' });
    expect(m.elements['endError']).toMatchObject({ type: 'endEvent', kind: 'error', errorCode: 'REJECTED' });
  });

  it('user tasks: assignee, candidates, form, due, outcomes, separation of duties, multi-instance', async () => {
    const m = await compiled('elements/user-task');
    expect(m.elements['literalAssignee']).toEqual({
      id: 'literalAssignee',
      name: '客服经理审批',
      type: 'userTask',
      incoming: ['f1'],
      outgoing: ['f2'],
      // literal ids become FEEL strings so the interpreter evaluates every assignee the same way
      assignee: '"zj.cs_manager"',
      candidateGroups: [],
      candidateUsers: [],
      formId: 'complaint-approval',
      due: { kind: 'date', iso: '2025-03-01T09:00:00+08:00' },
      separationOfDuties: true,
      outcomes: ['approve', 'reject'],
    });
    expect(m.elements['feelAssignee']).toMatchObject({
      assignee: 'initiator',
      candidateGroups: ['department', 'cs_agent'],
      candidateUsers: ['li.si', 'wang.wu'],
      formId: 'camunda-forms:bpmn:UserTaskForm_1',
      due: { kind: 'workingDays', days: 3 },
      separationOfDuties: false,
      outcomes: ['complete'],
    });
    expect(m.elements['feelAssignee']).not.toHaveProperty('multiInstance');
    expect(m.elements['feelDue']).toMatchObject({ due: { kind: 'date', expression: 'now() + duration("P2D")' } });
    expect(m.elements['durationDue']).toMatchObject({ due: { kind: 'duration', iso: 'PT36H' } });
    expect(m.elements['miAll']).toMatchObject({
      assignee: 'reviewer',
      multiInstance: { inputCollection: 'reviewers', inputElement: 'reviewer', completion: { kind: 'all' } },
    });
    expect(m.elements['miAny']).toMatchObject({ multiInstance: { completion: { kind: 'any' } } });
    expect(m.elements['miAtLeast']).toMatchObject({ multiInstance: { completion: { kind: 'atLeast', count: 3 } } });
  });

  it('service tasks: type, retries, FEEL and literal io mappings', async () => {
    const m = await compiled('elements/service-task', { taskTypes: ['notify', 'archive'] });
    expect(m.elements['notify']).toEqual({
      id: 'notify',
      name: '短信通知',
      type: 'serviceTask',
      incoming: ['f1'],
      outgoing: ['f2'],
      taskType: 'notify',
      retries: 5,
      inputs: [
        { source: 'customer.phone', target: 'recipient' },
        { source: '"complaint-received"', target: 'template' },
        { source: '3', target: 'priority' },
        { source: 'true', target: 'urgent' },
        // an empty source is null in Zeebe
        { source: 'null', target: 'reply' },
      ],
      outputs: [{ source: 'messageId', target: 'smsId' }],
    });
    expect(m.elements['archive']).toEqual(expect.objectContaining({ taskType: 'archive', inputs: [], outputs: [] }));
    expect(m.elements['archive']).not.toHaveProperty('retries');
  });

  it('script task: FEEL expression and result variable', async () => {
    const m = await compiled('elements/script-task');
    expect(m.elements['fee']).toMatchObject({
      type: 'scriptTask',
      name: '计算维修费用',
      expression: 'if inWarranty then 0 else quotedFee',
      resultVariable: 'fee',
    });
  });

  it('exclusive gateway: default flow and conditions without the leading "="', async () => {
    const m = await compiled('elements/exclusive-gateway');
    expect(m.elements['split']).toEqual({
      id: 'split',
      name: '是否属实？',
      type: 'exclusiveGateway',
      incoming: ['f1'],
      outgoing: ['yes', 'no'],
      defaultFlow: 'no',
    });
    expect(m.elements['merge']).toMatchObject({ type: 'exclusiveGateway', incoming: ['f2', 'f3'], outgoing: ['f4'] });
    expect(m.flows['yes']).toEqual({ id: 'yes', name: '属实', source: 'split', target: 'investigate', condition: 'isValid = true' });
    expect(m.flows['no']).not.toHaveProperty('condition');
  });

  it('parallel gateway: fork and join', async () => {
    const m = await compiled('elements/parallel-gateway');
    expect(m.elements['fork']).toEqual({ id: 'fork', type: 'parallelGateway', incoming: ['f1'], outgoing: ['f2', 'f3'] });
    expect(m.elements['join']).toEqual({ id: 'join', type: 'parallelGateway', incoming: ['f4', 'f5'], outgoing: ['f6'] });
  });

  it('inclusive gateway: conditions and default', async () => {
    const m = await compiled('elements/inclusive-gateway');
    expect(m.elements['split']).toMatchObject({ type: 'inclusiveGateway', defaultFlow: 'none', outgoing: ['toRisk', 'toCompliance', 'none'] });
    expect(m.elements['join']).toMatchObject({ type: 'inclusiveGateway', incoming: ['none', 'f2', 'f3'] });
    expect(m.flows['toRisk']?.condition).toBe('creditLimit > 1000000');
  });

  it('intermediate timer catch events: literal and FEEL durations and dates', async () => {
    const m = await compiled('elements/timer-catch');
    expect(m.elements['wait2h']).toEqual({
      id: 'wait2h',
      name: '等待2小时',
      type: 'intermediateCatchEvent',
      incoming: ['f1'],
      outgoing: ['f2'],
      trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT2H' } },
    });
    expect(m.elements['waitFeel']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'duration', expression: 'waitTime' } } });
    expect(m.elements['untilDate']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'date', iso: '2025-06-01T09:00:00+08:00' } } });
    expect(m.elements['untilFeel']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'date', expression: 'appointment' } } });
  });

  it('intermediate message catch events: message name and correlation key', async () => {
    const m = await compiled('elements/message-catch');
    expect(m.elements['pickup']).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'message', messageName: 'customer-pickup', correlationKey: 'businessKey' },
    });
    expect(m.elements['feedback']).toMatchObject({ trigger: { kind: 'message', messageName: 'customer-feedback' } });
    expect((m.elements['feedback'] as { trigger: object }).trigger).not.toHaveProperty('correlationKey');
  });

  it('boundary events: timers, message and errors; no incoming flows', async () => {
    const m = await compiled('elements/boundary-events');
    expect(m.elements['remind']).toEqual({
      id: 'remind',
      type: 'boundaryEvent',
      incoming: [],
      outgoing: ['b1'],
      attachedTo: 'investigate',
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT20H' } },
    });
    expect(m.elements['timeout']).toMatchObject({ attachedTo: 'investigate', cancelActivity: true, trigger: { kind: 'timer' } });
    expect(m.elements['withdrawn']).toMatchObject({
      trigger: { kind: 'message', messageName: 'complaint-withdrawn', correlationKey: 'complaintId' },
    });
    expect(m.elements['declined']).toMatchObject({ attachedTo: 'charge', trigger: { kind: 'error', errorCode: 'PAYMENT_DECLINED' } });
    expect(m.elements['anyError']).toMatchObject({ trigger: { kind: 'error' } });
    expect((m.elements['anyError'] as { trigger: object }).trigger).not.toHaveProperty('errorCode');
  });

  it('embedded sub-process: start event, parentId on its children, flows in the same record', async () => {
    const m = await compiled('elements/sub-process');
    expect(m.elements['analysis']).toEqual({
      id: 'analysis',
      name: '信用分析',
      type: 'subProcess',
      incoming: ['f1'],
      outgoing: ['f2'],
      startEventId: 'innerStart',
    });
    expect(m.elements['innerStart']).toMatchObject({ parentId: 'analysis', outgoing: ['i1'] });
    expect(m.elements['collect']).toMatchObject({ parentId: 'analysis' });
    expect(m.elements['innerEnd']).toMatchObject({ parentId: 'analysis', type: 'endEvent' });
    expect(m.elements['start']).not.toHaveProperty('parentId');
    expect(Object.keys(m.flows).sort()).toEqual(['f1', 'f2', 'i1', 'i2']);
    expect(m.startEventId).toBe('start');
  });

  it('call activity: process key, mappings, propagateAllChildVariables (Camunda default true)', async () => {
    const m = await compiled('elements/call-activity', { processKeys: ['customer-info', 'repair'] });
    expect(m.elements['customerInfo']).toMatchObject({
      type: 'callActivity',
      processKey: 'customer-info',
      inputs: [{ source: 'customerId', target: 'customerId' }],
      outputs: [{ source: 'customer', target: 'customer' }],
      propagateAllChildVariables: false,
    });
    expect(m.elements['plain']).toMatchObject({ processKey: 'repair', inputs: [], outputs: [], propagateAllChildVariables: true });
  });

  it('lanes, documentation, annotations, associations, data objects and groups are ignored', async () => {
    const m = await compiled('elements/ignored-artifacts');
    expect(Object.keys(m.elements).sort()).toEqual(['end', 'start', 't1']);
    expect(Object.keys(m.flows).sort()).toEqual(['f1', 'f2']);
  });

  it('collaboration: the executable pool is the process', async () => {
    const m = await compiled('elements/collaboration');
    expect(m.key).toBe('service-desk');
    expect(m.name).toBe('客服受理');
    expect(Object.keys(m.elements).sort()).toEqual(['accept', 'end', 'start']);
  });
});

describe('compileBpmn: Camunda Modeler 5 diagrams', () => {
  it('客户投诉管理流程 compiles without problems', async () => {
    const m = await compiled('camunda/complaint');
    expect(m).toMatchObject({ key: 'modeler-complaint', name: '客户投诉管理流程', startEventId: 'StartEvent_1' });
    expect(m.elements['Activity_AcceptComplaint']).toMatchObject({ type: 'userTask', candidateGroups: ['cs_agent'], formId: 'complaint-register' });
    expect(m.elements['Activity_Investigate']).toMatchObject({ candidateGroups: ['department'], due: { kind: 'workingDays', days: 1 } });
    expect(m.elements['Event_InvestigationReminder']).toMatchObject({
      type: 'boundaryEvent',
      attachedTo: 'Activity_Investigate',
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT20H' } },
    });
    expect(m.elements['Activity_Remind']).toMatchObject({ type: 'serviceTask', taskType: 'notify' });
    expect(m.elements['Activity_ManagerApproval']).toMatchObject({
      candidateGroups: ['cs_manager'],
      outcomes: ['approve', 'reject'],
      separationOfDuties: true,
    });
    expect(m.elements['Gateway_Approved']).toMatchObject({ type: 'exclusiveGateway', defaultFlow: 'Flow_Rejected' });
    expect(m.flows['Flow_Approved']).toMatchObject({ condition: 'outcome = "approve"' });
    expect(m.flows['Flow_Rejected']).toMatchObject({ target: 'Activity_ProposeSolution' });
    expect(m.elements['Activity_ProposeSolution']?.incoming).toEqual(['Flow_0investigated', 'Flow_Rejected', 'Flow_NotSatisfied']);
    expect(m.elements['Activity_Archive']).toMatchObject({ type: 'serviceTask', taskType: 'archive', retries: 3 });
    expect(processModelSchema.parse(m)).toEqual(m);
  });

  it('售后维修保养服务流程 compiles without problems', async () => {
    const m = await compiled('camunda/repair');
    expect(m).toMatchObject({ key: 'modeler-repair', name: '售后维修保养服务流程' });
    expect(m.elements['Gateway_Fork']).toMatchObject({ type: 'parallelGateway', outgoing: ['Flow_0dispatch', 'Flow_0parts'] });
    expect(m.elements['Gateway_Join']).toMatchObject({ type: 'parallelGateway', incoming: ['Flow_0dispatched', 'Flow_0partsready'] });
    expect(m.elements['Activity_CalculateFee']).toMatchObject({
      type: 'scriptTask',
      expression: 'if inWarranty then 0 else quotedFee',
      resultVariable: 'fee',
    });
    expect(m.elements['Event_CustomerPickup']).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'message', messageName: 'customer-pickup', correlationKey: 'businessKey' },
    });
    expect(m.elements['Event_RepairOverdue']).toMatchObject({
      attachedTo: 'Activity_Repair',
      cancelActivity: true,
      trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'P3D' } },
    });
    expect(m.elements['Activity_Repair']).toMatchObject({ assignee: 'technician', candidateGroups: ['engineering'] });
  });

  it('客户信用等级评定流程 compiles without problems', async () => {
    const m = await compiled('camunda/credit-grading');
    expect(m).toMatchObject({ key: 'modeler-credit-grading', name: '客户信用等级评定流程' });
    expect(m.elements['Activity_CreditAnalysis']).toMatchObject({ type: 'subProcess', startEventId: 'Event_AnalysisStart' });
    const inside = Object.values(m.elements).filter((e) => e.parentId === 'Activity_CreditAnalysis').map((e) => e.id);
    expect(inside.sort()).toEqual([
      'Activity_CollectFinancials',
      'Activity_Score',
      'Event_AnalysisDone',
      'Event_AnalysisStart',
      'Event_DataIncomplete',
      'Gateway_Complete',
    ]);
    expect(m.elements['Event_DataIncomplete']).toMatchObject({ type: 'endEvent', kind: 'error', errorCode: 'DATA_INCOMPLETE' });
    expect(m.elements['Event_IncompleteCaught']).toMatchObject({
      type: 'boundaryEvent',
      attachedTo: 'Activity_CreditAnalysis',
      trigger: { kind: 'error', errorCode: 'DATA_INCOMPLETE' },
    });
    expect(m.elements['Activity_Countersign']).toMatchObject({
      assignee: 'approver',
      multiInstance: { inputCollection: 'approvers', inputElement: 'approver', completion: { kind: 'atLeast', count: 2 } },
    });
    expect(m.elements['Gateway_Reviews']).toMatchObject({ type: 'inclusiveGateway', defaultFlow: 'Flow_NoReview' });
    expect(m.elements['Activity_CustomerInfo']).toMatchObject({ type: 'callActivity', processKey: 'modeler-customer-info', propagateAllChildVariables: false });
    expect(m.elements['Activity_Score']).toMatchObject({ due: { kind: 'duration', iso: 'P2D' } });
  });
});

describe('compileBpmn: problems', () => {
  it('XML that does not parse: one problem on the definitions with the line', async () => {
    expect(await problemsOf('invalid/malformed-xml')).toEqual([
      { elementId: '', elementType: 'definitions', message: expect.stringMatching(/could not be read.*closing tag mismatch.*line 6/), code: 'bpmn.xml.unreadable', params: { detail: expect.stringMatching(/closing tag mismatch/) } },
    ]);
    const empty = await compileBpmn('');
    expect(empty).toEqual({ ok: false, warnings: [], problems: [problem('', 'definitions', /could not be read as BPMN/)] });
    const notBpmn = await compileBpmn('<html/>');
    expect(notBpmn.problems).toEqual([problem('', 'definitions', /could not be read as BPMN/)]);
  });

  it('content the parser cannot read: unknown element, unknown attribute, dangling reference', async () => {
    expect(await problemsOf('invalid/moddle-warnings')).toEqual([
      problem('t1', 'userTask', /Attribute "priority" .* not part of BPMN/),
      problem('approval', 'approvalTask', /<bpmn:approvalTask> \(line 7, column 5\) is not understood/),
      problem('dangling', 'sequenceFlow', /refers to "nowhere" \(targetRef\), which does not exist/),
      problem('dangling', 'sequenceFlow', /not connected to a flow element at both ends/),
    ]);
  });

  it('ids the parser refuses', async () => {
    expect(await problemsOf('invalid/bad-ids')).toEqual([
      problem('受理', 'endEvent', /Id "受理" .*is not allowed/),
      problem('start', 'endEvent', /Id "start" .*used by more than one element/),
    ]);
  });

  it('a process id that cannot be a key', async () => {
    expect(await problemsOf('invalid/process-key')).toEqual([problem('zj:complaint', 'process', /cannot be used as a process key/)]);
  });

  it('several executable processes in one file', async () => {
    expect(await problemsOf('invalid/two-executable-processes')).toEqual([
      problem('', 'definitions', /2 processes and 2 of them are executable \(first, second\); Shouwen runs exactly one/),
    ]);
  });

  it('a user task with nobody named is offered to the process owners up the tree, with a warning (issue 13 §8)', async () => {
    const result = await compileBpmn(fixture('invalid/no-assignee'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.elements['orphan']).toMatchObject({ candidateGroups: ['process_owner'], candidateScope: 'ancestors', candidateUsers: [] });
    expect(result.warnings).toEqual([expect.objectContaining({ elementId: 'orphan', code: 'bpmn.userTask.toProcessOwners' })]);
  });

  it('candidate groups and users given as FEEL', async () => {
    expect(await problemsOf('invalid/candidate-feel')).toEqual([
      problem('dynamic', 'userTask', /Candidate groups given as FEEL \("=groups"\) are not supported/),
      problem('dynamic', 'userTask', /Candidate users given as FEEL .* are not supported/),
    ]);
  });

  it('service task without a type is refused; a type Shouwen does not ship is a job for a worker of your own (a warning, see job-workers.test.ts)', async () => {
    expect(await problemsOf('invalid/service-task-type', { taskTypes: ['notify'] })).toEqual([problem('untyped', 'serviceTask', /has no task type/)]);
    expect(await problemsOf('invalid/service-task-type')).toEqual([problem('untyped', 'serviceTask', /has no task type/)]);
  });

  it('FEEL that does not parse, wherever FEEL is allowed', async () => {
    expect(await problemsOf('invalid/feel-syntax')).toEqual([
      problem('badAssignee', 'userTask', /^FEEL does not parse: "manager\(" \(assignee/),
      problem('badMapping', 'serviceTask', /^FEEL does not parse: "customer\.phone \+" \(input mapping to "recipient"/),
      problem('badScript', 'scriptTask', /^FEEL does not parse: "if a then b" \(script/),
      problem('badTimer', 'intermediateCatchEvent', /^FEEL does not parse: "duration\(" \(timer duration/),
      problem('badKey', 'intermediateCatchEvent', /^FEEL does not parse: "order\.\(id" \(correlation key/),
      problem('badCondition', 'sequenceFlow', /^FEEL does not parse: "amount >" \(condition/),
    ]);
  });

  it('literal timers that are not ISO 8601, timer cycles, bad due dates', async () => {
    expect(await problemsOf('invalid/bad-timers')).toEqual([
      problem('badDuration', 'intermediateCatchEvent', /Timer duration "2 hours" is not a valid ISO 8601 duration/),
      problem('monthDuration', 'intermediateCatchEvent', /Timer duration "P1M" is not a valid ISO 8601 duration/),
      problem('badDate', 'intermediateCatchEvent', /Timer date "2025-13-01" is not a valid ISO 8601 date-time/),
      problem('cycle', 'intermediateCatchEvent', /repeating timer \(time cycle\) only works on a non-interrupting boundary event/),
      problem('badDue', 'userTask', /Due date "tomorrow" is not a valid ISO 8601 date-time/),
      problem('zeroDays', 'userTask', /working days must be a whole number greater than zero/),
    ]);
  });

  it('exclusive gateway whose conditions may all be false and has no default', async () => {
    expect(await problemsOf('invalid/gateway-no-default')).toEqual([
      {
        elementId: 'approved',
        elementType: 'exclusiveGateway',
        elementName: '审批通过？',
        message: 'Exclusive gateway has no default flow; if no condition matches the case would stop here.',
        code: 'bpmn.gateway.noDefault',
      },
    ]);
  });

  it('gateway flow with neither a condition nor default status', async () => {
    expect(await problemsOf('invalid/gateway-missing-condition')).toEqual([
      problem('valid', 'exclusiveGateway', /^Outgoing flow "其他" of this exclusive gateway has no condition and is not the default flow/),
    ]);
    // A flow drawn in bpmn-js has no name: it is named by where it leads, never by its id.
    const unnamed = fixture('invalid/gateway-missing-condition').replace(' name="其他"', '');
    const result = await compileBpmn(unnamed);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({
        code: 'bpmn.gateway.flowWithoutCondition',
        message: expect.stringMatching(/^Outgoing flow to an end event of this exclusive gateway has no condition/),
        params: { flow: 'unguarded', flowTargetType: 'endEvent' },
      }),
    ]);
  });

  it('conditions on flows that do not leave an exclusive or inclusive gateway', async () => {
    expect(await problemsOf('invalid/condition-outside-gateway')).toEqual([
      problem('fromTask', 'sequenceFlow', /condition but leaves a user task/),
      problem('fromParallel', 'sequenceFlow', /condition but leaves a parallel gateway/),
    ]);
  });

  it('unknown form (only when form ids are given)', async () => {
    expect(await problemsOf('invalid/unknown-form', { formIds: ['complaint-register'] })).toEqual([
      problem('register', 'userTask', /Form "complaint-registr" does not exist/),
    ]);
    await compiled('invalid/unknown-form');
  });

  it('call activity calling an unknown, missing or FEEL-chosen process', async () => {
    expect(await problemsOf('invalid/unknown-called-process', { processKeys: ['customer-info'] })).toEqual([
      problem('callUnknown', 'callActivity', /Called process "customer-infos" is not deployed/),
      problem('callNothing', 'callActivity', /does not say which process to call/),
      problem('callFeel', 'callActivity', /chosen by FEEL .* not supported/),
    ]);
  });

  it('unreachable elements, at process level and inside a sub-process', async () => {
    expect(await problemsOf('invalid/unreachable')).toEqual([
      problem('island', 'userTask', /cannot be reached from the start event/),
      problem('subIsland', 'userTask', /cannot be reached from the start event/),
    ]);
  });

  it('element with no outgoing flow', async () => {
    expect(await problemsOf('invalid/dead-end')).toEqual([
      { elementId: 'stuck', elementType: 'userTask', elementName: 'stuck', message: 'User task has no outgoing flow: a token arriving here would get stuck.', code: 'bpmn.node.noOutgoing' },
    ]);
  });

  it('elements from which no end event can be reached', async () => {
    expect(await problemsOf('invalid/endless-loop')).toEqual([
      problem('start', 'startEvent', /No end event can be reached/),
      problem('a', 'userTask', /No end event can be reached/),
      problem('b', 'userTask', /No end event can be reached/),
    ]);
  });

  it('unsupported flow nodes are named, never dropped', async () => {
    expect(await problemsOf('invalid/unsupported-elements')).toEqual([
      problem('manual', 'manualTask', /^Manual task "打包寄出" is not supported by Shouwen/),
      problem('send', 'sendTask', /^Send task is not supported/),
      problem('receive', 'receiveTask', /^Message event has no message name/),
      problem('plainTask', 'task', /^Task is not supported/),
      problem('complexGw', 'complexGateway', /^Complex gateway is not supported/),
      // Event sub-processes run since issue 13, but not one started by an escalation.
      problem('eventSubStart', 'startEvent', /^An event sub-process started by an escalation event is not supported/),
      problem('tx', 'transaction', /^Transaction is not supported/),
      problem('adhoc', 'adHocSubProcess', /^Ad hoc sub-process is not supported/),
      // Supported since issue 13, but this one has a single way out (a none throw event is a milestone).
      problem('eventGw', 'eventBasedGateway', /^An event-based gateway needs two or more outgoing flows/),
    ]);
    // A business rule task with zeebe:calledDecision is supported since DMN (issue 13): not among them.
  });

  it('start events with a message or a timer trigger compile since issue 13 (details: test/compile-messages.test.ts, test/timer-start-compile.test.ts)', async () => {
    const result = await compileBpmn(fixture('invalid/unsupported-start'));
    expect(result.ok && Object.values(result.model.elements).filter((e) => e.type === 'startEvent').map((e) => ({ id: e.id, trigger: e.type === 'startEvent' && (e.trigger?.kind ?? (e.timer ? 'timer' : 'none')) }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'messageStart', trigger: 'message' }), expect.objectContaining({ id: 'timerStart', trigger: 'timer' })]),
    );
  });

  it('several plain start events, or none in a sub-process', async () => {
    expect(await problemsOf('invalid/start-events')).toEqual([
      problem('sub', 'subProcess', /Sub-process has no start event/),
      problem('start-events', 'process', /Process has 2 start events \(start1, start2\)/),
    ]);
  });

  it('events missing their error, message or trigger; unsupported triggers', async () => {
    expect(await problemsOf('invalid/incomplete-events')).toEqual([
      problem('noMessage', 'intermediateCatchEvent', /has no message name/),
      problem('noTrigger', 'intermediateCatchEvent', /has no trigger/),
      problem('emptyTimer', 'intermediateCatchEvent', /Timer has no duration or date/),
      problem('signal', 'intermediateCatchEvent', /Signal event has no signal name/),
      problem('noErrorRef', 'endEvent', /does not reference an error/),
      problem('noCode', 'endEvent', /Error "无代码错误" has no error code/),
      problem('escalation', 'endEvent', /with an escalation trigger is not supported/),
    ]);
  });

  it('multi-instance that is sequential, has another completion condition, or is not on a user task', async () => {
    expect(await problemsOf('invalid/multi-instance')).toEqual([
      problem('sequential', 'userTask', /Sequential multi-instance is not supported/),
      problem('oddCompletion', 'userTask', /Completion condition "=approved = true" is not supported/),
      problem('miService', 'serviceTask', /Multi-instance on a service task is not supported/),
    ]);
  });

  it('boundary events on activities that cannot carry them', async () => {
    expect(await problemsOf('invalid/boundary-hosts')).toEqual([
      problem('errorOnUserTask', 'boundaryEvent', /An error boundary event on a user task is not supported/),
      problem('timerOnScript', 'boundaryEvent', /A timer boundary event on a script task is not supported/),
    ]);
  });

  it('extensions Shouwen would silently ignore', async () => {
    expect(await problemsOf('invalid/ignored-extensions')).toEqual([
      problem('withMappings', 'userTask', /Execution listeners on a user task are not supported/),
      problem('withMappings', 'userTask', /Attribute "camunda:assignee" .* not a Camunda 8 property/),
    ]);
  });
});

describe('compileBpmn: hash', () => {
  const complaint = fixture('camunda/complaint');

  it('identical XML gives an identical hash, and the hash matches the content', async () => {
    const a = await modelOf(complaint);
    const b = await modelOf(complaint);
    expect(a.hash).toBe(b.hash);
    expect(hashProcessModel(a)).toBe(a.hash);
  });

  it('moving shapes and edges (DI only) does not change the hash', async () => {
    const moved = complaint
      .replace('<dc:Bounds x="270" y="180" width="100" height="80" />', '<dc:Bounds x="300" y="210" width="100" height="80" />')
      .replace(/<di:waypoint x="206" y="220" \/>/, '<di:waypoint x="206" y="250" />');
    expect(moved).not.toBe(complaint);
    expect((await modelOf(moved)).hash).toBe((await modelOf(complaint)).hash);
  });

  it('changing a condition changes the hash', async () => {
    const changed = complaint.replace('=isValid = true', '=isValid = true and severity &gt; 1');
    expect(changed).not.toBe(complaint);
    const model = await modelOf(changed);
    expect(model.flows['Flow_Valid']?.condition).toBe('isValid = true and severity > 1');
    expect(model.hash).not.toBe((await modelOf(complaint)).hash);
  });

  it('canonical JSON does not depend on key order', () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]))
          : v;
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(reorder(v)) === canonicalJson(v)));
  });
});

describe('feelSyntaxError', () => {
  it.each(['isValid = true', 'outcome = "approve"', 'if inWarranty then 0 else quotedFee', 'nrOfCompletedInstances >= 2', 'now() + duration("P2D")', '{a: 1}.a'])(
    'accepts %s',
    (expr) => expect(feelSyntaxError(expr)).toBeUndefined(),
  );

  it.each(['a +', '(', 'x = ', '"abc', '', '   '])('rejects %j', (expr) => expect(feelSyntaxError(expr)).toEqual(expect.any(String)));
});

describe('compileBpmn: what a message catch event accepts', () => {
  const xml = (catchAttrs: string, ext: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:message id="m" name="customer-signed"/>
  <bpmn:process id="msg-accepts" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:intermediateCatchEvent id="signed" ${catchAttrs}><bpmn:extensionElements>${ext}</bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="signed"/><bpmn:sequenceFlow id="f2" sourceRef="signed" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;

  it('compiles output mappings (the declared variables) and the sender roles', async () => {
    const model = await modelOf(
      xml('shouwen:candidateGroups="cs_agent, engineering" shouwen:candidateScope="ancestors"', '<zeebe:ioMapping><zeebe:output source="=signedBy" target="signer"/></zeebe:ioMapping>'),
    );
    expect(model.elements.signed).toMatchObject({ outputs: [{ source: 'signedBy', target: 'signer' }], senderGroups: ['cs_agent', 'engineering'], senderScope: 'ancestors' });
  });

  it('leaves both out of the model (and its hash) when the diagram does not say them', async () => {
    const model = await modelOf(xml('', ''));
    expect(model.elements.signed).not.toHaveProperty('outputs');
    expect(model.elements.signed).not.toHaveProperty('senderGroups');
  });

  it('refuses an output whose source is an expression, and input mappings', async () => {
    const result = await compileBpmn(xml('', '<zeebe:ioMapping><zeebe:input source="=1" target="x"/><zeebe:output source="=upper case(signedBy)" target="s"/></zeebe:ioMapping>'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([problem('signed', 'intermediateCatchEvent', /Input mappings on a message catch event/), problem('signed', 'intermediateCatchEvent', /must name one message variable/)]),
    );
  });
});

describe('compileBpmn: shouwen:summary (what a decision is about)', () => {
  const xml = (attrs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="summary" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="approve" name="审批" shouwen:outcomes="approve,reject" ${attrs}><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="approve"/><bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;

  it('carries the variables, in order, with labels for those no form captures', async () => {
    const model = await modelOf(xml('shouwen:summary="amount:申请金额, solutionPlan，compensationAmount"'));
    expect(model.elements.approve).toMatchObject({ summary: [{ variable: 'amount', label: '申请金额' }, { variable: 'solutionPlan' }, { variable: 'compensationAmount' }] });
  });

  it('leaves it out of the model (and its hash) when the diagram does not say it', async () => {
    expect((await modelOf(xml(''))).elements.approve).not.toHaveProperty('summary');
  });

  it('refuses an item that is not a variable name', async () => {
    const result = await compileBpmn(xml('shouwen:summary="amount,1st plan"'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([problem('approve', 'userTask', /Summary item "1st plan"/)]);
  });
});

describe('shouwen:summary in the editor', () => {
  it('survives an import and export by the moddle the properties panel edits (the editor keeps it on save)', async () => {
    const { BpmnModdle } = await import('bpmn-moddle');
    const zeebe = (await import('zeebe-bpmn-moddle/resources/zeebe.json', { with: { type: 'json' } })).default;
    const shouwen = (await import('./shouwen-moddle.json', { with: { type: 'json' } })).default;
    const moddle = new BpmnModdle({ zeebe, shouwen });
    const { rootElement } = await moddle.fromXML(readFileSync(new URL('./processes/demo-approval.bpmn', import.meta.url), 'utf8'));
    const approve = (rootElement as unknown as { rootElements: Array<{ flowElements?: Array<{ id: string; summary?: string }> }> }).rootElements[0]!.flowElements!.find((e) => e.id === 'Approve')!;
    expect(approve.summary).toBe('amount:申请金额');
    approve.summary = 'amount:申请金额,reason';
    const { xml } = await (moddle as unknown as { toXML(e: unknown): Promise<{ xml: string }> }).toXML(rootElement);
    expect(xml).toContain('shouwen:summary="amount:申请金额,reason"');
  });
});
