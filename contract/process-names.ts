/**
 * A process's own name, or undefined when it has none. The compiler stores the key as the name of a
 * process its diagram leaves unnamed (bpmn/compile.ts), so a name equal to the key is no name:
 * whatever shows it (the console, an export, a case title) says 未命名流程 instead of the id.
 */
export function ownProcessName(processKey: string, name: string | null | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && trimmed !== processKey ? trimmed : undefined;
}

/** A process in words outside the console (exports, case titles): its name, else 未命名流程（key）. The console's are web/src/i18n's `process.unnamed`. */
export function processWords(processKey: string, name: string | null | undefined, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return ownProcessName(processKey, name) ?? (lang === 'zh-CN' ? `未命名流程（${processKey}）` : `Unnamed process (${processKey})`);
}
