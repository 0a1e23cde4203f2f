import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../contract';
import { reportCsv, reportFileName, reportXlsx } from './report-export';

const report: Report = {
  name: 'satisfaction',
  summary: [{ key: 'satisfactionRate', type: 'rate', value: 0.6667 }],
  tables: [
    {
      key: 'dailySheet',
      columns: [{ key: 'at', type: 'datetime' }, { key: 'comments', type: 'text' }, { key: 'dimension', type: 'code' }, { key: 'unit', type: 'unit' }, { key: 'satisfaction', type: 'score' }],
      rows: [{ at: '2026-10-31T17:00:00.000Z', comments: '=HYPERLINK("http://x","点我")', dimension: 'recovery', unit: 'zj', satisfaction: 4 }],
      truncated: false,
    },
  ],
  chart: { kind: 'column', points: [] },
  unitNames: { zj: { 'zh-CN': '浙江省服务中心', en: 'Zhejiang' } },
};

describe('report files', () => {
  it('CSV: BOM, headings and codes in the language asked for, China times, a formula kept as text', () => {
    const csv = reportCsv(report, { from: '2026-10-01', to: '2026-10-31' }, 'zh-CN');
    expect(csv.startsWith('\uFEFF满意度统计\r\n统计期间（北京时间）：2026-10-01 至 2026-10-31\r\n\r\n满意率（4–5 分）,66.7%\r\n')).toBe(true);
    expect(csv).toContain('回访日清表\r\n时间（北京时间）,客户意见,维度,单位,满意度\r\n2026-11-01 01:00,"\'=HYPERLINK(""http://x"",""点我"")",恢复性,浙江省服务中心,4\r\n');
  });

  it('xlsx: numbers stay numbers, a formula typed as a comment stays a string', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(report, {}, 'en')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Daily call-back sheet')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '2026-11-01 01:00', '=HYPERLINK("http://x","点我")', 'Recovery', 'Zhejiang', 4]);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(book.getWorksheet('Satisfaction')!.getCell('B3').value).toBe(0.6667);
  });

  it('names the file by the report, in China time', () => {
    expect(reportFileName(report, new Date('2026-10-31T17:05:00Z'), 'zh-CN', 'xlsx')).toEqual({ utf8: '满意度统计-20261101-0105.xlsx', ascii: 'report-satisfaction-20261101-0105.xlsx' });
  });
});
