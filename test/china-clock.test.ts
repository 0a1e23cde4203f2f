import { afterEach, describe, expect, it, vi } from 'vitest';
import { betweenChinaDays, chinaDay, chinaMonthsBetween, clearOfChinaMidnight, daysBetween, plusDays } from './china-clock';

describe('test/china-clock', () => {
  afterEach(() => vi.useRealTimers());

  it("reads China's day, not UTC's", () => {
    expect(chinaDay(Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(chinaDay(Date.parse('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    expect(chinaDay(Date.parse('2026-12-31T20:00:00Z'), 1)).toBe('2027-01-02');
    expect(plusDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(daysBetween('2026-10-28', '2026-12-02')).toBe(35);
  });

  it('gives one value when China’s day did not change between two readings, both when it did', () => {
    const overdue = (from: string, to: string) => betweenChinaDays(Date.parse(from), Date.parse(to), (today) => daysBetween('2026-10-28', today));
    expect(overdue('2026-12-01T10:00:00Z', '2026-12-01T15:59:59Z')).toEqual([34]);
    expect(overdue('2026-12-01T15:59:59Z', '2026-12-01T16:00:01Z')).toEqual([34, 35]);
    expect(chinaMonthsBetween(Date.parse('2026-11-30T15:59:00Z'), Date.parse('2026-11-30T16:01:00Z'))).toEqual(['2026-11', '2026-12']);
  });

  it("waits out China's midnight only when it is closer than the margin", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2026-12-01T15:58:00Z'));
    let done = false;
    void clearOfChinaMidnight(90_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true); // two minutes away: no wait
    vi.setSystemTime(Date.parse('2026-12-01T15:59:00Z'));
    done = false;
    void clearOfChinaMidnight(90_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).toBe(true);
    expect(chinaDay()).toBe('2026-12-02');
  });
});
