import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A process's own name, or undefined when it has none. The compiler stores the key as the name of a
 * process its diagram leaves unnamed (bpmn/compile.ts), so a name equal to the key is no name:
 * versions deployed that way say so in Chinese instead of showing the id as if it were a name.
 */
export function ownProcessName(processKey: string, name: string | null | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && trimmed !== processKey ? trimmed : undefined;
}

/** A process as people read it: its name, else 未命名流程（key） (the key the only thing telling two unnamed processes apart). */
export function processText(processKey: string, name: string | null | undefined, t: Translate): string {
  return ownProcessName(processKey, name) ?? t('process.unnamed', { key: processKey });
}
