import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBpmn } from '../../bpmn/compile';
import { correlateMessageUpdate } from '../../workflows/bpmn/messages';
import { bpmnXml, flow, timerDuration, uniqueKey } from '../bpmn-xml';
import { caseState, compileFixture, startEngineEnv, stateWhen, type EngineEnv } from './engine-env';

// Issue 13 §5: an event-based gateway races a customer's reply (a receive task) against a
// three-day timer; a none throw event marks a milestone on the way.

const MESSAGES = '<bpmn:message id="reply" name="customer-reply"/>';
const diagram = (key: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="sent" name="已发出回访信"/><bpmn:eventBasedGateway id="race"/>
     <bpmn:receiveTask id="wait" name="等待客户回复" messageRef="reply"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=rating" target="rating"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:receiveTask>
     <bpmn:intermediateCatchEvent id="late" name="三天未回复">${timerDuration('P3D')}</bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="answered" name="已回复"/><bpmn:endEvent id="silent" name="未回复"/>
     ${flow('f1', 'start', 'sent')}${flow('f2', 'sent', 'race')}${flow('f3', 'race', 'wait')}${flow('f4', 'race', 'late')}${flow('f5', 'wait', 'answered')}${flow('f6', 'late', 'silent')}`,
    '',
    MESSAGES,
  );

describe('engine: event-based gateway, receive task, milestone', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('the reply wins when it comes first; the timer is withdrawn', async () => {
    const model = await compileFixture(diagram(uniqueKey('reply')));
    expect(model.elements['wait']).toMatchObject({ type: 'intermediateCatchEvent', trigger: { kind: 'message', messageName: 'customer-reply' } });
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      await stateWhen(handle, (s) => s.activeElements.includes('race'), 'the token at the gateway');
      expect(await handle.executeUpdate(correlateMessageUpdate, { args: [{ messageName: 'customer-reply', variables: { rating: 4 } }] })).toEqual({ consumed: true });
      const result = await handle.result();
      expect(result.variables.rating).toBe(4);
      const counts = (await caseState(handle)).completedCounts;
      expect(counts).toMatchObject({ sent: 1, race: 1, wait: 1, answered: 1 });
      expect(counts['late']).toBeUndefined();
      expect(stubs.calls.find(([name]) => name === 'projectCaseMilestone')?.[1]).toMatchObject({ kind: 'milestone', payload: { elementId: 'sent', name: '已发出回访信' } });
    });
  });

  it('the timer wins when nobody answers in three days', async () => {
    const model = await compileFixture(diagram(uniqueKey('silent')));
    await e.withWorker(async ({ start }) => {
      const handle = await start(model);
      await stateWhen(handle, (s) => s.activeElements.includes('race'), 'the token at the gateway');
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect((await caseState(handle)).completedCounts).toMatchObject({ late: 1, silent: 1 });
      expect((await caseState(handle)).completedCounts['wait']).toBeUndefined();
    });
  });

  it('refuses a gateway with one way out or one that leads to a task', async () => {
    const codes = async (body: string) => {
      const r = await compileBpmn(bpmnXml(uniqueKey('bad'), body, '', MESSAGES));
      return r.ok ? [] : r.problems.map((p) => p.code);
    };
    expect(await codes(`<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/><bpmn:intermediateCatchEvent id="t">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'g')}${flow('f2', 'g', 't')}${flow('f3', 't', 'e')}`)).toEqual(['bpmn.eventGateway.fewFlows']);
    expect(
      await codes(
        `<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/><bpmn:intermediateCatchEvent id="t">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent><bpmn:scriptTask id="x"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="y"/></bpmn:extensionElements></bpmn:scriptTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'g')}${flow('f2', 'g', 't')}${flow('f3', 'g', 'x')}${flow('f4', 't', 'e')}${flow('f5', 'x', 'e')}`,
      ),
    ).toEqual(['bpmn.eventGateway.notCatch']);
  });
});
