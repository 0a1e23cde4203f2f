import { readFileSync } from 'node:fs';
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

  it('every 投诉渠道 and 责任部门 a complaint form stores reads as a word, never as its code (on screen and in the exports)', () => {
    const options = (form: string, key: string) => {
      const found: Array<{ value: string; label: string }> = [];
      const walk = (components: Array<{ key?: string; values?: Array<{ value: string; label: string }>; components?: unknown[] }>) => {
        for (const c of components) {
          if (c.key === key && c.values) found.push(...c.values);
          if (c.components) walk(c.components as typeof components);
        }
      };
      walk(JSON.parse(readFileSync(new URL(`../../../bpmn/forms/${form}.form`, import.meta.url), 'utf8')).components);
      expect(found.length, `${form} ${key}`).toBeGreaterThan(0);
      return found;
    };
    for (const { value, label } of [...options('complaint-register', 'complaintChannel'), ...options('complaint-investigation', 'responsibleDepartment')]) {
      expect(formatCell(value, 'code', 'zh-CN'), value).toBe(label);
      expect(formatCell(value, 'code', 'en'), value).not.toBe(value);
    }
  });

  it('the current month is China’s: 16:30 UTC on 31 October is already November there', () => {
    expect(currentChinaMonth(new Date('2026-10-31T16:30:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(currentChinaMonth(new Date('2026-02-10T00:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
