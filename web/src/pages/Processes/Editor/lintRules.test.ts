import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../Versions/diagramDiff';
import { lintDiagram } from './lintRules';

const diagram = (body: string, name = '测试流程') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://shouwen.dev/test">
  <bpmn:process id="p" name="${name}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
const task = (id: string, name: string, group = 'cs_agent') =>
  `<bpmn:userTask id="${id}" name="${name}">${group ? `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}"/></bpmn:extensionElements>` : ''}</bpmn:userTask>`;
const flow = (id: string, from: string, to: string, condition?: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`;
const lint = async (xml: string) => lintDiagram(await parseDefinitions(xml));
const good = `<bpmn:startEvent id="s"/>${task('t', '受理')}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`;

describe('lint rules in the editor', () => {
  it('a well-formed diagram has no findings', async () => {
    expect(await lint(diagram(good))).toEqual([]);
  });

  it('no-disconnected: an element with no flow, by its name', async () => {
    expect(await lint(diagram(`${good}${task('lost', '孤立步骤')}`))).toEqual([{ rule: 'noDisconnected', elementId: 'lost', name: '孤立步骤', severity: 'error' }]);
  });

  it('end-event-required: a process without an end event, by the process name', async () => {
    expect(await lint(diagram(`<bpmn:startEvent id="s"/>${task('t', '受理')}${flow('f1', 's', 't')}`, '投诉流程'))).toEqual([
      { rule: 'endEventRequired', elementId: 'p', name: '投诉流程', severity: 'error' },
    ]);
  });

  it('a conditional flow leaving a task (an implicit split the engine refuses)', async () => {
    const xml = diagram(`<bpmn:startEvent id="s"/>${task('t', '审核')}<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e', '=amount > 1')}${flow('f3', 't', 'e2')}`);
    expect(await lint(xml)).toEqual([{ rule: 'noConditionalImplicitSplit', elementId: 't', name: '审核', severity: 'error' }]);
  });

  it('a user task with neither candidates nor an assignee (a warning)', async () => {
    expect(await lint(diagram(`<bpmn:startEvent id="s"/>${task('t', '受理', '')}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`))).toEqual([
      { rule: 'userTaskCandidates', elementId: 't', name: '受理', severity: 'warn' },
    ]);
  });

  it('a gateway whose conditions may all be false and has no default flow', async () => {
    const body = (dflt: string) =>
      `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" name="金额?"${dflt}/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 'g')}${flow('big', 'g', 'e', '=amount > 1000')}${flow('small', 'g', 'e2', dflt ? undefined : '=amount &lt; 100')}`;
    expect(await lint(diagram(body('')))).toEqual([{ rule: 'gatewayDefault', elementId: 'g', name: '金额?', severity: 'error' }]);
    expect(await lint(diagram(body(' default="small"')))).toEqual([]);
  });

  it('every shipped process passes every rule', async () => {
    const dir = 'bpmn/processes';
    const files = (await readdir(dir)).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(await lint(await readFile(`${dir}/${file}`, 'utf8')), file).toEqual([]);
  });
});
