import { beforeAll, describe, expect, it } from 'vitest';
import { compileBpmn } from '../bpmn/compile';
import type { FormSchema } from '../bpmn/form-data';
import { formPatternProblems } from '../bpmn/form-patterns';
import { messages } from '../web/src/i18n/allMessages';
import { loadAllZh } from '../web/src/i18n/catalog';
import { interpolate } from '../web/src/i18n/interpolate';
import type { MessageKey } from '../web/src/i18n/messages';
import { describeModelProblem } from '../web/src/lib/problems';
import { bpmnXml, flow } from './bpmn-xml';

// A bad format pattern in a form edited in the 表单 drawer is refused naming the form and the field
// in the owner's language (the check itself: test/security/form-patterns.test.ts).

const zh = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages['zh-CN'][key], vars);

describe('a form refused for its format pattern, in Chinese', () => {
  // The pages that word these (the editors, lazyPage) render only once every zh-CN string has loaded;
  // before that the console knows the inbox's strings only (web/src/i18n/catalog.ts).
  beforeAll(() => loadAllZh());

  it('names the form, the field by its label and key, and the pattern', async () => {
    const xml = bpmnXml('p', `<bpmn:startEvent id="s"/><bpmn:userTask id="register"><bpmn:extensionElements><zeebe:formDefinition formId="contact"/></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'register')}${flow('f2', 'register', 'e')}`);
    const compiled = await compileBpmn(xml);
    expect(compiled.ok, JSON.stringify(compiled.problems)).toBe(true);
    if (!compiled.ok) return;
    const form = (pattern: string) => ({ contact: { components: [{ type: 'textfield', key: 'phone', label: '联系电话', validate: { pattern } }] } }) as unknown as Record<string, FormSchema>;
    const [unsafe] = formPatternProblems(compiled.model, form('^(a+)+$')).problems;
    const [broken] = formPatternProblems(compiled.model, form('(')).problems;
    expect(describeModelProblem(unsafe!, zh)).toBe('表单“contact”的字段“联系电话”（phone）：格式规则 ^(a+)+$ 某些输入会耗时极长（重复中再嵌套重复如 (a+)+、重复的多选一如 (a|b)*、反向引用或前后查找）；请用字符类改写，如 [ab]*。');
    expect(describeModelProblem(broken!, zh)).toBe('表单“contact”的字段“联系电话”（phone）：格式规则 ( 不是有效的正则表达式。');
    // Polynomial: deployed, with a warning naming the length past which values are refused, unless the field's maximum length is within it.
    const slow = '^[a-z]{0,17}[a-z]*[a-z]*[a-z]*@$';
    const [limited] = formPatternProblems(compiled.model, form(slow)).warnings;
    expect(describeModelProblem(limited!, zh)).toMatch(/^表单“contact”的字段“联系电话”（phone）：格式规则 \^\[a-z\]\{0,17\}\[a-z\]\*\[a-z\]\*\[a-z\]\*@\$ 最坏情况下很慢：超过 \d+ 个字符的值会因过长而无法校验被拒绝；请给该字段设置不超过 \d+ 的最大长度，或改写格式。$/);
    const bounded = form(slow);
    (bounded.contact!.components[0] as { validate: { maxLength?: number } }).validate.maxLength = 50;
    expect(formPatternProblems(compiled.model, bounded)).toEqual({ problems: [], warnings: [] });
    // V8's linear fallback runs a format with no count over 16 in the API and the worker: no limit, no warning.
    expect(formPatternProblems(compiled.model, form('^[0-9+() -]{5,20}$')).warnings).toEqual([]);
    expect(formPatternProblems(compiled.model, form('^[a-z]*[a-z]*[a-z]*@$')).warnings).toEqual([]);
  });
});
