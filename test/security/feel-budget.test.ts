import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, type Engine } from '../engine-harness';

// Issue 11 §1: one diagram must not stop every case. What the compiler can see of it is refused
// (a FEEL range over the evaluation budget) or pointed out (a loop with no wait state) through the
// API the editor and the CLI use; the run-time half is in test/engine/hostile-diagrams.test.ts.

const script = (id: string, expression: string, resultVariable = 'r') =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

describe('FEEL budget and waitless loops at deploy', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('feel-budget');
  });
  afterAll(async () => e?.close());

  /** POST as the process owner asking for a language (Accept-Language), as an English-speaking client would. */
  const postIn = async (lang: string, url: string, payload: object) => {
    const res = await e.stack.app.inject({ method: 'POST', url, headers: { cookie: await e.cookie('hq.process_owner'), 'accept-language': lang }, payload });
    return { statusCode: res.statusCode, body: res.json() };
  };

  it('refuses a literal range over the budget, naming the element, with a stable code', async () => {
    const xml = bpmnXml(
      uniqueKey('huge'),
      `<bpmn:startEvent id="s"/>${script('huge', '=count(for i in 1..100000000 return i)')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'huge')}${flow('f2', 'huge', 'e')}`,
    );
    // In Chinese by default, worded from the catalog the editor words it with; the compiler's English on request. Same code, path, element.
    const res = await e.deploy(xml);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatchObject({ code: 'process.invalid', detail: '流程图有 1 个问题，未部署。' });
    expect((res.body as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.xml#huge', elementId: 'huge', elementType: 'scriptTask', code: 'feel.overBudget', message: '「huge」：FEEL 表达式过于复杂，会超出计算预算。' }),
    ]);
    const en = await postIn('en', '/api/processes', { xml, changeNote: 'test deploy' });
    expect(en.statusCode).toBe(422);
    expect((en.body as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.xml#huge', elementId: 'huge', elementType: 'scriptTask', code: 'feel.overBudget', message: expect.stringMatching(/^“huge”: .*more than the 100000 steps one expression may take/) }),
    ]);
  });

  it('validates and deploys a loop with no wait state, with a warning that names the loop', async () => {
    const key = uniqueKey('loop');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${script('count', '=if n = null then 1 else n + 1', 'n')}<bpmn:exclusiveGateway id="again" default="back"/><bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'e', '=n > 3')}${flow('back', 'again', 'count')}`,
    );
    const warning = expect.objectContaining({
      elementId: 'count',
      code: 'loop.noWaitState',
      elementIds: ['count', 'again'],
      message: '「count」：循环 「count」 → 未命名的排他网关 → 「count」 上没有等待节点（人工任务、服务任务、定时器或消息），每一圈都会立即执行。请确认有条件能在几圈后结束循环，否则一直循环的案例会成为故障。',
    });
    const english = expect.objectContaining({ elementId: 'count', code: 'loop.noWaitState', elementIds: ['count', 'again'], message: expect.stringMatching(/^“count”: Loop with no wait state: "count" → unnamed exclusive gateway → "count"\./) });
    // bpmnXml names the process by its key, which is no name of its own: validate and deploy say so, in the caller's language, of the whole file.
    const noName = expect.objectContaining({ code: 'bpmn.process.noName', elementId: '', params: { key }, message: `流程没有名称：列表、案例和报表中会显示为“未命名流程（${key}）”。请在流程的属性中填写名称。` });
    const noNameEnglish = expect.objectContaining({ code: 'bpmn.process.noName', elementId: '', params: { key }, message: `The process has no name: lists, cases and reports show it as “Unnamed process (${key})”. Name it in the process properties.` });
    const checked = await e.post('hq.process_owner', '/api/processes/validate', { xml });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toEqual({ ok: true, problems: [], warnings: [warning, noName] });
    expect((await postIn('en-US,en;q=0.9', '/api/processes/validate', { xml })).body).toEqual({ ok: true, problems: [], warnings: [english, noNameEnglish] });
    const deployed = await e.deploy(xml);
    expect(deployed.statusCode).toBe(201);
    expect(deployed.body).toEqual(expect.objectContaining({ created: true, warnings: [warning, noName] }));
    const again = await e.deploy(xml);
    expect(again.body).toEqual(expect.objectContaining({ created: false, warnings: [warning, noName] }));
    expect((await postIn('en', '/api/processes', { xml, changeNote: 'test deploy' })).body).toEqual(expect.objectContaining({ created: false, warnings: [english, noNameEnglish] }));
  });
});
