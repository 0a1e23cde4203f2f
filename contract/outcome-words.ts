import type { ProblemLang } from './problem-text';

/**
 * The known outcomes of a step in words (同意 / 驳回 / 完成), for the console's catalogs and the
 * CLI alike; any other outcome a diagram names is shown as it is written.
 */
export const OUTCOME_WORDS = {
  approve: { 'zh-CN': '同意', en: 'Approve' },
  reject: { 'zh-CN': '驳回', en: 'Reject' },
  complete: { 'zh-CN': '完成', en: 'Complete' },
} as const satisfies Record<string, Record<ProblemLang, string>>;

export function outcomeWord(outcome: string, lang: ProblemLang): string {
  return (OUTCOME_WORDS as Record<string, Record<ProblemLang, string>>)[outcome]?.[lang] ?? outcome;
}
