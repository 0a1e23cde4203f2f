import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dmnTranslate } from '../web/src/pages/Decisions/dmnTranslations';
import { ZH_DMN } from '../web/src/pages/Decisions/dmnTranslations.zh';

// The decision table editor in Chinese: every literal template dmn-js's table, literal expression
// and shared packages pass to `translate`, and the hit policy labels it translates by variable,
// read from the installed sources so an upgrade that adds a string fails here.
const PACKAGES = ['dmn-js-decision-table/lib', 'dmn-js-shared/lib', 'dmn-js-literal-expression/lib'];

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

function templates(): Set<string> {
  const found = new Set<string>();
  for (const pkg of PACKAGES) {
    for (const file of jsFiles(join('node_modules', pkg))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/translate\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) found.add(m[2]!.replace(/\\(.)/g, '$1'));
      if (file.endsWith('HitPolicies.js')) for (const m of src.matchAll(/label: '([^']+)'/g)) found.add(m[1]!);
    }
  }
  return found;
}

describe('the decision table editor in Chinese', () => {
  const used = templates();

  it('reads the templates out of the installed packages', () => {
    expect(used.size).toBeGreaterThan(100);
    for (const known of ['Add rule', 'Hit policy:', 'When', 'Then', 'Collect (Sum)']) expect(used, known).toContain(known);
  });

  it('has a zh-CN entry for every template, and none that nothing uses', () => {
    expect([...used].filter((t) => !(t in ZH_DMN)).sort()).toEqual([]);
    expect(Object.keys(ZH_DMN).filter((k) => !used.has(k))).toEqual([]);
  });

  it('keeps the placeholders and fills them; en keeps the original', () => {
    const placeholders = (s: string) => [...s.matchAll(/{([^}]+)}/g)].map((m) => m[1]).sort();
    for (const [en, zh] of Object.entries(ZH_DMN)) expect(placeholders(zh), en).toEqual(placeholders(en));
    expect(dmnTranslate('zh-CN')('Expression language: {expressionLanguageLabel}', { expressionLanguageLabel: 'FEEL' })).toBe('表达式语言：FEEL');
    expect(dmnTranslate('zh-CN')('Add rule')).toBe('添加规则');
    expect(dmnTranslate('en')('Add rule')).toBe('Add rule');
  });
});
