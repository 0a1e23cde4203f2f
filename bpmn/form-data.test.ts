import { describe, expect, it } from 'vitest';
import { OPINION_PROPERTY, opinionField, validateFormData, withOpinion, withoutOpinionField, type FormSchema } from './form-data';

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

  // ^[a-z]{0,17}[a-z]*[a-z]*[a-z]*@$ on 300 letters: 1.7 s, parts trading characters; V8's linear fallback does not take
  // a count over 16 (without one it would, in the API and the worker: no limit then).
  it('does not run a format on a value longer than its bound, and says why; a maximum length refuses first', () => {
    const format = '^[a-z]{0,17}[a-z]*[a-z]*[a-z]*@$';
    const slow = { components: [{ type: 'textfield', key: 'mail', label: '邮箱', validate: { pattern: format } }] } as FormSchema;
    expect(validateFormData(slow, { mail: 'a'.repeat(3000) })).toEqual([
      { path: 'mail', message: '邮箱 (mail) is too long to be checked against its format (at most 177 characters)', code: 'form.patternTooLong', params: { label: '邮箱', n: 177 } },
    ]);
    expect(validateFormData(slow, { mail: 'ab@' })).toEqual([]);
    expect(validateFormData(slow, { mail: 'a'.repeat(100) }).map((p) => p.code)).toEqual(['form.pattern']);
    const linear = { components: [{ type: 'textfield', key: 'mail', label: '邮箱', validate: { pattern: '^[a-z]*[a-z]*[a-z]*@$' } }] } as FormSchema;
    expect(validateFormData(linear, { mail: `${'a'.repeat(20)}@` })).toEqual([]);
    const bounded = { components: [{ ...slow.components[0], validate: { pattern: format, maxLength: 50 } }] } as FormSchema;
    expect(validateFormData(bounded, { mail: 'a'.repeat(3000) }).map((p) => p.code)).toEqual(['form.maxLength']);
  });
});

