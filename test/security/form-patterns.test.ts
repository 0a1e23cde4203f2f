import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormSchema } from '../../bpmn/form-data';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// Issue 11 §1: form patterns such as ^(a+)+$ (exponential on a crafted value, evaluated inside the
// case's workflow) and "(" (not a regular expression) deployed without a word.

describe('form patterns are checked at deploy', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('form-patterns');
  });
  afterAll(async () => e?.close());

  const diagram = (key: string, formId: string) =>
    bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('register', { ext: `<zeebe:formDefinition formId="${formId}"/>` })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'register')}${flow('f2', 'register', 'e')}`);
  const form = (id: string, pattern: string): FormSchema => ({ id, components: [{ type: 'textfield', key: 'phone', label: '联系电话', validate: { pattern } }] }) as FormSchema;

  it('refuses a pattern with nested repetition and one that is not a regular expression, naming the task, form and field; accepts a sound one', async () => {
    for (const [pattern, says, saysEn] of [
      ['^(a+)+$', '某些输入会耗时极长', /can take exponential time/],
      // Exponential too, and safe-regex2 lets them through: a repeated alternation, a back-reference, a lookaround.
      ['^(a|a)*$', '某些输入会耗时极长', /can take exponential time/],
      ['^(\\d|\\d\\d)+$', '某些输入会耗时极长', /can take exponential time/],
      ['^(a*)b\\1$', '某些输入会耗时极长', /can take exponential time/],
      ['^(?=a)a+$', '某些输入会耗时极长', /can take exponential time/],
      ['(', '不是有效的正则表达式', /is not a valid regular expression/],
    ] as const) {
      const key = uniqueKey('pattern');
      const res = await e.deploy(diagram(key, 'contact'), { contact: form('contact', pattern) });
      expect(res.statusCode, pattern).toBe(422);
      const problems = (res.body as { errors: Array<{ elementId: string; message: string }> }).errors;
      expect(problems).toEqual([expect.objectContaining({ elementId: 'register', message: expect.stringContaining(says) })]);
      expect(problems[0]!.message).toContain(`表单“contact”的字段“联系电话”（phone）：格式规则 ${pattern} `);
      // The compiler's English when the client asks for it.
      const en = await e.stack.app.inject({
        method: 'POST',
        url: '/api/processes',
        headers: { cookie: await e.cookie('hq.process_owner'), 'accept-language': 'en' },
        payload: { xml: diagram(key, 'contact'), changeNote: 'test deploy', forms: { contact: form('contact', pattern) } },
      });
      const english = (en.json() as { errors: Array<{ elementId: string; message: string }> }).errors;
      expect(english).toEqual([expect.objectContaining({ elementId: 'register', message: expect.stringMatching(saysEn) })]);
      expect(english[0]!.message).toContain('Form "contact", field "联系电话" (phone)');
    }
    const ok = await e.deploy(diagram(uniqueKey('pattern'), 'contact'), { contact: form('contact', '^[0-9+() -]{5,20}$') });
    expect(ok.statusCode).toBe(201);
  });

  // Polynomial backtracking (parts trading letters) with a count V8's linear fallback does not take: deployed with a warning,
  // and the case's task refuses a value past the format's bound without running it (seconds on 300 letters, in the validator).
  it('deploys a format slow on long values with a warning, and refuses such a value in words instead of running it', async () => {
    const key = uniqueKey('slow-format');
    const deployed = await e.deploy(diagram(key, 'contact'), { contact: form('contact', '^[a-z]{0,17}[a-z]*[a-z]*[a-z]*@$') });
    expect(deployed.statusCode).toBe(201);
    expect((deployed.body as { warnings: Array<{ code: string; message: string }> }).warnings.filter((w) => w.code.startsWith('bpmn.form.'))).toEqual([
      expect.objectContaining({ elementId: 'register', code: 'bpmn.form.patternTextLimit', message: expect.stringContaining('超过 177 个字符的值会因过长而无法校验被拒绝') }),
    ]);
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['register']);
    const refused = await e.complete('zj.cs_manager', task!.id, { outcome: 'complete', data: { phone: 'a'.repeat(3000) } });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('“联系电话”过长，无法按格式校验（最多 177 个字符）');
    expect((await e.complete('zj.cs_manager', task!.id, { outcome: 'complete', data: { phone: 'ab@' } })).statusCode).toBe(200);
    // Nesting that multiplies nothing deploys now (safe-regex2's star height refused it): an amount, a landline.
    for (const pattern of ['^\\d+(\\.\\d+)?$', '^(0\\d{2,3}-)?\\d{7,8}$']) {
      expect((await e.deploy(diagram(uniqueKey('format'), 'contact'), { contact: form('contact', pattern) })).statusCode, pattern).toBe(201);
    }
  });

  it('checks a start event’s form too: the API runs its patterns as a case starts', async () => {
    const started = (key: string) =>
      bpmnXml(key, `<bpmn:startEvent id="s" name="登记"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/></bpmn:extensionElements></bpmn:startEvent>${userTask('register')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'register')}${flow('f2', 'register', 'e')}`);
    const res = await e.deploy(started(uniqueKey('start-pattern')), { intake: form('intake', '^(a|a)*$') });
    expect(res.statusCode).toBe(422);
    expect((res.body as { errors: Array<{ elementId: string; message: string }> }).errors).toEqual([
      expect.objectContaining({ elementId: 's', message: expect.stringContaining('「登记」：表单“intake”的字段“联系电话”（phone）：格式规则 ^(a|a)*$ 某些输入会耗时极长') }),
    ]);
    expect((await e.deploy(started(uniqueKey('start-pattern')), { intake: form('intake', '^[0-9+() -]{5,20}$') })).statusCode).toBe(201);
  });
});
