import { describe, expect, it } from 'vitest';
import { inChinaTime } from './china-time';

describe('inChinaTime', () => {
  it('writes every ISO date-time as China time to the minute', () => {
    expect(inChinaTime('预约时间 2026-11-27T01:30:00.000Z，请留意')).toBe('预约时间 2026-11-27 09:30，请留意');
    expect(inChinaTime('从 2026-11-30T16:00Z 到 2026-12-01T08:00+08:00')).toBe('从 2026-12-01 00:00 到 2026-12-01 08:00');
  });

  it('leaves plain dates and other text alone', () => {
    expect(inChinaTime('购买日期 2026-11-01，编号 TS-2026-11-000001')).toBe('购买日期 2026-11-01，编号 TS-2026-11-000001');
  });
});
