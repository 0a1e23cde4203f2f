import { describe, expect, it } from 'vitest';
import { classifyByValue, type TierRule } from './customer-tiers';

const RULES: TierRule[] = [
  { tier: 'A', priorShareBelow: 0.8 },
  { tier: 'B', priorShareBelow: 0.95 },
  { tier: 'C', priorShareBelow: 1 },
  { tier: 'D', priorShareBelow: null },
];
const tiers = (sales: number[]) => classifyByValue(sales.map((s, i) => ({ customerId: `c${i}`, sales: s })), RULES).sort((a, b) => a.customerId.localeCompare(b.customerId)).map((r) => r.tier).join('');

describe('classifyByValue (80/20)', () => {
  it('the customers making the first 80 % are A; the one starting exactly at 80 % is B; at 95 % C; no sales D', () => {
    // priors: 0, .5, .8, .9, .95, .98, none
    expect(tiers([50, 30, 10, 5, 3, 2, 0])).toBe('AABBCCD');
  });
  it('a customer just below a bound stays in the better tier', () => {
    // priors: 0, .7999, .9
    expect(tiers([7999, 1001, 1000])).toBe('AAB');
  });
  it('ties rank together: two equal customers straddling 80 % are both A', () => {
    // sorted 60, 20, 20: priors 0, .6, .6 (not .8 for the second 20)
    expect(tiers([20, 60, 20])).toBe('AAA');
  });
  it('a unit without sales: everyone D', () => {
    expect(tiers([0, 0])).toBe('DD');
    expect(classifyByValue([], RULES)).toEqual([]);
  });
  it('reports the prior share it ranked on', () => {
    const r = classifyByValue([{ customerId: 'x', sales: 30 }, { customerId: 'y', sales: 70 }], RULES);
    expect(r).toEqual([
      { customerId: 'y', sales: 70, priorShare: 0, tier: 'A' },
      { customerId: 'x', sales: 30, priorShare: 0.7, tier: 'A' },
    ]);
  });
});
