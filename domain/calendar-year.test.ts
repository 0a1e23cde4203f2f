import { describe, expect, it } from 'vitest';
import { describeYear, type CalendarOverride } from './calendar-year';

const override = (day: string, kind: CalendarOverride['kind'], note = ''): CalendarOverride => ({ day, kind, note, updatedBy: 'admin', updatedAt: null });

describe('describeYear', () => {
  it('lists every day once, leap years included, with ISO weekdays', () => {
    expect(describeYear(2026, []).days).toHaveLength(365);
    const leap = describeYear(2028, []).days;
    expect(leap).toHaveLength(366);
    expect(leap[0]).toMatchObject({ day: '2028-01-01', weekday: 6 });
    expect(leap.at(-1)).toMatchObject({ day: '2028-12-31', weekday: 7 });
  });

  it('names national holidays and make-up days, and leaves ordinary days to the weekday rule', () => {
    const days = new Map(describeYear(2026, []).days.map((d) => [d.day, d]));
    expect(days.get('2026-02-16')).toMatchObject({ working: false, source: 'national', name: '春节' });
    expect(days.get('2026-02-14')).toMatchObject({ working: true, source: 'national', name: '春节' });
    expect(days.get('2026-03-02')).toMatchObject({ working: true, source: 'weekday', name: null, override: null });
  });

  it('an override wins over the national schedule and keeps what the schedule alone would say', () => {
    const { days, nationalScheduleKnown } = describeYear(2027, [override('2027-10-01', 'holiday', '国庆节'), override('2027-10-09', 'workday')]);
    expect(nationalScheduleKnown).toBe(false);
    const byDay = new Map(days.map((d) => [d.day, d]));
    expect(byDay.get('2027-10-01')).toMatchObject({ working: false, nationalWorking: true, source: 'override', name: '国庆节' });
    expect(byDay.get('2027-10-09')).toMatchObject({ working: true, nationalWorking: false, source: 'override', name: null });
  });
});
