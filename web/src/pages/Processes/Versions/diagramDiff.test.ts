import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffDiagrams } from './diagramDiff';

const complaint = readFileSync(new URL('../../../../../bpmn/processes/complaint.bpmn', import.meta.url), 'utf8');

describe('diffDiagrams', () => {
  it('finds nothing between a diagram and itself', async () => {
    expect(await diffDiagrams(complaint, complaint)).toEqual({ changes: [], moved: [] });
  });

  it('lists a renamed step with its name before and after, the other way round too', async () => {
    const renamed = complaint.replace('name="受理投诉并记录投诉内容"', 'name="受理客户投诉"');
    const forward = await diffDiagrams(complaint, renamed);
    expect(forward.changes).toEqual([
      { id: 'Activity_RegisterComplaint', kind: 'changed', type: 'userTask', name: '受理客户投诉', properties: [{ property: 'name', before: '受理投诉并记录投诉内容', after: '受理客户投诉' }] },
    ]);
    const back = await diffDiagrams(renamed, complaint);
    expect(back.changes[0]!.properties).toEqual([{ property: 'name', before: '受理客户投诉', after: '受理投诉并记录投诉内容' }]);
  });

  it("sees Shouwen's and Zeebe's settings and the documentation, which the differ alone misses or swaps", async () => {
    const changed = complaint
      .replace('shouwen:dueWorkingDays="3"', 'shouwen:dueWorkingDays="5"')
      .replace('客服经理研究有关部门', '经理研究有关部门')
      .replace(/(<bpmn:userTask id="Activity_ManagerApproval"[\s\S]*?candidateGroups=")[^"]+"/, '$1general_manager"');
    const { changes } = await diffDiagrams(complaint, changed);
    const byId = Object.fromEntries(changes.map((c) => [c.id, c]));
    expect(byId.Activity_Triage?.properties).toEqual([{ property: 'dueWorkingDays', before: '3', after: '5' }]);
    const approval = byId.Activity_ManagerApproval!;
    expect(approval.name).toBe('客服经理审批');
    expect(approval.properties.map((p) => p.property)).toEqual(['zeebe:AssignmentDefinition.candidateGroups', 'documentation']);
    expect(approval.properties[0]).toMatchObject({ before: 'cs_manager', after: 'general_manager' });
    expect(changes).toHaveLength(2);
  });

  it('lists added and removed elements (added first), and a reconnected flow by the names it joins', async () => {
    const added = complaint.replace(/<\/bpmn:process>/, '<bpmn:userTask id="Activity_GM" name="总经理审批"/></bpmn:process>');
    const a = await diffDiagrams(complaint, added);
    expect(a.changes).toEqual([{ id: 'Activity_GM', kind: 'added', type: 'userTask', name: '总经理审批', properties: [] }]);
    const r = await diffDiagrams(added, complaint);
    expect(r.changes).toEqual([{ id: 'Activity_GM', kind: 'removed', type: 'userTask', name: '总经理审批', properties: [] }]);

    const flow = /<bpmn:sequenceFlow id="([^"]+)"[^>]*targetRef="Activity_ManagerApproval"/.exec(complaint)!;
    const rewired = complaint.replace(flow[0], flow[0].replace('targetRef="Activity_ManagerApproval"', 'targetRef="Activity_Triage"'));
    const w = await diffDiagrams(complaint, rewired);
    expect(w.changes.find((c) => c.id === flow[1])?.properties).toEqual([{ property: 'targetRef', before: '客服经理审批', after: '转交处理（初步分析）' }]);
  });

  it('leaves a moved shape out of the list but reports it as moved', async () => {
    const bounds = /(<bpmndi:BPMNShape id="[^"]+" bpmnElement="Activity_Triage"[^>]*>\s*<dc:Bounds x=")(\d+)/.exec(complaint)!;
    const moved = complaint.replace(bounds[0], `${bounds[1]}${Number(bounds[2]) + 40}`);
    expect(await diffDiagrams(complaint, moved)).toEqual({ changes: [], moved: ['Activity_Triage'] });
  });
});
