import { describe, expect, it } from 'vitest';
import { FeelErrorsModule, feelFieldErrors, type FeelElement } from './feelErrors';

// A moddle element as the panel sees it: `get` by property name, `$type`.
type Props = Record<string, unknown>;
const moddle = ($type: string, props: Props = {}) => ({ $type, get: (name: string) => props[name] });
const withExtensions = (id: string, props: Props, ...values: ReturnType<typeof moddle>[]): FeelElement => ({
  id,
  businessObject: moddle('bpmn:Any', { ...props, extensionElements: moddle('bpmn:ExtensionElements', { values }) }),
});

describe('FEEL errors under the Camunda panel fields', () => {
  it('names each broken field by the panel entry it belongs to', () => {
    const task = withExtensions(
      'review',
      { 'shouwen:candidateDepartment': '=responsibleDepartment +' },
      moddle('zeebe:AssignmentDefinition', { assignee: '=manager(', candidateGroups: 'cs_manager' }),
      moddle('zeebe:TaskSchedule', { dueDate: '=now() +' }),
      moddle('zeebe:IoMapping', { inputParameters: [moddle('zeebe:Input', { source: '=amount' }), moddle('zeebe:Input', { source: '=customer.phone +' })], outputParameters: [] }),
    );
    expect(Object.keys(feelFieldErrors(task)).sort()).toEqual(['assignmentDefinitionAssignee', 'review-input-1-source', 'shouwen-candidate-department', 'taskScheduleDueDate']);
    expect(feelFieldErrors(task).assignmentDefinitionAssignee).toContain('FEEL 表达式不完整');
  });

  it('a sequence flow condition, a script and a timer', () => {
    const flow: FeelElement = { id: 'f', businessObject: moddle('bpmn:SequenceFlow', { conditionExpression: moddle('bpmn:FormalExpression', { body: '=amount >' }) }) };
    expect(feelFieldErrors(flow)).toEqual({ conditionExpression: expect.stringContaining('FEEL') });
    const script = withExtensions('calc', {}, moddle('zeebe:Script', { expression: '=if a then b' }));
    expect(Object.keys(feelFieldErrors(script))).toEqual(['scriptExpression']);
    const timer: FeelElement = { id: 't', businessObject: moddle('bpmn:IntermediateCatchEvent', { eventDefinitions: [moddle('bpmn:TimerEventDefinition', { timeDuration: moddle('bpmn:FormalExpression', { body: '=duration(' }) })] }) };
    expect(Object.keys(feelFieldErrors(timer))).toEqual(['timerEventDefinitionValue']);
  });

  it('says nothing about expressions that parse and literals', () => {
    const ok = withExtensions('ok', { 'shouwen:candidateDepartment': '质量管理部' }, moddle('zeebe:AssignmentDefinition', { assignee: '=initiator', candidateGroups: 'cs_agent' }), moddle('zeebe:TaskSchedule', { dueDate: '2026-01-01T00:00:00Z' }));
    expect(feelFieldErrors(ok)).toEqual({});
    expect(feelFieldErrors({ id: 'f', businessObject: moddle('bpmn:SequenceFlow', { conditionExpression: moddle('bpmn:FormalExpression', { body: '=amount > 1000' }) }) })).toEqual({});
  });

  it('publishes the selected element\'s errors to the panel after a change, and none without a single selection', async () => {
    const handlers: Array<() => void> = [];
    const fired: unknown[] = [];
    let selected: FeelElement[] = [{ id: 'f', businessObject: moddle('bpmn:SequenceFlow', { conditionExpression: moddle('bpmn:FormalExpression', { body: '=amount >' }) }) }];
    const Ctor = FeelErrorsModule.shouwenFeelErrors[1] as new (bus: unknown, sel: unknown) => unknown;
    new Ctor({ on: (_e: unknown, fn: () => void) => handlers.push(fn), fire: (event: string, data: unknown) => fired.push([event, data]) }, { get: () => selected });
    handlers[0]!();
    await Promise.resolve();
    expect(fired).toEqual([['propertiesPanel.setErrors', { errors: { conditionExpression: expect.stringContaining('FEEL') } }]]);
    selected = [];
    handlers[0]!();
    await Promise.resolve();
    expect(fired[1]).toEqual(['propertiesPanel.setErrors', { errors: {} }]);
  });
});
