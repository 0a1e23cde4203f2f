import { describe, expect, it } from 'vitest';
import { currentChinaMonth, formatCell } from './reportFormat';

describe('report cells', () => {
  it('reads rates, codes, units, booleans and China times in the reader’s language', () => {
    expect(formatCell(0.6667, 'rate', 'zh-CN')).toBe('66.7%');
    expect(formatCell('compensated', 'code', 'zh-CN')).toBe('赔偿');
    expect(formatCell('recovery', 'code', 'en')).toBe('Recovery');
    expect(formatCell('电话', 'code', 'en')).toBe('电话');
    expect(formatCell('zj', 'unit', 'en', { zj: { 'zh-CN': '浙江省服务中心', en: 'Zhejiang' } })).toBe('Zhejiang');
    expect(formatCell(true, 'boolean', 'zh-CN')).toBe('是');
    expect(formatCell(null, 'count', 'zh-CN')).toBe('—');
    // 17:00 UTC on 31 October is 1 November in China.
    expect(formatCell('2026-10-31T17:00:00Z', 'datetime', 'en')).toContain('Nov 1, 2026');
  });

  it('the current month is China’s: 16:30 UTC on 31 October is already November there', () => {
    expect(currentChinaMonth(new Date('2026-10-31T16:30:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(currentChinaMonth(new Date('2026-02-10T00:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
