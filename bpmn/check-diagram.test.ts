import { describe, expect, it } from 'vitest';
import { modelProblemLine } from '../contract/model-problem-text';
import { checkDiagram } from './check-diagram';

// validate and deploy (API, CLI) tell the owner about a process without a name: it deploys, and shows as 未命名流程（key）.

const diagram = (nameAttr: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="leave-request" ${nameAttr} isExecutable="true"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/></bpmn:process></bpmn:definitions>`;

describe('checkDiagram: a process without a name', () => {
  it('deploys with a warning of the whole file, worded in both languages', async () => {
    for (const nameAttr of ['', 'name=""', 'name="  "', 'name="leave-request"']) {
      const result = await checkDiagram(diagram(nameAttr));
      expect(result.ok).toBe(true);
      expect(result.warnings.map((w) => [w.code, w.elementId, w.params])).toEqual([['bpmn.process.noName', '', { key: 'leave-request' }]]);
      expect(modelProblemLine(result.warnings[0]!, 'zh-CN')).toBe('流程没有名称：列表、案例和报表中会显示为“未命名流程（leave-request）”。请在流程的属性中填写名称。');
    }
  });

  it('says nothing of a named process', async () => {
    expect((await checkDiagram(diagram('name="请假申请"'))).warnings).toEqual([]);
  });
});
