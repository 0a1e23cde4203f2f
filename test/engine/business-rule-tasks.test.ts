import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDmn } from '../../bpmn/dmn/compile';
import type { DecisionModel } from '../../bpmn/dmn/model';
import { bpmnXml, flow, uniqueKey } from '../bpmn-xml';
import { compileFixture, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

// Issue 13 §3: a business rule task evaluates a deployed DMN decision and puts its result in a
// variable the rest of the diagram reads; a decision that cannot give a result is an incident.

const ruleTask = (decisionId: string) =>
  `<bpmn:businessRuleTask id="grade" name="评定信用等级"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="grading"/></bpmn:extensionElements></bpmn:businessRuleTask>`;

const diagram = (key: string, decisionId: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${ruleTask(decisionId)}
     <bpmn:exclusiveGateway id="good" default="toReview"/><bpmn:endEvent id="granted" name="授信"/><bpmn:endEvent id="review" name="人工复核"/>
     ${flow('f1', 'start', 'grade')}${flow('f2', 'grade', 'good')}${flow('toGranted', 'good', 'granted', '=grading.creditLimit > 0')}${flow('toReview', 'good', 'review')}`,
  );

describe('engine: business rule tasks (DMN)', () => {
  let e: EngineEnv;
  let credit: DecisionModel;
  beforeAll(async () => {
    e = await startEngineEnv();
    const r = await compileDmn(await readFile('bpmn/decisions/credit-grading.dmn', 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    credit = r.model;
  });
  afterAll(async () => e?.close());

  it('puts the decision result in the result variable, which the gateway after it reads', async () => {
    const model = await compileFixture(diagram(uniqueKey('credit'), 'creditGrade'));
    expect(model.elements['grade']).toMatchObject({ type: 'businessRuleTask', decisionId: 'creditGrade', resultVariable: 'grading' });
    await e.withWorker(
      async ({ start, stubs }) => {
        const endOf = (caseId: string) => (stubs.calls.find(([name, c]) => name === 'projectCaseEnded' && (c as { caseId: string }).caseId === caseId)?.[1] as { endEvent?: { name: string } })?.endEvent?.name;
        const goodCase = await start(model, { overdueDays: 0, paymentRate: 0.99, annualSales: 8_000_000 });
        expect((await goodCase.result()).variables.grading).toEqual({ creditGrade: 'AAA', creditLimit: 2_000_000 });
        expect(endOf(goodCase.workflowId)).toBe('授信');
        const poorCase = await start(model, { overdueDays: 200, paymentRate: 0.5, annualSales: 10 });
        expect((await poorCase.result()).variables.grading).toEqual({ creditGrade: 'C', creditLimit: 0 });
        expect(endOf(poorCase.workflowId)).toBe('人工复核');
        expect(stubs.calls.filter(([name]) => name === 'evaluateDecision')).toHaveLength(2);
      },
      { decisions: [credit] },
    );
  });

  it('a decision that is not deployed stops its token as an incident naming it', async () => {
    const model = await compileFixture(diagram(uniqueKey('missing'), 'nowhere'));
    await e.withWorker(async ({ start }) => {
      const handle = await start(model, {});
      const s = await stateWhen(handle, (st) => st.incidents.length > 0, 'an incident');
      expect(s.incidents[0]).toMatchObject({ elementId: 'grade', elementName: '评定信用等级' });
      expect(s.incidents[0]!.message).toContain('Decision "nowhere" is not deployed');
    });
  });
});
