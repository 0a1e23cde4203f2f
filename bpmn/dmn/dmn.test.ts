import { describe, expect, it } from 'vitest';
import { compileDmn } from './compile';
import { DecisionEvaluationError, evaluateDecision } from './evaluate';
import type { DecisionModel } from './model';

// A conformance table for the hit policies: each case is a small decision table, inputs and
// the outputs (or the error) DMN 1.3 prescribes, including boundaries of ranges.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface TableSpec {
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  outputs: { name: string; values?: string; default?: string }[];
  rules: [string[], string[]][];
}

function dmn(spec: TableSpec, extra = ''): string {
  const inputs = spec.inputs.map((e, i) => `<input id="in${i + 1}" label="输入${i + 1}"><inputExpression id="ie${i + 1}" typeRef="string"><text>${esc(e)}</text></inputExpression></input>`).join('');
  const outputs = spec.outputs
    .map((o, i) => `<output id="out${i + 1}" name="${o.name}">${o.values ? `<outputValues><text>${esc(o.values)}</text></outputValues>` : ''}${o.default ? `<defaultOutputEntry><text>${esc(o.default)}</text></defaultOutputEntry>` : ''}</output>`)
    .join('');
  const rules = spec.rules
    .map(([ins, outs], r) => `<rule id="r${r + 1}">${ins.map((t, i) => `<inputEntry id="r${r + 1}i${i}"><text>${esc(t)}</text></inputEntry>`).join('')}${outs.map((t, i) => `<outputEntry id="r${r + 1}o${i}"><text>${esc(t)}</text></outputEntry>`).join('')}</rule>`)
    .join('');
  const attrs = `${spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : ''}${spec.aggregation ? ` aggregation="${spec.aggregation}"` : ''}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="test" name="测试" namespace="http://shouwen">
  <decision id="d" name="决策"><decisionTable id="t"${attrs}>${inputs}${outputs}${rules}</decisionTable></decision>${extra}
</definitions>`;
}

