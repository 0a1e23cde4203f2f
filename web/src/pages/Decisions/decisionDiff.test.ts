import { describe, expect, it } from 'vitest';
import { diffDecisionModels } from './decisionDiff';
import type { DecisionModel } from './decisionView';

type Rule = { id: string; description?: string; inputEntries: string[]; outputEntries: string[] };
const model = (rules: Rule[], extra: Partial<{ hitPolicy: 'UNIQUE' | 'FIRST'; withDays: boolean }> = {}): DecisionModel => ({
  key: 'credit',
  name: '信用等级',
  hash: 'a'.repeat(64),
  decisions: {
    grade: {
      id: 'grade',
      name: '信用等级评估',
      requires: [],
      logic: {
        kind: 'table',
        hitPolicy: extra.hitPolicy ?? 'FIRST',
        inputs: [{ id: 'in_rate', label: '回款率', expression: 'paymentRate' }, ...(extra.withDays ? [{ id: 'in_days', expression: 'overdueDays' }] : [])],
        outputs: [{ id: 'out_grade', name: 'creditGrade', label: '信用等级' }, { id: 'out_limit', name: 'creditLimit' }],
        rules,
      },
    },
  },
});
const r1: Rule = { id: 'r1', description: '优秀', inputEntries: ['>= 0.95'], outputEntries: ['"AA"', '1000000'] };
const r2: Rule = { id: 'r2', inputEntries: ['>= 0.8'], outputEntries: ['"A"', '500000'] };
const r3: Rule = { id: 'r3', inputEntries: ['-'], outputEntries: ['"C"', '0'] };

describe('diffDecisionModels', () => {
  it('finds nothing when only the order of rules or the hash differs', () => {
    expect(diffDecisionModels(model([r1, r2]), { ...model([r2, r1]), hash: 'b'.repeat(64) })).toEqual([]);
  });

  it('names an added rule (with its row in the new table), a removed one, and a changed cell before → after', () => {
    const after = model([{ ...r1, outputEntries: ['"AA"', '2000000'] }, r3]);
    const [change, ...rest] = diffDecisionModels(model([r1, r2]), after);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ decisionId: 'grade', name: '信用等级评估', kind: 'changed', columnsAdded: [], columnsRemoved: [] });
    expect(change!.rules).toEqual([
      { ruleId: 'r1', kind: 'changed', index: 1, cells: [{ column: 'creditLimit', side: 'output', before: '1000000', after: '2000000' }] },
      {
        ruleId: 'r3',
        kind: 'added',
        index: 2,
        cells: [
          { column: '回款率', side: 'input', before: '', after: '-' },
          { column: '信用等级', side: 'output', before: '', after: '"C"' },
          { column: 'creditLimit', side: 'output', before: '', after: '0' },
        ],
      },
      {
        ruleId: 'r2',
        kind: 'removed',
        index: 2,
        cells: [
          { column: '回款率', side: 'input', before: '>= 0.8', after: '' },
          { column: '信用等级', side: 'output', before: '"A"', after: '' },
          { column: 'creditLimit', side: 'output', before: '500000', after: '' },
        ],
      },
    ]);
  });

  it('reports a changed description, hit policy and an added column with the cells it fills', () => {
    const after = model([{ ...r1, description: '优秀客户', inputEntries: ['>= 0.95', '<= 0'] }], { hitPolicy: 'UNIQUE', withDays: true });
    const [change] = diffDecisionModels(model([r1]), after);
    expect(change).toMatchObject({ hitPolicy: { before: 'FIRST', after: 'UNIQUE' }, columnsAdded: ['overdueDays'], columnsRemoved: [] });
    expect(change!.rules).toEqual([
      {
        ruleId: 'r1',
        kind: 'changed',
        index: 1,
        cells: [
          { column: 'overdueDays', side: 'input', before: '', after: '<= 0' },
          { column: '', side: 'description', before: '优秀', after: '优秀客户' },
        ],
      },
    ]);
  });

  it('treats every decision as added when nothing is in force yet, and a dropped decision as removed', () => {
    const after = model([r1]);
    expect(diffDecisionModels(undefined, after)).toMatchObject([{ decisionId: 'grade', kind: 'added', rules: [{ ruleId: 'r1', kind: 'added' }] }]);
    const before: DecisionModel = { ...after, decisions: { ...after.decisions, score: { id: 'score', requires: [], logic: { kind: 'literal', expression: 'a + b' } } } };
    // An unnamed decision carries no name (the console says 未命名的决策), never its id in place of one.
    expect(diffDecisionModels(before, after)).toEqual([
      { decisionId: 'score', name: '', kind: 'removed', formula: { before: 'a + b', after: '' }, columnsAdded: [], columnsRemoved: [], rules: [] },
    ]);
  });
});
