import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../Versions/diagramDiff';
import { loadAllZh } from '../../../i18n/catalog';
import { interpolate } from '../../../i18n/interpolate';
import { zh } from '../../../i18n/messages';
import { modelElementLabel } from '../../../lib/problems';
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
    expect(await lint(diagram(`${good}${task('lost', '孤立步骤')}`))).toEqual([{ rule: 'noDisconnected', elementId: 'lost', elementType: 'userTask', elementName: '孤立步骤', severity: 'error' }]);
  });

  it('end-event-required: a process without an end event, by the process name', async () => {
    expect(await lint(diagram(`<bpmn:startEvent id="s"/>${task('t', '受理')}${flow('f1', 's', 't')}`, '投诉流程'))).toEqual([
      { rule: 'endEventRequired', elementId: 'p', elementType: 'process', elementName: '投诉流程', severity: 'error' },
    ]);
  });

  it('a conditional flow leaving a task (an implicit split the engine refuses)', async () => {
    const xml = diagram(`<bpmn:startEvent id="s"/>${task('t', '审核')}<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e', '=amount > 1')}${flow('f3', 't', 'e2')}`);
    expect(await lint(xml)).toEqual([{ rule: 'noConditionalImplicitSplit', elementId: 't', elementType: 'userTask', elementName: '审核', severity: 'error' }]);
  });

  it('a user task with neither candidates nor an assignee (a warning)', async () => {
    expect(await lint(diagram(`<bpmn:startEvent id="s"/>${task('t', '受理', '')}<bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`))).toEqual([
      { rule: 'userTaskCandidates', elementId: 't', elementType: 'userTask', elementName: '受理', severity: 'warn' },
    ]);
  });

  it('a gateway whose conditions may all be false and has no default flow', async () => {
    const body = (dflt: string) =>
      `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" name="金额?"${dflt}/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 'g')}${flow('big', 'g', 'e', '=amount > 1000')}${flow('small', 'g', 'e2', dflt ? undefined : '=amount &lt; 100')}`;
    expect(await lint(diagram(body('')))).toEqual([{ rule: 'gatewayDefault', elementId: 'g', elementType: 'exclusiveGateway', elementName: '金额?', severity: 'error' }]);
    expect(await lint(diagram(body(' default="small"')))).toEqual([]);
  });

  it('an element without a name is named by its kind, never by its id', async () => {
    await loadAllZh();
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    const findings = await lint(diagram(`<bpmn:startEvent id="s"/><bpmn:userTask id="Activity_0x9f"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'Activity_0x9f')}${flow('f2', 'Activity_0x9f', 'e')}`));
    expect(findings).toEqual([{ rule: 'userTaskCandidates', elementId: 'Activity_0x9f', elementType: 'userTask', severity: 'warn' }]);
    // As the list under 绘图检查 words it (LintList.tsx).
    expect(t('lint.userTaskCandidates', { element: modelElementLabel({ ...findings[0]!, message: '' }, t) ?? '' })).toBe('未命名的人工任务未指定候选角色或办理人：将交给流程负责人办理');
    expect(t('lint.gatewayDefault', { element: modelElementLabel({ elementId: 'g', elementType: 'exclusiveGateway', elementName: '金额?', message: '' }, t) ?? '' })).toBe(
      '「金额?」的条件可能都不成立，且没有默认流：请把一条流设为默认流',
    );
  });

  it('every shipped process passes every rule', async () => {
    const dir = 'bpmn/processes';
    const files = (await readdir(dir)).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(await lint(await readFile(`${dir}/${file}`, 'utf8')), file).toEqual([]);
  });
});
