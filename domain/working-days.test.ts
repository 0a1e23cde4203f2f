import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addWorkingDaysWith, addWorkingHoursWith, nationalScheduleKnown, weekdaysOnly } from './working-days';

const at = (iso: string) => Date.parse(iso);
const national = (day: string) => chineseDays.isWorkday(day);
const after = (fromCst: string, days: number, isWorking: (d: string) => boolean = national) =>
  new Date(addWorkingDaysWith(at(`${fromCst}+08:00`), days, isWorking)).toISOString().replace('.000Z', 'Z');

describe('working days', () => {
  it('skips the weekend', () => {
    expect(after('2026-11-20T10:00:00', 1, weekdaysOnly)).toBe('2026-11-23T02:00:00Z'); // Fri → Mon 10:00 CST
  });

  it('uses the China calendar date, not UTC: Saturday 01:00 CST is still the weekend', () => {
    expect(after('2026-11-21T01:00:00', 1, weekdaysOnly)).toBe('2026-11-22T17:00:00Z'); // Mon 01:00 CST
  });

  it('2026 National Day: 10-01..10-07 off, Saturday 10-10 is a 调休 working day', () => {
    expect(national('2026-10-01')).toBe(false);
    expect(national('2026-10-10')).toBe(true);
    // Wed 09-30 + 1 working day → Thu 10-08; + 3 → Sat 10-10 (make-up day)
    expect(after('2026-09-30T09:00:00', 1)).toBe('2026-10-08T01:00:00Z');
    expect(after('2026-09-30T09:00:00', 3)).toBe('2026-10-10T01:00:00Z');
  });

  it('2026 Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(national('2026-02-14')).toBe(true);
    expect(national('2026-02-16')).toBe(false);
    // Fri 02-13 + 1 → Sat 02-14 (make-up); + 2 → Tue 02-24 (first day back)
    expect(after('2026-02-13T09:00:00', 1)).toBe('2026-02-14T01:00:00Z');
    expect(after('2026-02-13T09:00:00', 2)).toBe('2026-02-24T01:00:00Z');
  });

  it('knows which years the national schedule covers (2027 is not in chinese-days 1.5.7)', () => {
    expect(nationalScheduleKnown(2026)).toBe(true);
    expect(nationalScheduleKnown(2027)).toBe(false);
  });

  it('calendar_day overrides win: a year entered by hand is honoured', () => {
    // Illustrative overrides, not the official 2027 schedule (not yet published in the package).
    const overrides = new Map([
      ['2027-10-01', false],
      ['2027-10-04', false],
      ['2027-10-09', true],
    ]);
    const isWorking = (d: string) => overrides.get(d) ?? national(d);
    expect(after('2027-09-30T09:00:00', 1, isWorking)).toBe('2027-10-05T01:00:00Z'); // Fri 10-01 and Mon 10-04 off
    expect(after('2027-10-08T09:00:00', 1, isWorking)).toBe('2027-10-09T01:00:00Z'); // Saturday worked
  });
});

describe('working hours', () => {
  const hoursAfter = (fromCst: string, hours: number, isWorking: (d: string) => boolean = national) =>
    new Date(addWorkingHoursWith(at(`${fromCst}+08:00`), hours, isWorking)).toISOString().replace('.000Z', 'Z');

  it('20 hours from Friday 15:00 end on Monday 11:00, not on the weekend', () => {
    expect(hoursAfter('2026-11-20T15:00:00', 20, weekdaysOnly)).toBe('2026-11-23T03:00:00Z'); // Mon 11:00 CST
  });

  it('within a working week they are clock hours', () => {
    expect(hoursAfter('2026-11-18T09:00:00', 20, weekdaysOnly)).toBe('2026-11-18T21:00:00Z'); // Thu 05:00 CST
  });

  it('started on a day off, 20 hours still end before the 1-working-day due time', () => {
    const from = '2026-11-21T10:00:00'; // Saturday
    const reminder = Date.parse(hoursAfter(from, 20, weekdaysOnly));
    expect(reminder).toBeLessThan(Date.parse(after(from, 1, weekdaysOnly)));
    expect(hoursAfter(from, 20, weekdaysOnly)).toBe('2026-11-22T22:00:00Z'); // Mon 06:00 CST
  });

  it('whole days first, then the rest: 30 hours from Friday 15:00 end Monday 21:00', () => {
    expect(hoursAfter('2026-11-20T15:00:00', 30, weekdaysOnly)).toBe('2026-11-23T13:00:00Z');
  });

  it('follows the national calendar: National Day 2026 is skipped', () => {
    expect(hoursAfter('2026-09-30T15:00:00', 20)).toBe('2026-10-08T03:00:00Z'); // Thu 10-08 11:00 CST
  });
});