describe('form data bounds', () => {
  // 2026-11-29 20:00 in China (12:00 UTC).
  const now = Date.parse('2026-11-29T12:00:00Z');
  const bounded: FormSchema = {
    components: [
      { type: 'number', key: 'laborHours', label: '工时（小时）', decimalDigits: 1, validate: { min: 0, max: 1000 } },
      { type: 'number', key: 'amount', label: '金额', decimalDigits: 2 },
      { type: 'number', key: 'count', label: '件数', decimalDigits: 0 },
      { type: 'datetime', subtype: 'datetime', key: 'deadline', label: '承诺处理期限', disallowPassedDates: true },
      { type: 'datetime', subtype: 'date', key: 'visitedOn', label: '上门日期' },
    ],
  };
  const problems = (data: Record<string, unknown>) => validateFormData(bounded, data, now).map((p) => `${p.path}: ${p.message}`);

  it('refuses a number past its maximum, and any number too large to store exactly', () => {
    expect(problems({ laborHours: 99999999999999999999 })).toEqual(['laborHours: 工时（小时） (laborHours) must be at most 1000']);
    expect(problems({ amount: 99999999999999999999 })).toEqual([`amount: 金额 (amount) is too large to be stored exactly (at most ${Number.MAX_SAFE_INTEGER})`]);
    expect(problems({ amount: -1e300 })).toHaveLength(1);
    expect(problems({ laborHours: 1000, amount: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it('holds numbers to the decimal places the form allows', () => {
    expect(problems({ laborHours: 2.5, amount: 5000.25, count: 3 })).toEqual([]);
    expect(problems({ laborHours: 2.55, amount: 0.001, count: 1.5 })).toEqual([
      'laborHours: 工时（小时） (laborHours) allows at most 1 decimal places',
      'amount: 金额 (amount) allows at most 2 decimal places',
      'count: 件数 (count) must be a whole number',
    ]);
    expect(problems({ amount: 1e-7 })).toHaveLength(1);
  });

  it('refuses a date before today (China time) where the form says so, and accepts today', () => {
    expect(problems({ deadline: '2026-11-28T23:59+08:00' })).toEqual(['deadline: 承诺处理期限 (deadline) may not be before today (2026-11-29)']);
    // 2026-11-28 16:30 UTC is already the 29th in China.
    expect(problems({ deadline: '2026-11-28T16:30:00Z' })).toEqual([]);
    expect(problems({ deadline: '2026-11-29T09:00+08:00' })).toEqual([]);
    expect(problems({ deadline: '2026-11-29' })).toEqual([]);
    // A date field that does not say so keeps past dates.
    expect(problems({ visitedOn: '2026-01-05' })).toEqual([]);
  });

  it('refuses days that do not exist and years nobody means', () => {
    expect(problems({ visitedOn: '2026-02-30' })).toEqual(['visitedOn: 上门日期 (visitedOn) must be a date between 1900 and 2199']);
    expect(problems({ visitedOn: '0226-03-01' })).toHaveLength(1);
    expect(problems({ deadline: '9999-12-31T00:00+08:00' })).toHaveLength(1);
  });
});

describe('the opinion field', () => {
  const form = {
    components: [
      { type: 'text', text: '请审核' },
      { type: 'number', key: 'creditLimit', label: '核定信用额度' },
      { type: 'textarea', key: 'reviewOpinion', label: '审核意见', properties: { [OPINION_PROPERTY]: 'true' }, validate: { required: true } },
    ],
  };

  it('is the text field the form marks, not any field named like one', () => {
    expect(opinionField(form)?.key).toBe('reviewOpinion');
    expect(opinionField({ components: [{ type: 'textarea', key: 'reviewOpinion', label: '审核意见' }] })).toBeUndefined();
    expect(opinionField({ components: [{ type: 'checkbox', key: 'x', properties: { [OPINION_PROPERTY]: 'true' } }] })).toBeUndefined();
    expect(opinionField(null)).toBeUndefined();
  });

  it('is left out of the form an open step shows, wherever it sits', () => {
    expect(withoutOpinionField(form).components.map((c) => c.key ?? c.type)).toEqual(['text', 'creditLimit']);
    const grouped = { components: [{ type: 'group', components: [form.components[1], form.components[2]] }] };
    expect(withoutOpinionField(grouped).components).toEqual([{ type: 'group', components: [form.components[1]] }]);
    const plain = { components: [{ type: 'textarea', key: 'note' }] };
    expect(withoutOpinionField(plain)).toBe(plain);
  });

  it('is filled by the comment, and fills a blank comment', () => {
    expect(withOpinion(form, { outcome: 'reject', comment: '额度过高', data: { creditLimit: 1 } })).toEqual({ outcome: 'reject', comment: '额度过高', data: { creditLimit: 1, reviewOpinion: '额度过高' } });
    expect(withOpinion(form, { outcome: 'reject', data: { reviewOpinion: '额度过高' } })).toEqual({ outcome: 'reject', comment: '额度过高', data: { reviewOpinion: '额度过高' } });
    // Both given: each kept as sent.
    expect(withOpinion(form, { outcome: 'approve', comment: '同意', data: { reviewOpinion: '同意，额度按建议' } })).toEqual({ outcome: 'approve', comment: '同意', data: { reviewOpinion: '同意，额度按建议' } });
    // Neither: nothing invented (the form's own "required" then refuses it).
    expect(withOpinion(form, { outcome: 'approve', comment: '  ' })).toEqual({ outcome: 'approve', comment: '  ' });
    const plain = { components: [{ type: 'textarea', key: 'note' }] };
    const body = { outcome: 'approve', comment: '同意' };
    expect(withOpinion(plain, body)).toBe(body);
    // What validation then says of the field, filled from the comment.
    expect(validateFormData(form, withOpinion(form, { comment: '同意' } as { comment?: string; data?: Record<string, unknown> }).data ?? {})).toEqual([]);
    expect(validateFormData(form, withOpinion(form, {} as { comment?: string; data?: Record<string, unknown> }).data ?? {}).map((p) => p.path)).toEqual(['reviewOpinion']);
  });
});
