import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, userTask } from '../bpmn-xml';
import { signalMailboxName } from '../../bpmn/mailbox';
import { correlateMessageUpdate } from '../../workflows/bpmn/messages';
import { caseState, compileFixture, complete, openTasks, recordHistory, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// A signal is for whoever waits when it is broadcast: unlike a message it is never kept in the
// case's mailbox for a catch event reached later. Subscriptions and throws (PostgreSQL, other
// cases) are covered in test/integration/engine/messages.test.ts.

describe('engine: signal catch events', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a signal sent before the catch waits is dropped; one sent while it waits is taken with its variables', async () => {
    const model = await compileFixture(
      bpmnXml(
        'signal-catch',
        `<bpmn:startEvent id="s"/>${userTask('prepare')}<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>
         ${flow('f1', 's', 'prepare')}${flow('f2', 'prepare', 'wait')}${flow('f3', 'wait', 'e')}`,
        '',
        '<bpmn:signal id="sig" name="recall"/>',
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['prepare']);
      const send = (variables: Record<string, unknown>) => handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: signalMailboxName('recall'), variables }] });
      expect(await send({ reason: 'early' })).toEqual({ consumed: false });
      expect((await caseState(handle)).bufferedMessages).toEqual([]);
      await complete(handle, task!);
      const waiting = await stateWhen(handle, (s) => s.activeElements.includes('wait'), 'a token at the signal catch');
      // Not a message the case page could register.
      expect(waiting.awaitingMessages).toEqual([]);
      expect(await send({ reason: '召回' })).toEqual({ consumed: true });
      expect((await handle.result()).variables).toMatchObject({ reason: '召回' });
      expect(stubs.calls.filter(([name]) => name === 'openMessageSubscription').map(([, input]) => input)).toEqual([expect.objectContaining({ kind: 'signal', name: 'recall', elementId: 'wait', correlationKey: null })]);
      expect(stubs.calls.filter(([name]) => name === 'closeMessageSubscription')).toHaveLength(1);
    });
  });

  it('a non-interrupting signal start takes a signal that comes right after the previous one (its wait is not closed and reopened in between)', async () => {
    const model = await compileFixture(
      bpmnXml(
        'signal-esp-each',
        `<bpmn:startEvent id="s"/>${userTask('work')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'e')}
         <bpmn:subProcess id="onRecall" triggeredByEvent="true"><bpmn:startEvent id="recalled" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent><bpmn:endEvent id="noted"/>${flow('f3', 'recalled', 'noted')}</bpmn:subProcess>`,
        '',
        '<bpmn:signal id="sig" name="recall"/>',
      ),
    );
    let handle: CaseHandle | undefined;
    const send = () => handle!.executeUpdate(correlateMessageUpdate, { args: [{ messageName: signalMailboxName('recall'), variables: {} }] });
    // The second signal comes at the worst moment the case offers: while it closes a subscription
    // after the first (the old re-arm gap), or else just after the first instance started.
    let second: Promise<{ consumed: boolean }> | undefined;
    await e.withWorker(
      async ({ start, stubs }) => {
        handle = await start(model);
        const [task] = await openTasks(handle, ['work']);
        await stateWhen(handle, () => stubs.calls.some(([name, input]) => name === 'openMessageSubscription' && (input as { elementId: string }).elementId === 'recalled'), 'the signal start waiting');
        expect(await send()).toEqual({ consumed: true });
        await stateWhen(handle, (s) => s.completedCounts['noted'] === 1, 'the first instance');
        second ??= send();
        expect(await second).toEqual({ consumed: true });
        await stateWhen(handle, (s) => s.completedCounts['noted'] === 2, 'the second instance');
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
        // One subscription for the whole scope, closed when the scope ended.
        const of = (activity: string) => stubs.calls.filter(([name]) => name === activity);
        expect(of('openMessageSubscription')).toHaveLength(1);
        expect(of('closeMessageSubscription')).toHaveLength(1);
        await recordHistory(handle, 'signal-esp-non-interrupting-kept-open');
      },
      {
        closingSubscription: async () => {
          if (!handle || second) return;
          second = send();
          await second;
        },
      },
    );
  });
});
