import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/interpolate';
import { messages } from '../i18n/allMessages';
import { describeCycle } from './schedules';

const zh = (key: string, vars?: Record<string, string | number>) => interpolate(messages['zh-CN'][key as keyof (typeof messages)['zh-CN']], vars);
const en = (key: string, vars?: Record<string, string | number>) => interpolate(messages.en[key as keyof (typeof messages)['en']], vars);

describe('describeCycle', () => {
  it('words ISO cycles, dates and cron in Beijing time, never UTC', () => {
    expect(describeCycle('R/P1D', zh)).toBe('每 1 天');
    expect(describeCycle('R5/PT2H30M', zh)).toBe('每 2 小时 30 分钟，共 5 次');
    expect(describeCycle('R/2026-12-01T01:00:00Z/P1W', zh)).toBe('每 1 周，自 2026-12-01 09:00 起');
    expect(describeCycle('2027-01-04T09:00:00+08:00', zh)).toBe('2027-01-04 09:00 运行一次');
    expect(describeCycle('0 0 9 * * MON-FRI', zh)).toBe('cron 0 0 9 * * MON-FRI（北京时间）');
    expect(describeCycle('R3/P1D', en)).toBe('every 1 day, 3 times');
  });
});
