import { describe, expect, it } from 'vitest';
import type { TaskStep } from '../../../contract';
import { modelSummaryLabels, summaryLabels, summaryVariables } from './decisionSummary';

const step = (data: Record<string, unknown>, outcome: string | null = 'complete'): TaskStep => ({
  taskId: Math.random().toString(36),
  elementId: 'e',
  name: 'n',
  completedBy: 'u',
  completedByName: 'U',
  completedAt: '2026-01-01T00:00:00Z',
  outcome,
  comment: null,
  data,
});

describe('summaryVariables', () => {
  const vars = { a: 1, b: 2, c: 3, plan: 'p', fee: 5 };

  it('is what the diagram names, in its order', () => {
    expect(summaryVariables([{ variable: 'fee' }, { variable: 'plan' }], [step({ a: 1 })], vars)).toEqual(['fee', 'plan']);
  });

  it('defaults to what was captured since the previous approval', () => {
    const steps = [step({ a: 1 }), step({ b: 2 }, 'reject'), step({ plan: 'p' }), step({ fee: 5 })];
    expect(summaryVariables(undefined, steps, vars)).toEqual(['plan', 'fee']);
  });

  it('falls back to every variable when no step captured any', () => {
    expect(summaryVariables(undefined, [], { amount: 9, businessKey: '20261129-X', initiator: 'zj.cs_agent' })).toEqual(['amount']);
  });

  it('collects the labels the diagram gives', () => {
    expect(summaryLabels([{ variable: 'amount', label: '申请金额' }, { variable: 'plan' }])).toEqual({ amount: '申请金额' });
  });
});

describe('labels the diagram gives', () => {
  it('collects every step summary\'s labels for the whole case, the first step naming a variable winning', () => {
    const model = { elements: { Approve: { summary: [{ variable: 'amount', label: '申请金额' }, { variable: 'reason' }] }, Later: { summary: [{ variable: 'amount', label: '金额' }, { variable: 'fee', label: '费用' }] }, s: {} } };
    expect(modelSummaryLabels(model)).toEqual({ amount: '申请金额', fee: '费用' });
    expect(modelSummaryLabels(undefined)).toEqual({});
  });
});
