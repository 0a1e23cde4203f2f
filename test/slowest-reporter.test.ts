import { describe, expect, it } from 'vitest';
import { slowestLines } from './slowest-reporter';

describe('the slowest-tests summary', () => {
  it('lists the n slowest, slowest first, in seconds', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, ms: i * 1000 + 50 }));
    const lines = slowestLines(items, 3);
    expect(lines).toEqual(['   11.1 s  f11', '   10.1 s  f10', '    9.1 s  f9']);
  });
});
