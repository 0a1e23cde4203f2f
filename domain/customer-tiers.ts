// 客户分类标准 (PROCESSES.md "Customer tiers", seeds 001 and 003): A/B/C/D by value, the 80/20
// rule. The bounds are data (table customer_tier_rule); this is only the ranking.

export type Tier = 'A' | 'B' | 'C' | 'D';
export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];

export interface TierRule {
  tier: Tier;
  /** A customer is in this tier when the share of sales made by the customers ranked before it is below this; null = the tier of customers without sales. */
  priorShareBelow: number | null;
}

export interface TierResult {
  customerId: string;
  sales: number;
  /** Share of the unit's sales made by customers with strictly more sales (ties rank together); null without sales. */
  priorShare: number | null;
  tier: Tier;
}

/**
 * Ranks the customers by sales and gives each the first tier whose bound is above its prior share.
 * Customers with equal sales share a rank, so a tie never splits across a bound by accident of id.
 */
export function classifyByValue(customers: ReadonlyArray<{ customerId: string; sales: number }>, rules: readonly TierRule[]): TierResult[] {
  const bounded = rules.filter((r) => r.priorShareBelow !== null).sort((a, b) => a.priorShareBelow! - b.priorShareBelow!);
  const noSales = rules.find((r) => r.priorShareBelow === null)?.tier ?? 'D';
  const total = customers.reduce((s, c) => s + Math.max(c.sales, 0), 0);
  const sorted = [...customers].sort((a, b) => b.sales - a.sales || a.customerId.localeCompare(b.customerId));
  const results: TierResult[] = [];
  let before = 0; // sales of customers with strictly more sales than the current group
  for (let i = 0; i < sorted.length; ) {
    const sales = sorted[i]!.sales;
    let j = i;
    while (j < sorted.length && sorted[j]!.sales === sales) j++;
    for (const c of sorted.slice(i, j)) {
      if (sales <= 0 || total <= 0) {
        results.push({ customerId: c.customerId, sales, priorShare: null, tier: noSales });
        continue;
      }
      const priorShare = before / total;
      // A rounding hair below a bound (0.7999999) must not cross it: compare on six decimals.
      const share = Math.round(priorShare * 1e6) / 1e6;
      const rule = bounded.find((r) => share < r.priorShareBelow!);
      results.push({ customerId: c.customerId, sales, priorShare: share, tier: rule?.tier ?? noSales });
    }
    before += sales * (j - i);
    i = j;
  }
  return results;
}

/**
 * 回访 coverage sampling: a purchase's fixed place in 0‥9999 (FNV-1a of its number), called back
 * when below the tier's coverage × 10000. A hash of the purchase, not a random draw, so a retried
 * activity, a replay or a second case for the same purchase decides the same.
 */
export function callbackSampleBucket(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 10_000;
}

export const callbackSelected = (bucket: number, coverage: number): boolean => bucket < Math.round(coverage * 10_000);
