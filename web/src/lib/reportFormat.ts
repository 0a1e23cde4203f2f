import { REPORT_WORDS, reportWord } from '../../../contract/report-words';
import type { Lang } from '../i18n/messages';

// How a report's cell reads on screen: the same rules as the exported files
// (server/services/report-export.ts) — rates as percentages, times in China, codes and units by name.

export type CellType = 'text' | 'count' | 'rate' | 'hours' | 'score' | 'money' | 'day' | 'datetime' | 'boolean' | 'code' | 'unit';
export type UnitNames = Record<string, { 'zh-CN': string; en: string }>;

/** A value stored as a code (severity, outcome, a SERVQUAL dimension) by its words; one stored as typed (电话) as it is. */
export const codeLabel = (v: string, lang: Lang) => (REPORT_WORDS[`code.${v}`] ? reportWord(`code.${v}`, lang) : v);

export function formatCell(value: string | number | boolean | null | undefined, type: CellType, lang: Lang, units: UnitNames = {}): string {
  if (value === null || value === undefined) return '—';
  switch (type) {
    case 'rate':
      return `${(Number(value) * 100).toFixed(1)}%`;
    case 'money':
      return `¥${Number(value).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'hours':
    case 'score':
      return Number(value).toLocaleString(lang, { maximumFractionDigits: 2 });
    case 'datetime':
      return new Date(String(value)).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
    case 'boolean':
      return value ? (lang === 'zh-CN' ? '是' : 'Yes') : lang === 'zh-CN' ? '否' : 'No';
    case 'code':
      return codeLabel(String(value), lang);
    case 'unit':
      return units[String(value)]?.[lang] ?? String(value);
    default:
      return String(value);
  }
}

/** The first and last day of the current month in China: a report page's period until the reader picks one. */
export function currentChinaMonth(now: Date): { from: string; to: string } {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(new Date(Date.UTC(y, m, 1))), to: day(new Date(Date.UTC(y, m + 1, 0))) };
}
