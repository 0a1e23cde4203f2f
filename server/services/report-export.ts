import ExcelJS from 'exceljs';
import { REPORT_WORDS, reportWord, type Report, type ReportCell, type ReportColumnType, type ReportFilter } from '../../contract';
import { shanghaiDateTime } from '../../domain/china-time';
import { csvCell } from '../../domain/csv';
import type { ExportLang } from './case-export';

// A report as a file: its figures, then each table under its title, with the headings, codes and
// unit names in the reader's language and times in China — the same rows the screen shows, masked
// the same way (they are the same answer).

const code = (v: string, lang: ExportLang) => (REPORT_WORDS[`code.${v}`] ? reportWord(`code.${v}`, lang) : v);

/** A cell as text (CSV): what the console shows. */
function text(value: ReportCell, type: ReportColumnType, report: Report, lang: ExportLang): string {
  if (value === null) return '';
  switch (type) {
    case 'rate':
      return `${(Number(value) * 100).toFixed(1)}%`;
    case 'datetime':
      return shanghaiDateTime(new Date(String(value)));
    case 'boolean':
      return value ? (lang === 'zh-CN' ? '是' : 'Yes') : lang === 'zh-CN' ? '否' : 'No';
    case 'code':
      return code(String(value), lang);
    case 'unit':
      return report.unitNames[String(value)]?.[lang] ?? String(value);
    default:
      return String(value);
  }
}

/** A cell for Excel: numbers stay numbers (sums and charts work), the rest as text. */
function excelValue(value: ReportCell, type: ReportColumnType, report: Report, lang: ExportLang): string | number | null {
  if (value === null) return null;
  if (type === 'count' || type === 'rate' || type === 'hours' || type === 'score' || type === 'money') return Number(value);
  return text(value, type, report, lang);
}

const NUMBER_FORMAT: Partial<Record<ReportColumnType, string>> = { rate: '0.0%', money: '#,##0.00', hours: '0.00', score: '0.00' };

function periodLine(f: ReportFilter, lang: ExportLang): string {
  const from = f.from ?? '…';
  const to = f.to ?? '…';
  return lang === 'zh-CN' ? `统计期间（北京时间）：${from} 至 ${to}` : `Period (China days): ${from} to ${to}`;
}

/** CSV, UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), CRLF lines; one block per table. */
export function reportCsv(report: Report, f: ReportFilter, lang: ExportLang): string {
  const lines: string[][] = [[reportWord(`report.${report.name}`, lang)], [periodLine(f, lang)], []];
  for (const s of report.summary) lines.push([reportWord(`sum.${s.key}`, lang), text(s.value, s.type, report, lang)]);
  for (const t of report.tables) {
    lines.push([], [reportWord(`table.${t.key}`, lang)], t.columns.map((c) => reportWord(`col.${c.key}`, lang)));
    for (const r of t.rows) lines.push(t.columns.map((c) => text(r[c.key] ?? null, c.type, report, lang)));
  }
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** An .xlsx workbook: a sheet of figures, then one sheet per table (Excel's sheet names: ≤ 31 characters, no []:*?/\). */
export async function reportXlsx(report: Report, f: ReportFilter, lang: ExportLang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Shouwen 首问';
  const overview = book.addWorksheet(reportWord(`report.${report.name}`, lang).slice(0, 31));
  overview.addRow([reportWord(`report.${report.name}`, lang)]).font = { bold: true };
  overview.addRow([periodLine(f, lang)]);
  for (const s of report.summary) {
    const row = overview.addRow([reportWord(`sum.${s.key}`, lang), excelValue(s.value, s.type, report, lang)]);
    const fmt = NUMBER_FORMAT[s.type];
    if (fmt) row.getCell(2).numFmt = fmt;
  }
  overview.getColumn(1).width = 30;
  for (const t of report.tables) {
    const sheet = book.addWorksheet(reportWord(`table.${t.key}`, lang).replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    sheet.addRow(t.columns.map((c) => reportWord(`col.${c.key}`, lang))).font = { bold: true };
    for (const r of t.rows) sheet.addRow(t.columns.map((c) => excelValue(r[c.key] ?? null, c.type, report, lang)));
    t.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(10, reportWord(`col.${c.key}`, lang).length * 2 + 2);
      const fmt = NUMBER_FORMAT[c.type];
      if (fmt) column.numFmt = fmt;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** 时效统计-20261202-2137.xlsx (China time), and an ASCII name for clients that ignore filename*. */
export function reportFileName(report: Report, at: Date, lang: ExportLang, ext: 'csv' | 'xlsx'): { utf8: string; ascii: string } {
  const stamp = shanghaiDateTime(at).replaceAll('-', '').replace(' ', '-').replace(':', '');
  return { utf8: `${reportWord(`report.${report.name}`, lang)}-${stamp}.${ext}`, ascii: `report-${report.name}-${stamp}.${ext}` };
}
