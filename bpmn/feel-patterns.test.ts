import { describe, expect, it } from 'vitest';
import { compileBpmn } from './compile';
import { feelPatternProblems } from './feel-patterns';

const diagram = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t"><bpmn:process id="patterns" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const script = (id: string, expression: string) =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>`;

// The FEEL budget refuses these at run time (feel-budget.ts); the diagram's own text shows it at deploy.
describe('feelPatternProblems: literal patterns the budget will refuse', () => {
  it('finds them in matches, replace and split, positional or named, with their flags', () => {
    expect(feelPatternProblems('matches(x, "^(a|a)*$")')).toEqual([{ kind: 'slow', fn: 'matches', pattern: '^(a|a)*$' }]);
    expect(feelPatternProblems('if matches(comment, ".*退款.*赔偿") then 1 else 0')).toEqual([{ kind: 'limited', fn: 'matches', pattern: '.*退款.*赔偿', maxLength: 464 }]);
    expect(feelPatternProblems('replace(input: x, pattern: "a*a*a*b", replacement: "")')).toEqual([{ kind: 'limited', fn: 'replace', pattern: 'a*a*a*b', maxLength: 100 }]);
    expect(feelPatternProblems('split(x, "(x+x+)+y")')).toEqual([{ kind: 'slow', fn: 'split', pattern: '(x+x+)+y' }]);
    expect(feelPatternProblems('matches(x, "A*a*b", "i")')).toEqual([{ kind: 'limited', fn: 'matches', pattern: 'A*a*b', maxLength: 464 }]);
    // Flags not written out: the exponential verdict does not need them, the length assumes the worst (i, m).
    expect(feelPatternProblems('matches(x, "^(a|a)*$", f)')).toEqual([{ kind: 'slow', fn: 'matches', pattern: '^(a|a)*$' }]);
    expect(feelPatternProblems('matches(x, "^A*a*b$", f)')).toEqual([{ kind: 'limited', fn: 'matches', pattern: '^A*a*b$', maxLength: 464 }]);
  });

  it('leaves patterns that stay fast on what fields hold, and patterns not written in the text, to the run-time budget', () => {
    // A cost that does not grow with the text (24 optional letters) is no limit on it.
    expect(feelPatternProblems(`matches(x, "^${'[ab]?'.repeat(24)}$")`)).toEqual([]);
    for (const expr of ['matches(phone, "^1[3-9]\\\\d{9}$")', 'split(x, ",")', 'matches(x, ".*退款.*")', 'matches(x, y)', 'matches(x, "A*a*b")', 'replace(x, "\\\\s+", " ")', 'a + b']) {
      expect(feelPatternProblems(expr), expr).toEqual([]);
    }
  });

  it('is said at deploy: an always-refused pattern stops it, a length-limited one is a warning', async () => {
    const slow = await compileBpmn(
      diagram(`<bpmn:startEvent id="start"/>${script('check', '=matches(x, &quot;^(a|a)*$&quot;)')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'check')}${flow('f2', 'check', 'end')}`),
    );
    expect(slow.ok).toBe(false);
    expect(slow.problems).toMatchObject([{ elementId: 'check', code: 'feel.slowPattern', params: { function: 'matches', pattern: '^(a|a)*$' } }]);
    const limited = await compileBpmn(
      diagram(`<bpmn:startEvent id="start"/>${script('check', '=matches(x, &quot;.*退款.*赔偿&quot;)')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'check')}${flow('f2', 'check', 'end')}`),
    );
    expect(limited.ok).toBe(true);
    expect(limited.ok && limited.warnings).toMatchObject([{ elementId: 'check', code: 'feel.patternTextLimit', params: { function: 'matches', pattern: '.*退款.*赔偿', maxLength: 464 } }]);
  });
});
