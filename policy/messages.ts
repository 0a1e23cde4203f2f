import { mailboxNameOf } from '../bpmn/mailbox';
import type { CandidateScope, ProcessModel } from '../bpmn/model';

// Who may send a case a message, and what it may carry: decided from the catch events that wait
// for it now. The API asks before anything reaches the workflow (server/services/case-service.ts).

/** One catch event a message would be delivered to. */
export interface MessageWait {
  elementId: string;
  messageName: string;
  /** Roles whose holders (in the case's unit, or above it for `ancestors`) may register it. */
  senderRoles: string[];
  senderScope: CandidateScope;
  /** Users named by the host task of a boundary event, who may register it too. */
  senderUsers: string[];
  /** The message variables it declares (its outputs' sources); nothing else may be sent. */
  accepts: string[];
}

/**
 * The catch events waiting for `messageName` (a signal's: its mailbox name) among `awaiting` (the element ids the case's state
 * query reports). An event names its senders with shouwen:candidateGroups; a boundary event on a
 * user task without them is sent by whoever the task is offered to; otherwise only an admin may.
 */
export function waitsFor(model: ProcessModel, awaiting: readonly string[], messageName: string): MessageWait[] {
  const waits: MessageWait[] = [];
  for (const id of new Set(awaiting)) {
    const el = model.elements[id];
    // A message start of an event sub-process waits as a catch event does, and names its senders the same way.
    if (!el || (el.type !== 'intermediateCatchEvent' && el.type !== 'boundaryEvent' && el.type !== 'startEvent')) continue;
    // A signal waits under its mailbox name (bpmn/mailbox.ts), which no message name can take.
    if ((el.trigger?.kind !== 'message' && el.trigger?.kind !== 'signal') || mailboxNameOf(el.trigger) !== messageName) continue;
    const host = el.type === 'boundaryEvent' ? model.elements[el.attachedTo] : undefined;
    const fromHost = !el.senderGroups && host?.type === 'userTask';
    waits.push({
      elementId: id,
      messageName,
      senderRoles: el.senderGroups ?? (fromHost ? host.candidateGroups : []),
      senderScope: (el.senderGroups ? el.senderScope : fromHost ? host.candidateScope : undefined) ?? 'unit',
      senderUsers: fromHost ? host.candidateUsers : [],
      accepts: (el.outputs ?? []).map((o) => o.source),
    });
  }
  return waits;
}

/** The message catch elements of `model` a token could be waiting at, given where tokens are (for state answers without `awaitingMessages`). */
export function awaitingFromActive(model: ProcessModel, activeElements: readonly string[]): string[] {
  const active = new Set(activeElements);
  return Object.values(model.elements)
    .filter((el) => (el.type === 'intermediateCatchEvent' && active.has(el.id)) || (el.type === 'boundaryEvent' && active.has(el.attachedTo)))
    .filter((el) => (el.type === 'intermediateCatchEvent' || el.type === 'boundaryEvent') && el.trigger.kind === 'message')
    .map((el) => el.id);
}

/** The variables none of the waiting events declares, as `body.variables.<name>` paths. */
export function undeclaredVariables(waits: readonly MessageWait[], variables: Record<string, unknown>): string[] {
  const accepted = new Set(waits.flatMap((w) => w.accepts));
  return Object.keys(variables).filter((name) => !accepted.has(name));
}
