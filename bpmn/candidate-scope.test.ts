import { describe, expect, it } from 'vitest';
import { compileBpmn } from './compile';

// shouwen:candidateScope — may a candidate group's role be held above the case's unit?

const diagram = (taskAttrs: string, assignment = 'candidateGroups="general_manager"') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
    xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://shouwen.dev/test">
  <bpmn:process id="scope" name="上级审批" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="approve" name="总经理审批" ${taskAttrs}>
      <bpmn:extensionElements><zeebe:assignmentDefinition ${assignment}/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="approve"/>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;

async function compiled(taskAttrs: string) {
  const result = await compileBpmn(diagram(taskAttrs));
  expect(result.problems).toEqual([]);
  if (!result.ok) throw new Error('expected the diagram to compile');
  return result.model;
}

describe('shouwen:candidateScope', () => {
  it('"ancestors" is kept on the user task', async () => {
    const m = await compiled('shouwen:candidateScope="ancestors"');
    expect(m.elements['approve']).toMatchObject({ type: 'userTask', candidateGroups: ['general_manager'], candidateScope: 'ancestors' });
  });

  it('absent or "unit" (the default) leaves the model, and so its hash, as before the attribute existed', async () => {
    const none = await compiled('');
    const unit = await compiled('shouwen:candidateScope="unit"');
    expect(none.elements['approve']).not.toHaveProperty('candidateScope');
    expect(unit).toEqual(none);
    expect((await compiled('shouwen:candidateScope="ancestors"')).hash).not.toBe(none.hash);
  });

  it('an unknown scope is a problem on the task', async () => {
    const result = await compileBpmn(diagram('shouwen:candidateScope="everywhere"'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        elementId: 'approve',
        elementType: 'userTask',
        elementName: '总经理审批',
        code: 'bpmn.candidateScope.unknown',
        params: { scope: 'everywhere' },
        message: expect.stringMatching(/Candidate scope "everywhere" is not known.*"unit".*"ancestors"/),
      },
    ]);
  });

  it('"ancestors" without a candidate group is a problem: there is no role to look for up the tree', async () => {
    const result = await compileBpmn(diagram('shouwen:candidateScope="ancestors"', 'assignee="zj.cs_manager"'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { elementId: 'approve', elementType: 'userTask', elementName: '总经理审批', code: 'bpmn.candidateScope.noGroup', message: expect.stringMatching(/has no candidate group/) },
    ]);
  });
});

describe('shouwen:candidateDepartment', () => {
  it('FEEL that does not parse is refused naming the task and the field, as the editor says it under the field (feelCheck.ts)', async () => {
    const result = await compileBpmn(diagram('shouwen:candidateDepartment="=responsibleDepartment +"'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        elementId: 'approve',
        code: 'bpmn.feel.syntax',
        params: expect.objectContaining({ place: 'candidateDepartment', expr: 'responsibleDepartment +' }),
        message: expect.stringMatching(/^FEEL does not parse: "responsibleDepartment \+" \(candidate department/),
      }),
    ]);
    expect((await compileBpmn(diagram('shouwen:candidateDepartment="=responsibleDepartment"'))).ok).toBe(true);
  });
});
