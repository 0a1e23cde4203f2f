import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../../contract';
import { dayProblem, isIsoDay, notableDays, yearTotals } from './calendarDays';

const day = (d: string, working: boolean, source: CalendarDay['source']): CalendarDay => ({
  day: d,
  weekday: 1,
  working,
  source,
  name: null,
  nationalWorking: working,
  override: null,
});

describe('calendar page helpers', () => {
  const days = [day('2027-10-01', false, 'override'), day('2027-10-02', false, 'weekday'), day('2027-10-09', true, 'national'), day('2027-10-11', true, 'weekday')];

  it('lists holidays, make-up days and overrides, not ordinary days', () => {
    expect(notableDays(days).map((d) => d.day)).toEqual(['2027-10-01', '2027-10-09']);
  });

  it('counts working and non-working days', () => {
    expect(yearTotals(days)).toEqual({ working: 2, off: 2 });
  });

  it('accepts only ISO calendar days', () => {
    expect(isIsoDay('2027-10-01')).toBe(true);
    expect(isIsoDay('2027-1-1')).toBe(false);
    expect(isIsoDay('')).toBe(false);
  });
});

describe('a day to set on the page of one year', () => {
  it('must exist and belong to the year shown', () => {
    expect(dayProblem('2027-10-01', 2027)).toBeNull();
    expect(dayProblem('2028-10-01', 2027)).toBe('otherYear');
    expect(dayProblem('2027-02-29', 2027)).toBe('invalid');
    expect(dayProblem('', 2027)).toBe('invalid');
  });
});
