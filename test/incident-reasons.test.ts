import { describe, expect, it } from 'vitest';
import { evalFeel, FeelEvaluationError } from '../bpmn/feel-eval';
import { ProcessIncident } from '../workflows/bpmn/errors';
import { classifyFeelFailure } from '../contract/feel-failure';
import { classifyIncident, incidentElementId } from '../contract/incident-reasons';

/** The line the engine stores for a FEEL failure at `elementId` (interpreter.feel wraps it in a ProcessIncident). */
function feelIncident(elementId: string, expression: string, context: Record<string, unknown> = {}): string {
  try {
    evalFeel(expression, context);
  } catch (err) {
    if (err instanceof FeelEvaluationError) return new ProcessIncident(elementId, err.message).message;
  }
  throw new Error(`${expression} evaluated`);
}

describe('why an incident stopped a case, from the line the engine stored', () => {
  it('a FEEL expression that could not be evaluated, with why (syntax, or one of the budget limits)', () => {
    expect(classifyIncident(feelIncident('Gateway_1', 'amount >'))).toEqual({ code: 'feel.failed', params: { failure: 'syntax' } });
    expect(classifyIncident(feelIncident('Flow_2', '{a: }'))).toEqual({ code: 'feel.failed', params: { failure: 'syntax' } });
    expect(classifyIncident(feelIncident('Task_1', 'for i in 1..100000000 return i'))).toEqual({ code: 'feel.failed', params: { failure: 'rangeTooLong', count: 100000000, limit: 100000 } });
    expect(classifyIncident(feelIncident('Task_1', 'matches(x, "(a+)+")', { x: 'aaa' }))).toEqual({ code: 'feel.failed', params: { failure: 'unsafePattern', function: 'matches' } });
    expect(classifyIncident('Task_1: FEEL "x": the evaluation would take more than 100000 steps (elements iterated, functions called)').params).toEqual({ failure: 'overSteps', limit: 100000 });
    expect(classifyIncident('Task_1: FEEL "x": a value would be larger than 1000000 characters or elements').params).toEqual({ failure: 'overSize', limit: 1000000 });
    // A FEEL failure without the element (a token's own FeelEvaluationError), and one feelin words in a way we do not know.
    expect(classifyIncident('FEEL "a": Something new')).toEqual({ code: 'feel.failed', params: { failure: 'other' } });
  });

  it('the engine’s own problems, each with what it names', () => {
    const at = (why: string) => classifyIncident(new ProcessIncident('Element_9', why).message);
    expect(at('no outgoing condition is true and the gateway has no default flow')).toEqual({ code: 'gateway.noPath', params: {} });
    expect(at('job "fax" failed after 3 attempts: connect ECONNREFUSED 10.0.0.1:25')).toEqual({ code: 'job.failed', params: { taskType: 'fax', attempts: 3 } });
    expect(at('job "fax" failed after 1 attempt: boom')).toEqual({ code: 'job.failed', params: { taskType: 'fax', attempts: 1 } });
    expect(at('no job worker took job "fax" from task queue "crm" within 30 s: is a worker for this type running on that queue?')).toEqual({ code: 'job.noWorker', params: { taskType: 'fax', queue: 'crm', seconds: 30 } });
    expect(at('job "fax" returned a list; a job worker returns an object of variables')).toEqual({ code: 'job.badResult', params: { taskType: 'fax' } });
    expect(at('job "fax" returned string; a job worker returns an object of variables')).toEqual({ code: 'job.badResult', params: { taskType: 'fax' } });
    expect(at('more than 1000 steps without reaching a user task, service task, timer or message: a loop with no wait state')).toEqual({ code: 'loop.noWaitState', params: { steps: 1000 } });
    expect(at('timer value "P1X" is not a valid ISO 8601 duration')).toEqual({ code: 'timer.invalid', params: { kind: 'duration' } });
    expect(at('cron "0 0 9 31 2 *" matches no coming date')).toEqual({ code: 'timer.cronNoDate', params: {} });
    expect(at('inputCollection "=items" is not a list')).toEqual({ code: 'multiInstance.notList', params: { collection: '=items' } });
    expect(at('element missing from the model').code).toBe('model.missing');
    expect(at('sequence flow missing from the model').code).toBe('model.missing');
  });

  it('a decision table’s failure (a business rule task) as the decision API’s problem codes', () => {
    expect(classifyIncident('Decision "信用等级" could not be evaluated: FEEL "a >": Incomplete <Comparison>')).toEqual({ code: 'dmn.feel.failed', params: { decision: '信用等级', detail: 'FEEL "a >": Incomplete <Comparison>' } });
    expect(classifyIncident('Decision "信用等级" (hit policy UNIQUE) matched no rule and has no default output.')).toEqual({ code: 'dmn.unique.noMatch', params: { decision: '信用等级' } });
    expect(classifyIncident('Decision "信用等级" (hit policy UNIQUE) matched 2 rules (rules 1, 3); exactly one may match.')).toEqual({ code: 'dmn.unique.multiple', params: { decision: '信用等级', rules: '1, 3' } });
    expect(classifyIncident('Decision "d" (hit policy ANY) matched rules 2, 4 with different outputs.').code).toBe('dmn.any.conflict');
    expect(classifyIncident('Decision "d" aggregates with SUM, but rules 1 give values that are not numbers.').params).toEqual({ decision: 'd', aggregation: 'SUM', rules: '1' });
    expect(classifyIncident('Decision "grade" is not in 信用 (credit).').code).toBe('dmn.decision.unknown');
  });

  it('an uncaught BPMN error, by its code', () => {
    expect(classifyIncident('uncaught BPMN error NOT_FOUND from EndEvent_1')).toEqual({ code: 'bpmnError.uncaught', params: { errorCode: 'NOT_FOUND' } });
    expect(classifyIncident('BPMN error (no code) thrown at EndEvent_1')).toEqual({ code: 'bpmnError.uncaught', params: { errorCode: '' } });
  });

  it('words it does not know: a failed service task’s own failure at an element whose work failed, else unknown', () => {
    const ownWords = 'connect ECONNREFUSED 127.0.0.1:5432';
    expect(classifyIncident(ownWords, 'serviceTask')).toEqual({ code: 'service.failed', params: {} });
    expect(classifyIncident(ownWords, 'bpmn:businessRuleTask')).toEqual({ code: 'service.failed', params: {} });
    expect(classifyIncident(ownWords, 'userTask')).toEqual({ code: 'unknown', params: {} });
    expect(classifyIncident(ownWords)).toEqual({ code: 'unknown', params: {} });
    expect(classifyIncident('Task_1: something the engine never said')).toEqual({ code: 'unknown', params: {} });
    expect(classifyIncident('')).toEqual({ code: 'unknown', params: {} });
  });
});

