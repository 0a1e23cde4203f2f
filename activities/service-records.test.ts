import { describe, expect, it } from 'vitest';
import { appointmentDeadline, daysBetween, EXCHANGE_DAYS, RETURN_DAYS, shanghaiDate, warrantyStatus, workOrderNumber } from './service-records';

const at = (iso: string) => new Date(iso);
/** Purchased on `purchasedOn`, two years of warranty, checked at `nowCst` (China time). */
const check = (purchasedOn: string, nowCst: string, warrantyEndsOn = '2028-02-29') => warrantyStatus({ purchasedOn, warrantyEndsOn }, at(`${nowCst}+08:00`));

describe('calendar days in Asia/Shanghai', () => {
  it('the China date, not the UTC one', () => {
    expect(shanghaiDate(at('2026-03-01T15:59:59Z'))).toBe('2026-03-01'); // 23:59:59 CST
    expect(shanghaiDate(at('2026-03-01T16:00:00Z'))).toBe('2026-03-02'); // 00:00 CST the next day
  });

  it('counts whole days across months and leap days', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
    expect(daysBetween('2026-02-14', '2026-03-01')).toBe(15);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(() => daysBetween('2026-3-1', '2026-03-01')).toThrow(RangeError);
  });
});

describe('return (15 days) and exchange (30 days) windows', () => {
  it('the commitments of seed 001', () => {
    expect(RETURN_DAYS).toBe(15);
    expect(EXCHANGE_DAYS).toBe(30);
  });

  it('day 0: the day of purchase may return and exchange', () => {
    expect(check('2026-03-01', '2026-03-01T10:00:00')).toMatchObject({ daysSincePurchase: 0, returnEligible: true, exchangeEligible: true, inWarranty: true });
  });

  it('day 15 may still return; day 16 may not', () => {
    expect(check('2026-03-01', '2026-03-16T23:59:59')).toMatchObject({ daysSincePurchase: 15, returnEligible: true, exchangeEligible: true });
    expect(check('2026-03-01', '2026-03-17T00:00:00')).toMatchObject({ daysSincePurchase: 16, returnEligible: false, exchangeEligible: true });
  });

  it('day 30 may still exchange; day 31 may not', () => {
    expect(check('2026-03-01', '2026-03-31T18:00:00')).toMatchObject({ daysSincePurchase: 30, returnEligible: false, exchangeEligible: true });
    expect(check('2026-03-01', '2026-04-01T08:00:00')).toMatchObject({ daysSincePurchase: 31, returnEligible: false, exchangeEligible: false });
  });

  it('counts China calendar days: 01:00 CST on day 16 is already day 16 although it is still day 15 in UTC', () => {
    const s = warrantyStatus({ purchasedOn: '2026-03-01', warrantyEndsOn: '2028-02-29' }, at('2026-03-16T17:00:00Z'));
    expect(s).toMatchObject({ checkedOn: '2026-03-17', daysSincePurchase: 16, returnEligible: false });
    const t = warrantyStatus({ purchasedOn: '2026-03-01', warrantyEndsOn: '2028-02-29' }, at('2026-03-16T15:59:00Z'));
    expect(t).toMatchObject({ checkedOn: '2026-03-16', daysSincePurchase: 15, returnEligible: true });
  });
});

describe('warranty', () => {
  it('includes the last day of warranty and ends the day after', () => {
    expect(check('2024-03-01', '2026-02-28T20:00:00', '2026-02-28').inWarranty).toBe(true);
    expect(check('2024-03-01', '2026-03-01T00:30:00', '2026-02-28').inWarranty).toBe(false);
  });
});

describe('work orders', () => {
  it('numbers PG-YYYY-MM-NNNNNN by the China month', () => {
    expect(workOrderNumber(at('2026-11-05T02:00:00Z'), 1)).toBe('PG-2026-11-000001');
    expect(workOrderNumber(at('2026-11-30T16:30:00Z'), 123)).toBe('PG-2026-12-000123'); // 00:30 CST on 12-01
  });

  it('is due at the appointment plus the agreed hours', () => {
    expect(appointmentDeadline('2026-03-02T09:30+08:00', 4)).toBe('2026-03-02T05:30:00.000Z');
    expect(appointmentDeadline('2026-03-02T09:30:00Z', 0)).toBe('2026-03-02T09:30:00.000Z');
    expect(appointmentDeadline('2026-03-02T09:30:00Z', -2)).toBe('2026-03-02T09:30:00.000Z');
    expect(() => appointmentDeadline('明天', 4)).toThrow(RangeError);
  });
});
