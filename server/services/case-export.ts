import type { CaseExportRow } from '../../db/cases';
import { shanghaiDateTime } from '../../domain/china-time';
import { processWords } from '../../contract/process-names';
import { MASKED_NAME, maskCaseVariables } from '../../policy/confidentiality';
import { csvCell } from '../../domain/csv';

// The 案例 list as a file for Excel: what the list shows, with names instead of codes, times in
// China and a case of a customer above the reader's clearance masked exactly as on the screen.

export type ExportLang = 'zh-CN' | 'en';

/** How many cases one export holds; a wider filter is refused rather than cut short silently. */
export const CASE_EXPORT_LIMIT = 10_000;

const STATUS: Record<ExportLang, Record<string, string>> = {
  'zh-CN': { running: '进行中', completed: '已完成', failed: '失败', terminated: '已终止' },
  en: { running: 'Running', completed: 'Completed', failed: 'Failed', terminated: 'Terminated' },
};

const when = (iso: string | null) => (iso ? shanghaiDateTime(new Date(iso)) : '');

const COLUMNS: Array<{ head: Record<ExportLang, string>; cell: (c: CaseExportRow, lang: ExportLang) => string }> = [
  { head: { 'zh-CN': '业务编号', en: 'Business key' }, cell: (c) => c.businessKey },
  { head: { 'zh-CN': '标题', en: 'Title' }, cell: (c) => c.title },
  { head: { 'zh-CN': '流程', en: 'Process' }, cell: (c, lang) => `${processWords(c.processKey, c.processName, lang)} v${c.processVersion}` },
  { head: { 'zh-CN': '状态', en: 'Status' }, cell: (c, lang) => STATUS[lang][c.status] ?? c.status },
  { head: { 'zh-CN': '客户编号', en: 'Customer no.' }, cell: (c) => c.customerId ?? '' },
  { head: { 'zh-CN': '客户', en: 'Customer' }, cell: (c) => c.customerName ?? '' },
  { head: { 'zh-CN': '相关编号', en: 'Numbers' }, cell: (c, lang) => c.numbers.join(lang === 'zh-CN' ? '、' : ', ') },
  { head: { 'zh-CN': '首问负责人', en: 'Owner' }, cell: (c) => c.ownerName ?? c.ownerId ?? '' },
  { head: { 'zh-CN': '发起人', en: 'Initiator' }, cell: (c) => c.initiatorName ?? c.initiatorId ?? '' },
  { head: { 'zh-CN': '单位', en: 'Unit' }, cell: (c, lang) => c.unitName[lang] ?? c.unitId },
  { head: { 'zh-CN': '发起时间（北京时间）', en: 'Started (China time)' }, cell: (c) => when(c.startedAt) },
  { head: { 'zh-CN': '结束时间（北京时间）', en: 'Ended (China time)' }, cell: (c) => when(c.endedAt) },
];

/** A case of a customer the reader is not cleared for: it exists, nothing of what is in it or who it is for. */
export function maskExportRow(c: CaseExportRow): CaseExportRow {
  return { ...maskCaseVariables(c), customerName: c.customerName === null ? null : MASKED_NAME, numbers: [] };
}

/** The CSV, UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), CRLF lines. */
export function casesCsv(rows: readonly CaseExportRow[], lang: ExportLang): string {
  const lines = [COLUMNS.map((col) => csvCell(col.head[lang])), ...rows.map((c) => COLUMNS.map((col) => csvCell(col.cell(c, lang))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** 案例-20261202-2137.csv (China time), and an ASCII name for clients that ignore filename*. */
export function exportFileName(at: Date, lang: ExportLang): { utf8: string; ascii: string } {
  const stamp = shanghaiDateTime(at).replaceAll('-', '').replace(' ', '-').replace(':', '');
  return { utf8: `${lang === 'zh-CN' ? '案例' : 'cases'}-${stamp}.csv`, ascii: `cases-${stamp}.csv` };
}
