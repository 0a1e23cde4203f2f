import { describe, expect, it } from 'vitest';
import { validateFormData, type FormSchema } from './form-data';

const form: FormSchema = {
  components: [
    { type: 'text', text: '# 投诉登记' } as never,
    { type: 'textfield', key: 'contact', label: '联系人', validate: { required: true, maxLength: 20 } },
    { type: 'number', key: 'fee', label: '费用', validate: { min: 0 } },
    { type: 'select', key: 'severity', values: [{ value: 'high' }, { value: 'low' }] },
    { type: 'checkbox', key: 'isValid' },
    { type: 'group', components: [{ type: 'textfield', key: 'phone', validate: { pattern: '^1\\d{10}$' } }] } as FormSchema['components'][number],
  ],
};

describe('form data validation', () => {
  it('accepts valid data and extra variables', () => {
    expect(validateFormData(form, { contact: '王先生', fee: 10, severity: 'high', isValid: true, phone: '13800000000', other: 1 })).toEqual([]);
  });

  it('names every field that is wrong', () => {
    const problems = validateFormData(form, { fee: -1, severity: 'medium', isValid: 'yes', phone: '123' });
    expect(problems.map((p) => p.path)).toEqual(['contact', 'fee', 'severity', 'isValid', 'phone']);
    expect(problems[0]!.message).toBe('联系人 (contact) is required');
    expect(problems[1]!.message).toContain('at least 0');
  });

  it('gives each problem a code and the label and limit it names, for the console to word', () => {
    const problems = validateFormData(form, { fee: -1, severity: 'medium', isValid: 'yes', phone: '123' });
    expect(problems.map((p) => [p.code, p.params])).toEqual([
      ['form.required', { label: '联系人' }],
      ['form.min', { label: '费用', min: 0 }],
      ['form.option', { label: expect.any(String), options: expect.any(String) }],
      ['form.type', { label: expect.any(String), expected: 'boolean' }],
      ['form.pattern', { label: expect.any(String) }],
    ]);
  });

  it('checks types', () => {
    expect(validateFormData(form, { contact: '李', fee: '10' })).toEqual([{ path: 'fee', message: '费用 (fee) must be a number', code: 'form.type', params: { label: '费用', expected: 'number' } }]);
  });

  it('a pattern that is not a regular expression refuses the value instead of throwing', () => {
    const broken = { components: [{ type: 'textfield', key: 'code', label: '编码', validate: { pattern: '(' } }] } as FormSchema;
    expect(validateFormData(broken, { code: 'abc' })).toEqual([{ path: 'code', message: '编码 (code) does not match the expected format', code: 'form.pattern', params: { label: '编码' } }]);
  });
});
