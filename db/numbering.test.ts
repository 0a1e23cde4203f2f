import { describe, expect, it } from 'vitest';
import { formatNumber, numberingPeriod } from './numbering';

describe('numbering', () => {
  it('numbers by the month in China: 16:00 UTC on the last day of a month is already the next month', () => {
    expect(numberingPeriod(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(numberingPeriod(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });

  it('pads the sequence to six digits', () => {
    expect(formatNumber('TS', '2026-11', 123)).toBe('TS-2026-11-000123');
  });
});
