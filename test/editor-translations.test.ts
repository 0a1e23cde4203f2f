import { describe, expect, it } from 'vitest';
import { editorTranslate } from '../web/src/pages/Processes/Editor/editorTranslations';
import { ZH_FORM_PICKER } from '../web/src/pages/Processes/Editor/editorTranslations.forms.zh';
import { ZH_EDITOR } from '../web/src/pages/Processes/Editor/editorTranslations.zh';
import { editorStrings, typeLabel } from './editor-strings';

const placeholders = (s: string) => [...s.matchAll(/{([^}]+)}/g)].map((m) => m[1]).sort();

describe('the process editor in Chinese', () => {
  const { templates, unresolved } = editorStrings();

  it('reads the templates out of the installed packages (palette, context pad, replace menu, panel, header)', () => {
    // a floor, not a count: the reader finding nothing must not pass as "nothing missing"
    expect(templates.size).toBeGreaterThan(500);
    for (const known of ['Create start event', 'Append task', 'User task', 'Input mapping', 'Task definition', 'Collaboration', 'Timer Boundary Event (Non Interrupting)', 'List contains {numOfItems} items', 'Align elements left'])
      expect(templates, known).toContain(known);
  });

  it('understands every translate() call: a call it cannot read would hide its strings', () => {
    expect(unresolved).toEqual([]);
  });

  it('has a zh-CN entry for every template the installed packages use', () => {
    const missing = [...templates].filter((t) => !(t in ZH_EDITOR) && !(t in ZH_FORM_PICKER)).sort();
    // `npx tsx test/editor-strings.ts` lists these after an upgrade
    expect(missing).toEqual([]);
  });

  it('has no entry for a template nothing uses (a typo would never be shown)', () => {
    expect(Object.keys(ZH_EDITOR).filter((k) => !templates.has(k))).toEqual([]);
  });

  it('keeps every {placeholder} of the English template and says it in Chinese', () => {
    for (const [en, zh] of Object.entries({ ...ZH_EDITOR, ...ZH_FORM_PICKER })) {
      expect(placeholders(zh), en).toEqual(placeholders(en));
      // letters-only originals (ID, BPMN, FEEL, type names in code) may stay; words must not
      if (/[a-z]{3,} [a-z]{3,}/i.test(en) && !/[（(]List|TypedValue|Map</.test(en)) expect(zh, en).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('translates and fills placeholders in zh-CN, keeps the original in en', () => {
    const zh = editorTranslate('zh-CN');
    const en = editorTranslate('en');
    expect(zh('Create start event')).toBe('创建开始事件');
    expect(zh(typeLabel('Collaboration'))).toBe('协作');
    expect(zh(typeLabel('TimerBoundaryEventNonInterrupting'))).toBe('定时器边界事件（非中断）');
    expect(zh('List contains {numOfItems} items', { numOfItems: '3' })).toBe('列表含 3 项');
    expect(en('List contains {numOfItems} items', { numOfItems: '3' })).toBe('List contains 3 items');
    expect(en('User task')).toBe('User task');
  });
});
