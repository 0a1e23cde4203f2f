import { describe, expect, it } from 'vitest';
import { nextCronFire, parseCron } from './cron';

const fields = (raw: string) => {
  const parsed = parseCron(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.fields;
};
/** Beijing wall-clock time → epoch ms. */
const bj = (text: string) => Date.parse(`${text}+08:00`);
const next = (raw: string, after: string) => {
  const at = nextCronFire(fields(raw), bj(after));
  return at === undefined ? undefined : new Date(at + 8 * 3600_000).toISOString().slice(0, 19);
};

describe('nextCronFire (Beijing time, as a boundary or event sub-process cron cycle fires)', () => {
  it('finds the next matching second strictly after the instant', () => {
    expect(next('0 0 9 * * *', '2026-12-01T08:59:59')).toBe('2026-12-01T09:00:00');
    // Exactly at a match: the next one, not the same instant again (a cycle must move on).
    expect(next('0 0 9 * * *', '2026-12-01T09:00:00')).toBe('2026-12-02T09:00:00');
    expect(next('0 */15 * * * *', '2026-12-01T10:14:30')).toBe('2026-12-01T10:15:00');
    expect(next('0 */15 * * * *', '2026-12-01T23:59:00')).toBe('2026-12-02T00:00:00');
  });

  it('reads weekdays and months, and needs both day fields to match (Spring, Temporal)', () => {
    // 2026-12-04 is a Friday: the next weekday 09:00 after Friday 10:00 is Monday.
    expect(next('0 0 9 * * MON-FRI', '2026-12-04T10:00:00')).toBe('2026-12-07T09:00:00');
    expect(next('0 30 8 1 * ?', '2026-12-15T00:00:00')).toBe('2027-01-01T08:30:00');
    expect(next('0 0 9 13 * FRI', '2026-12-01T00:00:00')).toBe('2027-08-13T09:00:00');
    expect(next('0 0 0 29 FEB *', '2026-03-01T00:00:00')).toBe('2028-02-29T00:00:00');
    // Five fields: seconds are 0.
    expect(next('30 18 * * SUN', '2026-12-01T00:00:00')).toBe('2026-12-06T18:30:00');
  });

  it('is Beijing time whatever the instant is in UTC', () => {
    // 2026-12-01T01:30Z is 09:30 in Beijing: 09:00 has passed there.
    expect(new Date(nextCronFire(fields('0 0 9 * * *'), Date.parse('2026-12-01T01:30:00Z'))!).toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });

  it('says when nothing ever matches', () => {
    expect(next('0 0 9 31 FEB *', '2026-12-01T00:00:00')).toBeUndefined();
  });
});
