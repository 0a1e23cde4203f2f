import type { ModelProblem } from '../../bpmn/model';
import { isModelProblem, modelProblemLine, refusalErrorText } from '../../contract/model-problem-text';
import { problemText, type ProblemLike } from '../../contract/problem-text';
import { shanghaiDateTime } from '../../domain/china-time';
import type { HttpProblem } from '../../server/http/problem';
import { cliLang, say } from './lang';

// Chinese task names and titles take two terminal columns per character; padding by string
// length would misalign every column after them.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Rows aligned under a header, columns separated by two spaces; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * One line per problem, `file: 「element name」：message` (`file: message` for the whole file), so it
 * greps well. The element by its name (else its kind, never its id), the message in Chinese by its
 * code, worded as the console's editor and the API word it (contract/model-problem-text.ts); with
 * SHOUWEN_LANG=en the compiler's own (English) message.
 */
export function problemLines(file: string, problems: ModelProblem[], prefix = ''): string[] {
  const lang = cliLang();
  return problems.map((p) => `${file}: ${prefix}${modelProblemLine(p, lang)}`);
}

/** The compiler's warnings, in the same greppable shape, marked as such. */
export const warningLines = (file: string, warnings: ModelProblem[]): string[] => problemLines(file, warnings, say('警告：', 'warning: '));

type FieldProblem = NonNullable<ProblemLike['errors']>[number];

/**
 * A refusal of a service, worded as the API words it (contract/problem-text.ts: in Chinese by its
 * code, from the console's catalog, the service's English detail when the catalog has none; in
 * English the service's detail), then its field problems, one per line.
 */
export function httpProblemLines(problem: HttpProblem): string[] {
  const lang = cliLang();
  const errors = Array.isArray(problem.extra.errors) ? (problem.extra.errors as FieldProblem[]) : [];
  // English: the service's own words, as the API answers an English request.
  // A compiler problem names its element itself (by its name): its path (`body.xml#Task_1`) is not shown.
  if (lang === 'en') return [`error ${problem.status}: ${problem.detail ?? problem.title}`, ...errors.map((e) => (isModelProblem(e) ? `  ${modelProblemLine(e, lang)}` : `  ${e.path ?? '?'}: ${e.message ?? ''}`))];
  // The field problems have lines of their own: the headline is the problem's sentence alone.
  const head = problemText({ status: problem.status, title: problem.title, detail: problem.detail, code: problem.code, ...(problem.extra.params && { params: problem.extra.params }) }, lang);
  return [`错误 ${problem.status}：${head}`, ...errors.map((e) => (isModelProblem(e) ? `  ${refusalErrorText(e, lang)}` : `  ${e.path ?? '?'}：${refusalErrorText(e, lang)}`))];
}

/** China time (Asia/Shanghai) to the minute, as the console shows it, whatever the machine's zone. */
export function shortTime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return shanghaiDateTime(d);
}

export const print = (lines: string | string[]) => {
  for (const line of typeof lines === 'string' ? [lines] : lines) process.stdout.write(`${line}\n`);
};

export const printError = (lines: string | string[]) => {
  for (const line of typeof lines === 'string' ? [lines] : lines) process.stderr.write(`${line}\n`);
};
