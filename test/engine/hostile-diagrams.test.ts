import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEPS_WITHOUT_WAIT } from '../../workflows/bpmn/interpreter';
import { bpmnXml, flow, timerDuration, uniqueKey } from '../bpmn-xml';
import { compileFixture, startEngineEnv, type EngineEnv } from './engine-env';

// Issue 11 §1: a diagram that loops without ever waiting used to hold the worker in one
// workflow task until it ran out of memory, crash-looping it and stopping every other case.

const script = (id: string, expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

/** start → count (n := n + 1) → again? — default flow back to count; `n > limit` leaves. */
const loopingXml = (key: string, limit: number) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${script('count', '=if n = null then 1 else n + 1', 'n')}
     <bpmn:exclusiveGateway id="again" default="back"/><bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'end', `=n > ${limit}`)}${flow('back', 'again', 'count')}`,
  );

describe('engine: hostile diagrams', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a loop with no wait state becomes an incident of its own case, and other cases keep moving', async () => {
    const endless = await compileFixture(loopingXml(uniqueKey('endless'), Number.MAX_SAFE_INTEGER));
    const key = uniqueKey('ordinary');
    // A case that waits an hour on a timer: it finishes only if the worker goes on serving after the bad one.
    const ordinary = await compileFixture(
      bpmnXml(key, `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const other = await start(ordinary);
      const bad = await start(endless);
      const err = await bad.result().catch((x: unknown) => x);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const reason = (err as WorkflowFailedError).cause?.message ?? '';
      expect(reason).toMatch(/^(count|again): more than 1000 steps without reaching a user task, service task, timer or message/);
      expect(stubs.ended.get(bad.workflowId)).toEqual({ status: 'failed', reason });
      // The same worker still serves the other case.
      expect((await other.result()).status).toBe('completed');
    });
  });

  it('a FEEL expression over its budget becomes an incident of its step, and other cases keep moving', async () => {
    // The bound comes from a variable, so the compiler cannot see it; the worker must.
    const huge = await compileFixture(
      bpmnXml(
        uniqueKey('huge-feel'),
        `<bpmn:startEvent id="start"/>${script('seed', '=100000000', 'n')}${script('explode', '=count(for i in 1..n return i)', 'c')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'seed')}${flow('f2', 'seed', 'explode')}${flow('f3', 'explode', 'end')}`,
      ),
    );
    const ordinary = await compileFixture(
      bpmnXml(
        uniqueKey('ordinary'),
        `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent>${script('sum', '=sum(for i in 1..1000 return i)', 's')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'sum')}${flow('f3', 'sum', 'end')}`,
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const other = await start(ordinary);
      const bad = await start(huge);
      const err = await bad.result().catch((x: unknown) => x);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const reason = (err as WorkflowFailedError).cause?.message ?? '';
      expect(reason).toBe('explode: FEEL "count(for i in 1..n return i)": the range [1..100000000] has 100000000 values, more than the 100000 steps one expression may take');
      expect(stubs.ended.get(bad.workflowId)).toEqual({ status: 'failed', reason });
      const done = await other.result();
      expect(done.status).toBe('completed');
      expect(done.variables.s).toBe(500500);
    });
  });

  it('a loop that waits nowhere but ends within the bound still completes', async () => {
    const bounded = await compileFixture(loopingXml(uniqueKey('bounded'), Math.floor(MAX_STEPS_WITHOUT_WAIT / 2) - 10));
    await e.withWorker(async ({ start }) => {
      const handle = await start(bounded);
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(result.variables.n).toBe(Math.floor(MAX_STEPS_WITHOUT_WAIT / 2) - 9);
    });
  });
});
