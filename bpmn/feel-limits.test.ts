import { describe, expect, it } from 'vitest';
import { compileBpmn } from './compile';
import { feelBudgetProblem } from './feel-limits';

const diagram = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t"><bpmn:process id="hugeLoop" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const script = (id: string, expression: string) =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>`;

describe('feelBudgetProblem: what the text shows is over the FEEL budget', () => {
  it.each([
    ['count(for i in 1..100000000 return i)', /iterates i in 1\.\.100000000, more than the 100000 steps/],
    ['some i in -5..200000 satisfies i = 3', /iterates i in -5\.\.200000/],
    ['for i in 1..1000, j in 1..1000 return i', /iterates j in 1\.\.1000 \(with the iterations around it, 1\.0e\+6 times\)/],
    ['for i in 1..1000 return for j in 1..1000 return j', /iterates j in 1\.\.1000 \(with the iterations around it/],
    ['sum(for x in items return count(for k in 0..999999 return k))', /iterates k in 0\.\.999999/],
  ])('refuses %s', (expr, why) => expect(feelBudgetProblem(expr)).toMatch(why));

  it.each(['for i in 1..1000 return i * 2', 'for i in 1..n return i', 'for x in items, i in 1..100 return x', 'every i in 1..100 satisfies i > 0', 'a + b', 'for i in 1..300, j in 1..300 return i'])(
    'leaves %s to the run-time budget',
    (expr) => expect(feelBudgetProblem(expr)).toBeUndefined(),
  );

  it('is reported at deploy, naming the element', async () => {
    const xml = diagram(
      `<bpmn:startEvent id="start"/>${script('huge', '=count(for i in 1..100000000 return i)')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'huge')}${flow('f2', 'huge', 'end')}`,
    );
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        elementId: 'huge',
        elementType: 'scriptTask',
        elementName: 'huge',
        code: 'feel.overBudget',
        params: { expr: 'count(for i in 1..100000000 return i)', where: 'script', place: 'script' },
        message: 'FEEL would exceed the evaluation budget: "count(for i in 1..100000000 return i)" (script: it iterates i in 1..100000000, more than the 100000 steps one expression may take).',
      },
    ]);
  });
});
