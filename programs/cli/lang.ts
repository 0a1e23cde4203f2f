import type { ProblemLang } from '../../contract/problem-text';
import { CliError, EXIT } from './context';

// The CLI speaks Chinese by default, like the console; SHOUWEN_LANG=en switches every line to
// English (messages, table headers, refusals). One setting, read once per run by main().

export type CliLang = ProblemLang;

let current: CliLang = 'zh-CN';

/** SHOUWEN_LANG: unset, `zh`, `zh-CN` → Chinese; `en`, `en-US` … → English; anything else is a usage error. */
export function langFromEnv(env: NodeJS.ProcessEnv): CliLang {
  const value = env.SHOUWEN_LANG?.trim().toLowerCase();
  if (!value || value === 'zh' || value.startsWith('zh-') || value.startsWith('zh_')) return 'zh-CN';
  if (value === 'en' || value.startsWith('en-') || value.startsWith('en_')) return 'en';
  // Said in both languages: the setting that would choose one is what is wrong.
  throw new CliError(`SHOUWEN_LANG 只能是 zh 或 en，而不是“${env.SHOUWEN_LANG}”。(SHOUWEN_LANG must be zh or en.)`, EXIT.usage);
}

export const setLang = (lang: CliLang) => {
  current = lang;
};

export const cliLang = (): CliLang => current;

/** The line in the CLI's language: Chinese, or English with SHOUWEN_LANG=en. */
export const say = (zh: string, en: string): string => (current === 'en' ? en : zh);
