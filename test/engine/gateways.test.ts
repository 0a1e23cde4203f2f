import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

describe('engine: gateways', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('exclusive gateway: takes the flow whose condition holds, else the default flow', async () => {
    const model = await compileFixture('elements/exclusive-gateway.bpmn');
    await e.withWorker(async ({ start }) => {
      const valid = await start(model, { isValid: true });
      const invalid = await start(model, { isValid: false });
      await complete(valid, (await openTasks(valid, ['investigate']))[0]!);
      await complete(invalid, (await openTasks(invalid, ['explain']))[0]!);
      await valid.result();
      await invalid.result();
      expect((await caseState(valid)).completedCounts).toMatchObject({ investigate: 1, merge: 1, end: 1 });
      expect((await caseState(invalid)).completedCounts).toMatchObject({ explain: 1, merge: 1 });
    });
  });

  it('exclusive gateway: a condition that fails to evaluate stops the case at an incident naming its flow', async () => {
    const model = await compileFixture('elements/exclusive-gateway.bpmn');
    // The compiler refuses broken FEEL today; a model deployed before a check existed may still carry some.
    model.flows.yes!.condition = 'isValid >';
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model, {});
      const { incidents } = await stateWhen(handle, (s) => s.incidents.length > 0, 'an incident');
      expect(incidents).toEqual([expect.objectContaining({ elementId: 'split', message: 'yes: FEEL "isValid >": Incomplete <Comparison>' })]);
      expect(stubs.ended.has(handle.workflowId)).toBe(false);
      await handle.terminate('test over');
    });
  });

  it('inclusive gateway: a failing condition is reported the same way', async () => {
    const model = await compileFixture('elements/inclusive-gateway.bpmn');
    const conditional = Object.values(model.flows).find((f) => f.condition)!;
    conditional.condition = 'x >';
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model, {});
      const { incidents } = await stateWhen(handle, (s) => s.incidents.length > 0, 'an incident');
      expect(incidents.map((i) => i.message)).toEqual([`${conditional.id}: FEEL "x >": Incomplete <Comparison>`]);
      expect(stubs.ended.has(handle.workflowId)).toBe(false);
      await handle.terminate('test over');
    });
  });

  it('parallel gateway: forks, and the join holds the first token until the other branch is done', async () => {
    const model = await compileFixture('elements/parallel-gateway.bpmn');
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      const [dispatch, parts] = await openTasks(handle, ['dispatch', 'parts']);
      await complete(handle, dispatch!);
      const waiting = await stateWhen(handle, (s) => s.activeElements.includes('join'), 'a token at the join');
      expect(waiting.activeElements.sort()).toEqual(['join', 'parts']);
      await complete(handle, parts!);
      expect((await handle.result()).status).toBe('completed');
      expect((await caseState(handle)).completedCounts).toMatchObject({ dispatch: 1, parts: 1, join: 1, end: 1 });
    });
  });
});
