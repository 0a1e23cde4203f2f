import { describe, expect, it } from 'vitest';
import { callbackSampleBucket, callbackSelected, classifyByValue, type TierRule } from './customer-tiers';

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

describe('回访 coverage sampling', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `GM-2026-11-${String(i).padStart(6, '0')}`);
  it('gives a purchase the same place every time, within 0‥9999 (FNV-1a of the UTF-8 number)', () => {
    expect(callbackSampleBucket('GM-DEMO-0002')).toBe(3452);
    expect(callbackSampleBucket('GM-DEMO-0002')).toBe(callbackSampleBucket('GM-DEMO-0002'));
    for (const id of ids) expect(callbackSampleBucket(id)).toSatisfy((b: number) => Number.isInteger(b) && b >= 0 && b < 10_000);
  });
  it('coverage 1 calls every purchase back, 0 none; 10 % samples about a tenth', () => {
    const buckets = ids.map(callbackSampleBucket);
    expect(buckets.every((b) => callbackSelected(b, 1))).toBe(true);
    expect(buckets.some((b) => callbackSelected(b, 0))).toBe(false);
    const tenth = buckets.filter((b) => callbackSelected(b, 0.1)).length / buckets.length;
    expect(tenth).toBeGreaterThan(0.05);
    expect(tenth).toBeLessThan(0.15);
  });
  it('the bound is exclusive: a bucket equal to coverage × 10000 is not called back', () => {
    expect(callbackSelected(999, 0.1)).toBe(true);
    expect(callbackSelected(1000, 0.1)).toBe(false);
  });
});