async function model(xml: string): Promise<DecisionModel> {
  const r = await compileDmn(xml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.model;
}

const grading: TableSpec = {
  inputs: ['score'],
  outputs: [{ name: 'grade', values: '"AAA","AA","A","B","C"' }],
  rules: [
    [['>= 90'], ['"AAA"']],
    [['[80..90)'], ['"AA"']],
    [['[60..80)'], ['"A"']],
    [['< 60'], ['"C"']],
  ],
};

describe('DMN hit policies', () => {
  it.each([
    [89.99, 'AA'],
    [90, 'AAA'],
    [80, 'AA'],
    [79.5, 'A'],
    [60, 'A'],
    [59, 'C'],
  ])('UNIQUE: score %s grades %s (range boundaries included and excluded as written)', async (score, grade) => {
    const out = evaluateDecision(await model(dmn(grading)), 'd', { score });
    expect(out.result).toBe(grade);
    expect(out.evaluated[0]!.matchedRules).toHaveLength(1);
    expect(out.evaluated[0]!.inputs).toEqual([{ id: 'in1', label: '输入1', value: score }]);
  });

  it('UNIQUE: two rules matching is an error naming the decision and both rules', async () => {
    const m = await model(dmn({ ...grading, rules: [...grading.rules, [['> 85'], ['"AA"']]] }));
    const err = (() => {
      try {
        evaluateDecision(m, 'd', { score: 95 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DecisionEvaluationError);
    // The rules by their number in the table (as the editor shows them), not by id.
    expect(err).toMatchObject({ code: 'dmn.unique.multiple', params: { decision: '决策', rules: '1, 5' } });
  });

  it('UNIQUE: no rule matching is an error, unless the output has a default', async () => {
    const m = await model(dmn({ ...grading, rules: grading.rules.slice(0, 1) }));
    expect(() => evaluateDecision(m, 'd', { score: 10 })).toThrow(expect.objectContaining({ code: 'dmn.unique.noMatch' }));
    const withDefault = await model(dmn({ ...grading, outputs: [{ name: 'grade', default: '"待定"' }], rules: grading.rules.slice(0, 1) }));
    expect(evaluateDecision(withDefault, 'd', { score: 10 }).result).toBe('待定');
  });

  it('FIRST takes the first matching rule in table order; none matching gives null', async () => {
    const m = await model(dmn({ hitPolicy: 'FIRST', inputs: ['amount'], outputs: [{ name: 'approver' }], rules: [[['> 10000'], ['"总经理"']], [['> 1000'], ['"客服经理"']], [['-'], ['"客服专员"']]] }));
    expect(evaluateDecision(m, 'd', { amount: 50000 }).result).toBe('总经理');
    expect(evaluateDecision(m, 'd', { amount: 5000 }).evaluated[0]!.matchedRules).toEqual([{ id: 'r2', index: 2 }]);
    expect(evaluateDecision(m, 'd', { amount: 5 }).result).toBe('客服专员');
    const none = await model(dmn({ hitPolicy: 'FIRST', inputs: ['amount'], outputs: [{ name: 'x' }], rules: [[['> 10'], ['1']]] }));
    expect(evaluateDecision(none, 'd', { amount: 5 }).result).toBeNull();
  });

  it('ANY accepts several matches with equal outputs and refuses different ones', async () => {
    const m = await model(dmn({ hitPolicy: 'ANY', inputs: ['a', 'b'], outputs: [{ name: 'ok' }], rules: [[['> 1', '-'], ['true']], [['-', '> 1'], ['true']], [['< 0', '< 0'], ['false']]] }));
    expect(evaluateDecision(m, 'd', { a: 2, b: 2 }).result).toBe(true);
    const clash = await model(dmn({ hitPolicy: 'ANY', inputs: ['a'], outputs: [{ name: 'ok' }], rules: [[['> 1'], ['true']], [['> 0'], ['false']]] }));
    expect(() => evaluateDecision(clash, 'd', { a: 2 })).toThrow(expect.objectContaining({ code: 'dmn.any.conflict', params: expect.objectContaining({ rules: '1, 2' }) }));
  });

  it('PRIORITY picks the match whose output ranks first among the listed values; OUTPUT ORDER lists them by rank', async () => {
    const spec: TableSpec = { hitPolicy: 'PRIORITY', inputs: ['overdueDays', 'sales'], outputs: [{ name: 'grade', values: '"AAA","AA","A","B","C"' }], rules: [[['-', '> 1000000'], ['"AA"']], [['> 90', '-'], ['"C"']], [['-', '> 5000000'], ['"AAA"']]] };
    expect(evaluateDecision(await model(dmn(spec)), 'd', { overdueDays: 100, sales: 6000000 }).result).toBe('AAA');
    expect(evaluateDecision(await model(dmn({ ...spec, hitPolicy: 'OUTPUT ORDER' })), 'd', { overdueDays: 100, sales: 6000000 }).result).toEqual(['AAA', 'AA', 'C']);
  });

  it('RULE ORDER lists every match in table order; COLLECT with SUM, MIN, MAX and COUNT aggregates them', async () => {
    const rules: [string[], string[]][] = [[['> 0'], ['10']], [['> 5'], ['20']], [['> 100'], ['40']], [['-'], ['5']]];
    const base: TableSpec = { inputs: ['x'], outputs: [{ name: 'points' }], rules };
    expect(evaluateDecision(await model(dmn({ ...base, hitPolicy: 'RULE ORDER' })), 'd', { x: 7 }).result).toEqual([10, 20, 5]);
    expect(evaluateDecision(await model(dmn({ ...base, hitPolicy: 'COLLECT' })), 'd', { x: 7 }).result).toEqual([10, 20, 5]);
    const agg = async (aggregation: string, x: number) => evaluateDecision(await model(dmn({ ...base, hitPolicy: 'COLLECT', aggregation })), 'd', { x }).result;
    expect(await agg('SUM', 7)).toBe(35);
    expect(await agg('MIN', 7)).toBe(5);
    expect(await agg('MAX', 700)).toBe(40);
    expect(await agg('COUNT', 700)).toBe(4);
    expect(await agg('COUNT', -1)).toBe(1);
  });

  it('several outputs give a context; input entries test strings, lists of values, negation and the input variable', async () => {
    const m = await model(dmn({ inputs: ['tier', 'amount'], outputs: [{ name: 'level' }, { name: 'days' }], rules: [[['"VIP","大客户"', '<= limit'], ['"快速"', '1']], [['not("VIP","大客户")', '-'], ['"普通"', '3']], [['"VIP","大客户"', '> limit'], ['"审批"', 'amount / 1000']]] }));
    expect(evaluateDecision(m, 'd', { tier: '大客户', amount: 800, limit: 1000 }).result).toEqual({ level: '快速', days: 1 });
    expect(evaluateDecision(m, 'd', { tier: '普通客户', amount: 800, limit: 1000 }).result).toEqual({ level: '普通', days: 3 });
    expect(evaluateDecision(m, 'd', { tier: 'VIP', amount: 5000, limit: 1000 }).result).toEqual({ level: '审批', days: 5 });
  });

  it('a decision reads the results of the decisions it requires (a DRG), each in the trace before it', async () => {
    const xml = dmn(
      { hitPolicy: 'FIRST', inputs: ['score'], outputs: [{ name: 'grade' }], rules: [[['>= 80'], ['"A"']], [['-'], ['"B"']]] },
      '<decision id="score" name="综合得分"><literalExpression id="le"><text>paymentScore * 0.6 + salesScore * 0.4</text></literalExpression></decision>',
    ).replace('<decision id="d" name="决策">', '<decision id="d" name="决策"><informationRequirement id="ir"><requiredDecision href="#score" /></informationRequirement>');
    const out = evaluateDecision(await model(xml), 'd', { paymentScore: 90, salesScore: 70 });
    expect(out.result).toBe('A');
    expect(out.evaluated.map((t) => [t.decisionId, t.result])).toEqual([['score', 82], ['d', 'A']]);
  });

  it('a FEEL failure at evaluation names the decision', async () => {
    const m = await model(dmn({ hitPolicy: 'FIRST', inputs: ['x'], outputs: [{ name: 'y' }], rules: [[['-'], ['count(for i in 1..10000000 return i)']]] }).replace('1..10000000', '1..n'));
    expect(() => evaluateDecision(m, 'd', { x: 1, n: 10_000_000 })).toThrow(expect.objectContaining({ code: 'dmn.feel.failed', params: expect.objectContaining({ decision: '决策' }) }));
  });
});

describe('DMN compile problems', () => {
  const problems = async (xml: string) => {
    const r = await compileDmn(xml);
    return r.ok ? [] : r.problems.map((p) => ({ code: p.code, elementId: p.elementId }));
  };

  it('names the rule whose entry does not parse, and the decision whose input does not', async () => {
    expect(await problems(dmn({ inputs: ['score >'], outputs: [{ name: 'g' }], rules: [[['>= '], ['"A"']]] }))).toEqual([
      { code: 'dmn.feel.syntax', elementId: 'd' },
      { code: 'dmn.feel.syntax', elementId: 'r1' },
    ]);
  });

  it('names the decision of a problem by its name, and says where its FEEL sits by the rule\'s number and the column\'s label', async () => {
    const r = await compileDmn(dmn({ inputs: ['score'], outputs: [{ name: 'g' }], rules: [[['>= 90'], ['"A"']], [['>= '], ['"B"']]] }));
    expect(r.ok ? [] : r.problems).toEqual([
      expect.objectContaining({ elementId: 'r2', elementType: 'rule', elementName: '决策', code: 'dmn.feel.syntax', params: expect.objectContaining({ place: 'dmnRuleInput', rule: 2, column: '输入1' }) }),
    ]);
  });

  it('refuses a missing required decision, a cycle, an unknown hit policy and a rule with the wrong number of entries', async () => {
    const missing = dmn(grading).replace('<decision id="d" name="决策">', '<decision id="d" name="决策"><informationRequirement id="ir"><requiredDecision href="#nowhere" /></informationRequirement>');
    expect(await problems(missing)).toEqual([{ code: 'dmn.requires.unknown', elementId: 'd' }]);
    const cycle = dmn(grading, '<decision id="e"><informationRequirement id="ir2"><requiredDecision href="#d" /></informationRequirement><literalExpression id="le"><text>1</text></literalExpression></decision>').replace(
      '<decision id="d" name="决策">',
      '<decision id="d" name="决策"><informationRequirement id="ir"><requiredDecision href="#e" /></informationRequirement>',
    );
    expect((await problems(cycle)).map((p) => p.code)).toEqual(['dmn.requires.cycle']);
    const cycled = await compileDmn(cycle.replace('<decision id="e">', '<decision id="e" name="额度">'));
    expect(cycled.ok ? [] : cycled.problems.map((p) => p.params)).toEqual([{ path: '决策 → 额度 → 决策' }]);
    expect((await problems(dmn({ ...grading, hitPolicy: 'SOMETIMES' }))).map((p) => p.code)).toEqual(['dmn.hitPolicy.unknown']);
    expect(await problems(dmn({ ...grading, rules: [[['>= 1', '-'], ['"A"']]] }))).toEqual([{ code: 'dmn.rule.columns', elementId: 'r1' }]);
  });

  it('refuses PRIORITY without listed output values, and aggregation outside COLLECT', async () => {
    expect((await problems(dmn({ ...grading, hitPolicy: 'PRIORITY', outputs: [{ name: 'g' }] }))).map((p) => p.code)).toEqual(['dmn.priority.noValues']);
    expect((await problems(dmn({ ...grading, hitPolicy: 'FIRST', aggregation: 'SUM' }))).map((p) => p.code)).toEqual(['dmn.aggregation.notCollect']);
  });

  it('identical content gives the identical hash; a changed rule changes it', async () => {
    const a = await model(dmn(grading));
    expect((await model(dmn(grading))).hash).toBe(a.hash);
    expect((await model(dmn({ ...grading, rules: [[['>= 91'], ['"AAA"']], ...grading.rules.slice(1)] }))).hash).not.toBe(a.hash);
  });

  it('reads what is not XML as a clear problem', async () => {
    expect(await problems('<definitions')).toEqual([{ code: 'dmn.xml.unreadable', elementId: '' }]);
  });

  // Run time refuses these patterns in any case (bpmn/feel-budget.ts); deploy says so first, as for a diagram's FEEL.
  it('refuses a literal pattern that backtracks exponentially, in a rule\'s input test, an output and a literal expression', async () => {
    const slow = '"^(a|a)*b$"';
    const table = await compileDmn(dmn({ hitPolicy: 'FIRST', inputs: ['name'], outputs: [{ name: 'g' }], rules: [[[`matches(?, ${slow})`], ['"A"']], [['-'], [`replace(name, ${slow}, "")`]]] }));
    expect(table.ok ? [] : table.problems).toEqual([
      expect.objectContaining({ elementId: 'r1', code: 'dmn.feel.slowPattern', params: expect.objectContaining({ function: 'matches', pattern: '^(a|a)*b$', place: 'dmnRuleInput', rule: 1 }) }),
      expect.objectContaining({ elementId: 'r2', code: 'dmn.feel.slowPattern', params: expect.objectContaining({ function: 'replace', place: 'dmnRuleOutput', rule: 2 }) }),
    ]);
    const literal = await compileDmn(
      '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="lit" name="字面"><decision id="e" name="检查"><literalExpression id="le"><text>matches(x, "(a+)+$")</text></literalExpression></decision></definitions>',
    );
    expect(literal.ok ? [] : literal.problems.map((p) => [p.elementId, p.code])).toEqual([['e', 'dmn.feel.slowPattern']]);
  });

  it('warns of a pattern refused on long texts, and still compiles; a linear one is neither', async () => {
    const r = await compileDmn(dmn({ hitPolicy: 'FIRST', inputs: ['note'], outputs: [{ name: 'g' }], rules: [[['matches(?, ".*退款.*赔偿")'], ['"A"']], [['matches(?, "^1[3-9][0-9]{9}$")'], ['"B"']]] }));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ elementId: 'r1', code: 'dmn.feel.patternTextLimit', params: expect.objectContaining({ function: 'matches', maxLength: 464, rule: 1 }) })]);
    expect((await compileDmn(dmn(grading))).warnings).toEqual([]);
  });
});
