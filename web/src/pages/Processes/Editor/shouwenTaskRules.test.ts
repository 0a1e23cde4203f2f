import { describe, expect, it } from 'vitest';
import { assigneeOptions, candidateScopeOptions, dueDaysProblem, dueDaysValue, outcomesProblem, roleOptions } from './shouwenTaskRules';

describe('首问 task properties as typed', () => {
  it('accepts outcome ids separated by commas and names what is wrong otherwise', () => {
    expect(outcomesProblem('')).toBeNull();
    expect(outcomesProblem('approve, reject')).toBeNull();
    expect(outcomesProblem('approve,,reject')).toBe('结果之间用一个逗号分隔，不要留空项');
    expect(outcomesProblem('approve,同意')).toContain('“同意”不是有效的结果标识');
    expect(outcomesProblem('approve,reject,approve')).toBe('结果“approve”重复');
  });

  it('takes N 个工作日 as a whole number above zero', () => {
    expect(dueDaysProblem('')).toBeNull();
    expect(dueDaysProblem('3')).toBeNull();
    for (const bad of ['0', '-1', '1.5', '三', '3天']) expect(dueDaysProblem(bad), bad).toContain('大于 0 的整数');
    expect(dueDaysValue(' 5 ')).toBe(5);
    expect(dueDaysValue('0')).toBeUndefined();
    expect(dueDaysValue('')).toBeUndefined();
  });

  it('offers the org roles by their Chinese names with their codes', () => {
    const options = roleOptions();
    expect(options[0]).toEqual({ value: '', label: '（未指定）' });
    expect(options).toContainEqual({ value: 'cs_manager', label: '客服经理（cs_manager）' });
    expect(options.map((o) => o.value)).toContain('general_manager');
  });

  it('offers the candidate scopes the engine supports, keeping an unknown one visible', () => {
    expect(candidateScopeOptions('').map((o) => o.value)).toEqual(['', 'ancestors']);
    expect(candidateScopeOptions('ancestors').map((o) => o.value)).toEqual(['', 'ancestors']);
    expect(candidateScopeOptions('everywhere')).toContainEqual({ value: 'everywhere', label: 'everywhere（不支持）' });
    expect(candidateScopeOptions('unit').map((o) => o.value)).toContain('unit');
  });

  it('offers assignees by name with unit and roles, writing the id; keeps an expression or an unknown id as written', () => {
    const people = [
      { id: 'zj.cs_manager', displayName: '王经理', unitId: 'zj', roles: ['cs_manager'] },
      { id: 'hq.gm', displayName: '李总', unitId: 'hq', roles: ['general_manager', 'cs_manager'] },
    ];
    const options = assigneeOptions(people, '');
    expect(options[0]).toEqual({ value: '', label: '（未指定：交给候选角色）' });
    expect(options).toContainEqual({ value: 'zj.cs_manager', label: '王经理（zj · 客服经理）' });
    expect(options.find((o) => o.value === 'hq.gm')?.label).toMatch(/^李总（hq · .*总经理.*客服经理）$/);
    expect(options).toHaveLength(3);
    expect(assigneeOptions(people, '=initiator').at(-1)).toEqual({ value: '=initiator', label: '表达式：=initiator' });
    expect(assigneeOptions(people, 'gone.user').at(-1)).toEqual({ value: 'gone.user', label: 'gone.user' });
    expect(assigneeOptions(people, 'zj.cs_manager')).toHaveLength(3);
  });
});
