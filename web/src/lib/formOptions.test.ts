import { describe, expect, it } from 'vitest';
import type { FormJsSchema } from '../../../contract';
import { formOptionLabel } from './formOptions';

const forms = {
  register: { components: [{ key: 'severity', type: 'select', values: [{ value: 'serious', label: '严重' }] }] },
  investigation: { components: [{ type: 'group', components: [{ key: 'responsibleDepartment', type: 'select', values: [{ value: 'quality', label: '质量管理部' }] }] }] },
} as unknown as Record<string, FormJsSchema>;

describe('formOptionLabel', () => {
  it('finds the label in any form, nested groups included', () => {
    expect(formOptionLabel(forms, 'severity', 'serious')).toBe('严重');
    expect(formOptionLabel(forms, 'responsibleDepartment', 'quality')).toBe('质量管理部');
  });

  it('falls back to the value, and to a dash when there is none', () => {
    expect(formOptionLabel(forms, 'severity', 'unknown')).toBe('unknown');
    expect(formOptionLabel(undefined, 'severity', null)).toBe('—');
  });
});
