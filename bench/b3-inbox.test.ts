import { describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { inboxUrls, oneCaseNumber } from './b3-inbox';

// Free text's "one case" must name a case the seed made (the 1M run of 3 Dec 11:08 timed a term no case bore).
const batchOf = (n: number, asked: unknown[] = []) => ({ query: async (_text: string, values: unknown[]) => (asked.push(...values), { rows: [{ n: String(n) }] }) }) as unknown as Db;

describe('B3 free text, one case', () => {
  it("names the newest batch's last open case but one (one task in ten is open)", async () => {
    const asked: unknown[] = [];
    expect(await oneCaseNumber(batchOf(900_000, asked), 1_000_000)).toBe(899_990);
    expect(asked).toEqual(['bench/s1000000-%']);
    expect(await oneCaseNumber(batchOf(12_345), 22_345)).toBe(12_330);
    expect(await oneCaseNumber(batchOf(10_000), 10_000)).toBe(9_990);
  });

  it('refuses a batch too small to name one', async () => {
    await expect(oneCaseNumber(batchOf(5), 5)).rejects.toThrow(/too few/);
  });

  it('searches for that case by its title', () => {
    expect(decodeURIComponent(inboxUrls(899_990).freeTextFew)).toContain('q=批量案例 899990&');
  });
});
