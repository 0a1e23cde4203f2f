import { ownProcessName } from '../../../contract/process-names';
import type { MessageKey } from '../i18n/messages';

export { ownProcessName };

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A process as people read it: its name, else 未命名流程（key） (the key the only thing telling two unnamed processes apart). */
export function processText(processKey: string, name: string | null | undefined, t: Translate): string {
  return ownProcessName(processKey, name) ?? t('process.unnamed', { key: processKey });
}
