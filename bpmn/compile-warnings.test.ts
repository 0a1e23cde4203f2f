import { describe, expect, it } from 'vitest';
import { compileBpmn } from './compile';

// Warnings never stop a deployment; the one the compiler gives today is a loop of sequence
// flows with no wait state on it (issue 11).

const diagram = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t"><bpmn:process id="loops" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const script = (id: string, name = id) =>
  `<bpmn:scriptTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:script expression="=n + 1" resultVariable="n"/></bpmn:extensionElements></bpmn:scriptTask>`;
const user = (id: string) => `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>`;
const gateway = (id: string, dflt: string) => `<bpmn:exclusiveGateway id="${id}" name="${id}" default="${dflt}"/>`;

async function compiled(body: string) {
  const result = await compileBpmn(diagram(body));
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

describe('compileBpmn: loops with no wait state', () => {
  it('warns about a script task and gateway looping on each other, naming the loop', async () => {
    const result = await compiled(
      `<bpmn:startEvent id="start"/>${script('count', '计数')}${gateway('again', 'back')}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'end', '=n > 3')}${flow('back', 'again', 'count')}`,
    );
    expect(result.warnings).toEqual([
      {
        elementId: 'count',
        elementType: 'scriptTask',
        elementName: '计数',
        code: 'loop.noWaitState',
        elementIds: ['count', 'again'],
        pathElements: [
          { elementId: 'count', elementType: 'scriptTask', elementName: '计数' },
          { elementId: 'again', elementType: 'exclusiveGateway', elementName: 'again' },
        ],
        message: expect.stringMatching(/^Loop with no wait state: "计数" → "again" → "计数"\. Nothing on it waits/),
      },
    ]);
  });

  it('reports each separate loop once, and a loop on a single element', async () => {
    const result = await compiled(
      `<bpmn:startEvent id="start"/>${gateway('g1', 'a')}${script('s1')}${script('s2')}${gateway('g2', 'b')}${gateway('self', 'c')}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'g1')}${flow('a', 'g1', 's1')}${flow('x', 'g1', 'g2', '=n > 1')}${flow('f2', 's1', 's2')}${flow('f3', 's2', 'g1')}
       ${flow('b', 'g2', 'self')}${flow('y', 'g2', 'g2', '=n > 2')}${flow('c', 'self', 'end')}`,
    );
    expect(result.warnings.map((w) => w.elementIds)).toEqual([['g1', 's1', 's2'], ['g2']]);
  });

  it('stays quiet when the loop passes a user task, a timer, or a sub-process that waits', async () => {
    const timer = `<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const sub = `<bpmn:subProcess id="sub"><bpmn:startEvent id="sstart"/>${user('inner')}<bpmn:endEvent id="send"/>${flow('s1', 'sstart', 'inner')}${flow('s2', 'inner', 'send')}</bpmn:subProcess>`;
    for (const waiting of [user('review'), timer, sub]) {
      const id = /id="(\w+)"/.exec(waiting)![1]!;
      const result = await compiled(
        `<bpmn:startEvent id="start"/>${script('count')}${waiting}${gateway('again', 'back')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'count')}${flow('f2', 'count', id)}${flow('f3', id, 'again')}${flow('out', 'again', 'end', '=n > 3')}${flow('back', 'again', 'count')}`,
      );
      expect(result.warnings, id).toEqual([]);
    }
  });

  it('warns inside a sub-process whose own loop does not wait', async () => {
    const result = await compiled(
      `<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="sstart"/>${script('inner')}${gateway('sg', 'sback')}<bpmn:endEvent id="send"/>
         ${flow('s1', 'sstart', 'inner')}${flow('s2', 'inner', 'sg')}${flow('sout', 'sg', 'send', '=n > 3')}${flow('sback', 'sg', 'inner')}</bpmn:subProcess>${user('after')}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'sub')}${flow('f2', 'sub', 'after')}${flow('f3', 'after', 'end')}`,
    );
    expect(result.warnings.map((w) => w.elementIds)).toEqual([['inner', 'sg']]);
  });

  it('comes with refused diagrams too, next to their problems', async () => {
    const result = await compileBpmn(
      diagram(`<bpmn:startEvent id="start"/>${script('count')}${gateway('again', 'back')}<bpmn:endEvent id="end"/><bpmn:task id="orphan"/>
       ${flow('f1', 'start', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'end', '=n > 3')}${flow('back', 'again', 'count')}`),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['loop.noWaitState']);
  });
});
