import { describe, expect, it } from 'vitest';
import { formIdOf, formPickerOptions, formUsesOf, setFormId, type Moddle, type PanelElement } from './formLinks';
import { editorTranslate } from './editorTranslations';
import { translateFormEditorText, translateFormEditorTitle } from './formEditorTranslations.zh';

// A moddle stand-in: properties in a map, get() like moddle's, and commands applied as bpmn-js's
// element.updateModdleProperties would (assigning the properties), so a test reads the result back.
const moddle = ($type: string, props: Record<string, unknown> = {}): Moddle & Record<string, unknown> => {
  const el = { $type, ...props, get: (name: string) => (el as Record<string, unknown>)[name] };
  return el;
};
const task = (formDef?: Record<string, unknown>): PanelElement => ({
  id: 'T1',
  type: 'bpmn:UserTask',
  businessObject: moddle('bpmn:UserTask', { id: 'T1', name: '登记', ...(formDef ? { extensionElements: moddle('bpmn:ExtensionElements', { values: [moddle('zeebe:TaskHeaders'), moddle('zeebe:FormDefinition', formDef)] }) } : {}) }) as unknown as PanelElement['businessObject'],
});
const services = () => {
  const executed: { cmd: string; context: Record<string, unknown> }[][] = [];
  return {
    executed,
    bpmnFactory: { create: (type: string, props: Record<string, unknown>) => moddle(type, props) },
    commandStack: {
      execute(cmd: string, commands: { cmd: string; context: Record<string, unknown> }[]) {
        expect(cmd).toBe('properties-panel.multi-command-executor');
        executed.push(commands);
        for (const c of commands) Object.assign(c.context['moddleElement'] as object, c.context['properties']);
      },
    },
  };
};

describe('a step linked to a form, as the compiler reads it', () => {
  it('reads formId, or the formKey the compiler also accepts', () => {
    expect(formIdOf(task({ formId: ' complaint-register ' }).businessObject)).toBe('complaint-register');
    expect(formIdOf(task({ formKey: 'legacy' }).businessObject)).toBe('legacy');
    expect(formIdOf(task().businessObject)).toBe('');
  });

  it('lists the user tasks and start events that name a form', () => {
    const els = [task({ formId: 'a' }), { type: 'bpmn:ServiceTask', businessObject: task({ formId: 'x' }).businessObject }, { ...task(), type: 'bpmn:UserTask' }];
    expect(formUsesOf(els)).toEqual([{ elementId: 'T1', elementType: 'userTask', name: '登记', formId: 'a' }]);
  });

  it('links a task without extension elements: creates them and the form definition in one undoable change', () => {
    const s = services();
    const t = task();
    setFormId(s, t, 'complaint-extra');
    expect(s.executed).toHaveLength(1);
    expect(formIdOf(t.businessObject)).toBe('complaint-extra');
  });

  it('relinks an existing definition, dropping a formKey so the new id is what the compiler reads, and keeps other extensions', () => {
    const s = services();
    const t = task({ formKey: 'old' });
    setFormId(s, t, 'new-form');
    expect(formIdOf(t.businessObject)).toBe('new-form');
    const values = (t.businessObject.get('extensionElements') as Moddle).get('values') as Moddle[];
    expect(values.map((v) => v.$type)).toEqual(['zeebe:TaskHeaders', 'zeebe:FormDefinition']);
    expect(values[1]!.get('formKey')).toBeUndefined();
  });

  it('unlinks with the empty choice, leaving the other extensions', () => {
    const s = services();
    const t = task({ formId: 'a' });
    setFormId(s, t, '');
    expect(formIdOf(t.businessObject)).toBe('');
    expect(((t.businessObject.get('extensionElements') as Moddle).get('values') as Moddle[]).map((v) => v.$type)).toEqual(['zeebe:TaskHeaders']);
  });

  it('offers none, then the forms at hand by name with the id as a hint, in name order, and keeps a missing current form visible as not found', () => {
    const t = (s: string, r: Record<string, string> = {}) => `[${s}]`.replace(/{([^}]+)}/g, (_, k: string) => r[k] ?? k);
    const forms = [
      { id: 'b', name: '「登记」的表单' },
      { id: 'a', name: '「审批」的表单' },
      { id: 'b', name: '「登记」的表单' },
    ];
    expect(formPickerOptions(forms, 'a', t)).toEqual([
      { value: '', label: '[<none>]' },
      { value: 'b', label: '[「登记」的表单 (b)]' },
      { value: 'a', label: '[「审批」的表单 (a)]' },
    ]);
    expect(formPickerOptions(forms, 'gone', t).at(-1)).toEqual({ value: 'gone', label: '[Form not found: gone]' });
  });

  it('reads in Chinese in the editor: the name first, the id in full-width brackets; a lost form said not found', () => {
    const zh = editorTranslate('zh-CN');
    const labels = formPickerOptions([{ id: 'complaint-register', name: '「受理投诉」的表单' }], 'complaint-gone', zh).map((o) => o.label);
    expect(labels).toEqual(['<无>', '「受理投诉」的表单（complaint-register）', '未找到的表单：complaint-gone']);
    expect(formPickerOptions([{ id: 'x', name: 'form of 「Register」' }], 'y', editorTranslate('en')).map((o) => o.label)).toEqual(['<none>', 'form of 「Register」 (x)', 'Form not found: y']);
  });
});

describe('the form editor in Chinese', () => {
  it('translates its fixed texts, keeping the spaces around them, and leaves other text alone', () => {
    expect(translateFormEditorText('Text field')).toBe('文本框');
    expect(translateFormEditorText(' Required ')).toBe(' 必填 ');
    expect(translateFormEditorText('客户名称')).toBeUndefined();
    expect(translateFormEditorText('constructor')).toBeUndefined();
  });

  it('translates the palette and context pad tooltips around the field kind', () => {
    expect(translateFormEditorTitle('Create a Text field element')).toBe('新建文本框');
    expect(translateFormEditorTitle('Create an Image view element')).toBe('新建图片');
    expect(translateFormEditorTitle('Remove Number')).toBe('删除数字');
    expect(translateFormEditorTitle('Remove form field')).toBe('删除字段');
    expect(translateFormEditorTitle('Toggle section')).toBe('展开/收起');
  });
});
