import { describe, expect, it } from 'vitest';
import { feelProblem } from './feelCheck';

describe('FEEL checked as typed', () => {
  it('accepts expressions that parse and leaves literals alone', () => {
    for (const ok of ['=amount > 1000', '=responsibleDepartment', '=if vip then "cs_manager" else "cs_agent"', '= customer.phone + "x"', 'approve', '', undefined]) expect(feelProblem(ok), String(ok)).toBeNull();
  });

  it('names what is wrong in Chinese, as the compiler refuses the same text', () => {
    // The shapes bpmn/fixtures/invalid/feel-syntax.bpmn holds (compile.test.ts: FEEL that does not parse).
    for (const bad of ['=manager(', '=customer.phone +', '=amount >', '=duration(']) expect(feelProblem(bad), bad).toContain('FEEL 表达式不完整');
    expect(feelProblem('=order.(id')).toMatch(/^FEEL 表达式(有语法错误|不完整)/);
    expect(feelProblem('=if a then b')).toMatch(/^FEEL 表达式(有语法错误|不完整)/);
    expect(feelProblem('=  ')).toContain('FEEL 表达式为空');
    expect(feelProblem('=1 + * 2')).toBe('FEEL 表达式有语法错误：第 5 个字符附近（“* 2”）');
    expect(feelProblem('=x ) + 1')).toContain('第 3 个字符');
  });
});
