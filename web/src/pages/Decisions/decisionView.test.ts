import { describe, expect, it } from 'vitest';
import { entryText, outputText, parseTryValue, resultText, tryFields } from './decisionView';
import type { DecisionModel } from './decisionView';

const model: DecisionModel = {
  key: 'k',
  name: 'n',
  hash: 'a'.repeat(64),
  decisions: {
    score: { id: 'score', requires: [], logic: { kind: 'table', hitPolicy: 'FIRST', inputs: [{ id: 'i1', label: '回款率', expression: 'paymentRate' }], outputs: [{ id: 'o', name: 'score' }], rules: [] } },
    grade: {
      id: 'grade',
      requires: ['score'],
      logic: {
        kind: 'table',
        hitPolicy: 'UNIQUE',
        inputs: [
          { id: 'i2', label: '得分', expression: 'score' },
          { id: 'i3', expression: 'overdueDays' },
          { id: 'i4', label: '计算', expression: 'a + b' },
          { id: 'i5', label: '回款率（重复）', expression: 'paymentRate' },
        ],
        outputs: [{ id: 'o2', name: 'grade' }],
        rules: [],
      },
    },
  },
};

describe('decision view', () => {
  it('asks for the plain variables of the decision and those it requires, not for a required decision or an expression', () => {
    expect(tryFields(model, 'grade')).toEqual([
      { name: 'paymentRate', label: '回款率' },
      { name: 'overdueDays', label: 'overdueDays' },
    ]);
  });

  it('reads typed values as the decision would', () => {
    expect(parseTryValue(' 12.5 ')).toBe(12.5);
    expect(parseTryValue('是')).toBe(true);
    expect(parseTryValue('VIP')).toBe('VIP');
    expect(parseTryValue('')).toBeUndefined();
    expect(entryText('-')).toBe('—');
    expect(entryText('>= 90')).toBe('>= 90');
  });

  it('shows results and text outputs as people read them', () => {
    expect(outputText('"AA"')).toBe('AA');
    expect(outputText('1000000')).toBe('1000000');
    const withLabels = { ...model, decisions: { g: { id: 'g', requires: [], logic: { kind: 'table' as const, hitPolicy: 'FIRST' as const, inputs: [], outputs: [{ id: 'o1', name: 'creditGrade', label: '信用等级' }, { id: 'o2', name: 'creditLimit' }], rules: [] } } } };
    expect(resultText(withLabels, 'g', { creditGrade: 'AA', creditLimit: 1000000 })).toBe('信用等级：AA；creditLimit：1000000');
    expect(resultText(withLabels, 'g', 'C')).toBe('C');
  });
});
