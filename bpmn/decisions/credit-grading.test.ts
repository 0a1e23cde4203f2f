import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDmn } from '../dmn/compile';
import { evaluateDecision } from '../dmn/evaluate';

// 信用等级评估原则 as shipped: the grade and credit limit the credit-grading process gets from
// the customer's sales summary (overdueDays = the longest overdue days, paymentRate = paid ÷
// billed, annualSales = the last 365 days), with each rule's edges on both sides.

const xml = readFileSync(new URL('./credit-grading.dmn', import.meta.url), 'utf8');

type Row = [overdueDays: number, paymentRate: number, annualSales: number, grade: string, limit: number];

const ROWS: Row[] = [
  [0, 1, 5_000_000, 'AAA', 2_000_000],
  [0, 0.98, 5_000_000, 'AAA', 2_000_000],
  [1, 0.98, 5_000_000, 'AA', 1_000_000], // one day late is no longer AAA
  [0, 0.9799, 5_000_000, 'AA', 1_000_000],
  [0, 0.98, 4_999_999, 'AA', 1_000_000],
  [15, 0.95, 2_000_000, 'AA', 1_000_000],
  [16, 0.95, 2_000_000, 'A', 300_000],
  [15, 0.9499, 2_000_000, 'A', 300_000],
  [15, 0.95, 1_999_999, 'A', 300_000],
  [30, 0.9, 500_000, 'A', 300_000],
  [31, 0.9, 500_000, 'B', 50_000],
  [30, 0.8999, 500_000, 'B', 50_000],
  [30, 0.9, 499_999, 'B', 50_000],
  [0, 1, 0, 'B', 50_000], // nothing bought yet: paid everything billed, but no sales to earn a limit
  [90, 0.7, 0, 'B', 50_000],
  [91, 0.7, 10_000_000, 'C', 0],
  [0, 0.6999, 10_000_000, 'C', 0],
];

describe('信用等级评估原则 bpmn/decisions/credit-grading.dmn', () => {
  it.each(ROWS)('overdue %i days, paid %f, sales %i → %s with limit %i', async (overdueDays, paymentRate, annualSales, grade, limit) => {
    const compiled = await compileDmn(xml);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const outcome = evaluateDecision(compiled.model, 'creditGrade', { overdueDays, paymentRate, annualSales });
    expect(outcome.result).toEqual({ creditGrade: grade, creditLimit: limit });
  });
});
