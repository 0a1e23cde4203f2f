import { describe, expect, it } from 'vitest';
import { caseEndNote } from './case-end-note';

describe('the note of a case-ended notice', () => {
  it('never carries the engine’s English line: a failure points to the case page, a cancellation says so, a person’s reason stays', () => {
    expect(caseEndNote({ status: 'failed', reason: 'uncaught BPMN error E1 from Task_1' })).toBe('流程运行出错而停止，原因见案例页的处理记录。');
    expect(caseEndNote({ status: 'failed', reason: 'Activity task failed: connect ECONNREFUSED 127.0.0.1:5432' })).not.toMatch(/[A-Za-z]/);
    expect(caseEndNote({ status: 'terminated', reason: 'cancelled' })).toBe('案例被取消。');
    expect(caseEndNote({ status: 'terminated', reason: '处理故障时取消：流程图有死循环' })).toBe('处理故障时取消：流程图有死循环');
    expect(caseEndNote({ status: 'completed' })).toBe('');
  });
});
