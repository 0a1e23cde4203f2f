import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../contract/departments';

// The investigation's picker, the departments users can work in and the database's table are one
// list: a department the form offers that no user can belong to would always fall back to 客服经理.
describe('departments', () => {
  it('the complaint investigation offers exactly the departments (and 其他), as the migration seeds them', () => {
    const form = JSON.parse(readFileSync(new URL('../bpmn/forms/complaint-investigation.form', import.meta.url), 'utf8')) as {
      components: Array<{ key?: string; values?: Array<{ label: string; value: string }> }>;
    };
    const picker = form.components.find((c) => c.key === 'responsibleDepartment')!.values!;
    expect(picker.filter((v) => v.value !== 'other')).toEqual(DEPARTMENTS.map((d) => ({ label: d.name, value: d.code })));
    const migration = readFileSync(new URL('../db/migrations/043_user_department.sql', import.meta.url), 'utf8');
    for (const d of DEPARTMENTS) expect(migration).toContain(`('${d.code}', '${d.name}', '${d.nameEn}')`);
  });
});
