import { describe, expect, it } from 'vitest';
import { emptyForm, formIdProblem, formLabel, formRows, formsToSend, suggestFormId, type FormUse } from './diagramForms';

const form = (label: string) => ({ components: [{ type: 'textfield', key: 'a', label }] });

describe('the forms a diagram uses, in the 表单 drawer', () => {
  it('lists forms in use first with the steps showing them, marks a named but missing form and the edited ones', () => {
    const rows = formRows(
      { 'b-unused': form('x'), 'a-used': form('y') },
      [
        { elementId: 'T1', name: '登记', formId: 'a-used' },
        { elementId: 'T2', name: '审批', formId: 'gone' },
        { elementId: 'T3', name: '复核', formId: 'a-used' },
      ],
      new Set(['b-unused']),
    );
    expect(rows.map((r) => [r.formId, r.uses.map((u) => u.elementId), r.missing, r.edited])).toEqual([
      ['a-used', ['T1', 'T3'], false, false],
      ['gone', ['T2'], true, false],
      ['b-unused', [], false, true],
    ]);
  });

  it('refuses an empty, malformed or taken id for a new form', () => {
    expect(formIdProblem('  ', [])).toBe('formId.empty');
    expect(formIdProblem('投诉表单', [])).toBe('formId.invalid');
    expect(formIdProblem('1-form', [])).toBe('formId.invalid');
    expect(formIdProblem('a'.repeat(101), [])).toBe('formId.invalid');
    expect(formIdProblem('complaint-register', ['complaint-register'])).toBe('formId.taken');
    expect(formIdProblem('complaint-extra', ['complaint-register'])).toBeNull();
  });

  it('suggests the first free <process>-form-N, a valid id even for an odd key', () => {
    expect(suggestFormId('complaint', ['complaint-form-1', 'complaint-form-3'])).toBe('complaint-form-2');
    expect(suggestFormId(undefined, [])).toBe('process-form-1');
    expect(formIdProblem(suggestFormId('9 投诉', []), [])).toBeNull();
  });

  it('sends the base version forms with the ones edited here replacing theirs', () => {
    const sent = formsToSend({ a: form('old'), b: form('b') }, { a: form('new'), c: emptyForm('c') });
    expect(sent).toEqual({ a: form('new'), b: form('b'), c: { type: 'default', id: 'c', components: [] } });
  });
});

describe('a form as people know it', () => {
  const t = (key: 'formEditor.formOf' | 'formEditor.formUnused', vars?: Record<string, string>) => (key === 'formEditor.formOf' ? `${vars?.steps}的表单` : '尚未被步骤使用的表单');
  const step = (u: FormUse) => (u.name ? `「${u.name}」` : '未命名的人工任务');
  it('by the steps that show it, by name else by kind, never by its id', () => {
    expect(formLabel([{ elementId: 'register', name: '受理投诉', formId: 'complaint-register' }], step, t)).toBe('「受理投诉」的表单');
    expect(formLabel([{ elementId: 'Activity_0x9f', name: '', formId: 'complaint-register' }, { elementId: 'b', name: '复核', formId: 'complaint-register' }], step, t)).toBe('未命名的人工任务、「复核」的表单');
    expect(formLabel([], step, t)).toBe('尚未被步骤使用的表单');
  });
});
