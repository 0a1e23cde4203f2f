import { describe, expect, it } from 'vitest';
import { fetchSize } from './tasks';

describe('fetchSize (the LIMIT written into an inbox page query)', () => {
  it('asks for at least one row more than the page, so that a next page is known', () => {
    for (let limit = 1; limit <= 200; limit++) expect(fetchSize(limit)).toBeGreaterThan(limit);
  });

  it('makes five texts out of every limit the contract allows, not two hundred', () => {
    const sizes = new Set(Array.from({ length: 200 }, (_, i) => fetchSize(i + 1)));
    expect([...sizes].sort((a, z) => a - z)).toEqual([11, 21, 51, 101, 201]);
    expect(fetchSize(50)).toBe(51); // the console's page: no extra rows read
  });

  it('refuses what is not a positive whole number (never written into SQL)', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => fetchSize(bad)).toThrow(RangeError);
  });
});