describe('why a FEEL expression failed', () => {
  it('reads the budget’s and feelin’s words, with or without the FEEL "…": head', () => {
    expect(classifyFeelFailure('Incomplete <ArithmeticExpression>').code).toBe('syntax');
    expect(classifyFeelFailure('FEEL "x + ": Incomplete <ArithmeticExpression>').code).toBe('syntax');
    expect(classifyFeelFailure('FEEL "a: b": the evaluation would take more than 100000 steps (elements iterated, functions called)')).toEqual({ code: 'overSteps', params: { limit: 100000 } });
    expect(classifyFeelFailure('the pattern "(a+)+" of split() can take exponential time (nested repetition such as (a+)+)')).toEqual({ code: 'unsafePattern', params: { function: 'split' } });
    expect(classifyFeelFailure('FEEL "matches(t, \\"^a*a*a*b$\\")": the pattern "^a*a*a*b$" of matches() may take about 10^10 steps on a text of 3000 characters (repeated parts that may match the same characters, such as a*a*b, or many choices in a row)')).toEqual({
      code: 'slowPattern',
      params: { function: 'matches', length: 3000 },
    });
    expect(classifyFeelFailure('no idea').code).toBe('other');
  });
});

describe('the element a stored line names', () => {
  it('the ProcessIncident’s element, the thrower of an uncaught BPMN error, else none', () => {
    expect(incidentElementId('Gateway_1: no outgoing condition is true and the gateway has no default flow')).toBe('Gateway_1');
    expect(incidentElementId('uncaught BPMN error NOT_FOUND from EndEvent_1')).toBe('EndEvent_1');
    expect(incidentElementId('FEEL "a: b": Incomplete <X>')).toBeUndefined();
    expect(incidentElementId('Decision "d" (hit policy UNIQUE) matched no rule and has no default output.')).toBeUndefined();
    expect(incidentElementId('connect ECONNREFUSED 127.0.0.1:5432')).toBeUndefined();
  });
});
