import { describe, expect, it } from 'vitest';
import { awaitedMessages } from './awaitedMessages';

const model = {
  elements: {
    Event_CustomerSigned: {
      type: 'intermediateCatchEvent',
      name: '客户取货验收签字',
      trigger: { kind: 'message', messageName: 'customer-signed' },
      outputs: [{ source: 'signedBy', target: 'signedBy' }],
    },
    Event_Wait: { type: 'intermediateCatchEvent', trigger: { kind: 'timer' } },
    Task_Quote: { type: 'userTask', name: '报价' },
    Event_Withdrawn: { type: 'boundaryEvent', name: '客户撤回', attachedTo: 'Task_Quote', trigger: { kind: 'message', messageName: 'customer-withdrew' } },
  },
};

describe('awaitedMessages', () => {
  it('lists an active message catch event and message boundaries of active tasks', () => {
    expect(awaitedMessages(model, ['Event_CustomerSigned', 'Task_Quote']).map((m) => m.messageName)).toEqual(['customer-signed', 'customer-withdrew']);
  });

  it('prefers the catch elements the state reports, with the variables each declares', () => {
    expect(awaitedMessages(model, ['Task_Quote'], ['Event_CustomerSigned'])).toEqual([
      { elementId: 'Event_CustomerSigned', name: '客户取货验收签字', messageName: 'customer-signed', accepts: ['signedBy'] },
    ]);
  });

  it('lists the message start of an event sub-process the state says is armed', () => {
    const withStart = { elements: { ...model.elements, Start_Cancel: { type: 'startEvent', name: '客户撤销', trigger: { kind: 'message', messageName: 'customer-cancelled' }, outputs: [{ source: 'reason', target: 'reason' }] } } };
    expect(awaitedMessages(withStart, ['Task_Quote'], ['Start_Cancel'])).toEqual([{ elementId: 'Start_Cancel', name: '客户撤销', messageName: 'customer-cancelled', accepts: ['reason'] }]);
  });

  it('lists nothing when no waiting element is active, and tolerates a missing model', () => {
    expect(awaitedMessages(model, ['Event_Wait'])).toEqual([]);
    expect(awaitedMessages(undefined, ['Event_CustomerSigned'])).toEqual([]);
  });
});
