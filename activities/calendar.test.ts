import { describe, expect, it } from 'vitest';
import { addWorkingDaysWith } from './calendar';

const at = (iso: string) => Date.parse(iso);

describe('working days', () => {
  it('skips the weekend', () => {
    // Friday 10:00 CST + 1 working day = Monday 10:00 CST
    expect(new Date(addWorkingDaysWith(at('2026-11-20T02:00:00Z'), 1, new Map())).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });
  it('skips holidays and counts 调休 working Saturdays', () => {
    const exceptions = new Map<string, 'holiday' | 'workday'>([
      ['2026-11-23', 'holiday'],
      ['2026-11-21', 'workday'],
    ]);
    // Friday + 1 → the working Saturday; + 2 → Tuesday (Monday is a holiday)
    expect(new Date(addWorkingDaysWith(at('2026-11-20T02:00:00Z'), 1, exceptions)).toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(new Date(addWorkingDaysWith(at('2026-11-20T02:00:00Z'), 2, exceptions)).toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });
  it('uses the China calendar date, not UTC: Saturday 01:00 CST is still the weekend', () => {
    // 2026-11-20T17:00Z is Saturday 01:00 in Shanghai; one working day later is Monday 01:00 CST.
    expect(new Date(addWorkingDaysWith(at('2026-11-20T17:00:00Z'), 1, new Map())).toISOString()).toBe('2026-11-22T17:00:00.000Z');
  });
});
