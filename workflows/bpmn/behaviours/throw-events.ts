import type { ThrowDefinition } from '../../../bpmn/model';
import { engineActivities } from '../activity-options';
import type { Interpreter } from '../interpreter';
import { correlationKeyValue } from './catch-events';

// Message and signal throw events (intermediate and end): the engine publishes them itself, through
// the path POST /api/messages takes (an activity: waiting subscriptions, start events, the buffer),
// where Camunda 8 would hand a job to a worker. The message's variables are the event's input
// mappings, evaluated here so the activity's input (recorded in the history) is the exact message.

export async function publishThrow(engine: Interpreter, el: { id: string }, thrown: ThrowDefinition): Promise<void> {
  const variables: Record<string, unknown> = {};
  for (const i of thrown.inputs ?? []) variables[i.target] = engine.feel(el.id, i.source);
  // A key that is not text or a number publishes with the empty key (as a message without one).
  const correlationKey = thrown.kind === 'message' && thrown.correlationKey ? (correlationKeyValue(engine, el.id, thrown.correlationKey) ?? null) : null;
  await engineActivities.publishThrown({
    messageId: `${engine.caseId}/${el.id}/${engine.occurrence(el.id)}`,
    caseId: engine.caseId,
    elementId: el.id,
    kind: thrown.kind,
    name: thrown.kind === 'message' ? thrown.messageName : thrown.signalName,
    correlationKey,
    variables,
  });
}
