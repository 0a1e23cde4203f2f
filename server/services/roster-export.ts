import ExcelJS from 'exceljs';
import type { Roster } from '../../contract';
import { shanghaiDateTime } from '../../domain/china-time';
import { csvCell } from '../../domain/csv';
import type { ExportLang } from './case-export';

// 客户名册 as a file: the rows the screen shows, masked the same way (they are the same answer),
// headings in the reader's language.

const HEAD: Record<ExportLang, string[]> = {
  'zh-CN': ['客户分类', '客户编号', '客户名称', '单位', '秘密级别', '联系人', '电话', '地区', '负责人', '近一年销售额（元）', '分类变更时间', '最近服务日期'],
  en: ['Tier', 'Customer no.', 'Name', 'Unit', 'Level', 'Contact', 'Phone', 'Region', 'Owner', 'Sales, last 365 days (CNY)', 'Tier changed', 'Last service'],
};
const LEVEL: Record<ExportLang, Record<string, string>> = {
  'zh-CN': { public: '公开', internal: '内部', secret: '秘密', confidential: '机密' },
  en: { public: 'Public', internal: 'Internal', secret: 'Secret', confidential: 'Confidential' },
};

function cells(r: Roster['items'][number], lang: ExportLang): Array<string | number> {
  return [r.tier, r.id, r.name, r.unitName, LEVEL[lang][r.confidentiality] ?? r.confidentiality, r.contactName ?? '', r.phone ?? '', r.region ?? '', r.ownerName ?? '', r.sales ?? '', r.tierChangedAt ? shanghaiDateTime(new Date(r.tierChangedAt)) : '', r.lastVisitOn ?? ''];
}

export function rosterCsv(roster: Roster, lang: ExportLang): string {
  const lines = [HEAD[lang], ...roster.items.map((r) => cells(r, lang).map(String))];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function rosterXlsx(roster: Roster, lang: ExportLang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Shouwen 首问';
  const sheet = book.addWorksheet(lang === 'zh-CN' ? '客户名册' : 'Customer roster');
  sheet.addRow(HEAD[lang]).font = { bold: true };
  for (const r of roster.items) sheet.addRow(cells(r, lang));
  sheet.getColumn(10).numFmt = '#,##0.00';
  HEAD[lang].forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(10, h.length * 2 + 2)));
  return Buffer.from(await book.xlsx.writeBuffer());
}
