import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zh } from './messages';
import { zhInbox } from './messages.inbox';

// The inbox route renders with messages.inbox.ts alone until messages.ts has loaded (catalog.ts).
// Every key its modules name must be there: the modules reached from the console's entries through
// static imports (lazy pages load all strings first, see lazyPage.ts), and every key under a prefix
// they build keys from (`outcome.${x}`), except those of BPMN problems (only the editor shows them).

const src = new URL('..', import.meta.url).pathname;
const ON_DEMAND_PREFIXES = ['bpmn.', 'bpmnType.', 'bpmnTrigger.', 'feelPlace.'];

function staticModules(entries: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    const text = readFileSync(file, 'utf8');
    found.set(file, text);
    // `import … from './x'` and `export … from './x'`, not `import type` and not `import('./x')`.
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
      const base = resolve(dirname(file), m[1]!);
      const target = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ext) => base + ext).find((p) => /\.tsx?$/.test(p) && exists(p));
      if (target && target.startsWith(src)) visit(target);
    }
  };
  for (const e of entries) visit(e);
  return found;
}

const exists = (p: string) => {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
};

describe('messages.inbox.ts', () => {
  const modules = staticModules([join(src, 'main.tsx'), join(src, 'boot.ts')]);
  const allKeys = new Set(Object.keys(zh));

  it('walks the inbox route (and not the lazy pages)', () => {
    const names = [...modules.keys()].map((f) => f.slice(src.length));
    expect(names).toContain('pages/Inbox/InboxPage.tsx');
    expect(names).toContain('pages/AppLayout.tsx');
    expect(names).not.toContain('pages/Task/TaskPage.tsx');
    expect(names).not.toContain('i18n/messages.ts');
  });

  it('has every key the inbox route names', () => {
    const missing: string[] = [];
    for (const [file, text] of modules) {
      if (file.endsWith('messages.inbox.ts')) continue;
      for (const m of text.matchAll(/['"]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"]/g)) {
        const key = m[1]!;
        if (allKeys.has(key) && !Object.hasOwn(zhInbox, key) && !ON_DEMAND_PREFIXES.some((p) => key.startsWith(p))) missing.push(`${key} (${file.slice(src.length)})`);
      }
      for (const m of text.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\.)\$\{/g)) {
        const prefix = m[1]!;
        if (ON_DEMAND_PREFIXES.includes(prefix)) continue;
        for (const key of allKeys) if (key.startsWith(prefix) && !Object.hasOwn(zhInbox, key)) missing.push(`${key} (${prefix}… in ${file.slice(src.length)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says each of its strings as messages.ts does (one source: messages.ts spreads it)', () => {
    for (const [key, text] of Object.entries(zhInbox)) expect(zh[key as keyof typeof zh], key).toBe(text);
  });
});
