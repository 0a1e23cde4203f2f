// Which messages a running case is waiting for, from its compiled model and the catch elements its
// state says tokens wait at (or, from an older worker, its active elements: an active intermediate
// message catch event, or a message boundary event on an active task).

export interface AwaitedMessage {
  /** The catch event's element id. */
  elementId: string;
  /** Its name in the diagram, e.g. 客户取货验收签字. */
  name: string | undefined;
  messageName: string;
  /** The message variables the catch event declares (its outputs' sources): all a message may carry. */
  accepts: string[];
}

interface ModelElement {
  type?: string;
  name?: string;
  attachedTo?: string;
  trigger?: { kind?: string; messageName?: string };
  outputs?: Array<{ source: string }>;
}

export function awaitedMessages(model: unknown, activeElements: readonly string[], awaiting?: readonly string[]): AwaitedMessage[] {
  const elements = (model as { elements?: Record<string, ModelElement> } | undefined)?.elements;
  if (!elements) return [];
  const active = new Set(activeElements);
  const waitingAt = awaiting ? new Set(awaiting) : undefined;
  const found: AwaitedMessage[] = [];
  for (const [id, el] of Object.entries(elements)) {
    if (el.trigger?.kind !== 'message' || !el.trigger.messageName) continue;
    const waiting = waitingAt
      ? waitingAt.has(id)
      : (el.type === 'intermediateCatchEvent' && active.has(id)) || (el.type === 'boundaryEvent' && !!el.attachedTo && active.has(el.attachedTo));
    if (waiting) found.push({ elementId: id, name: el.name, messageName: el.trigger.messageName, accepts: (el.outputs ?? []).map((o) => o.source) });
  }
  return found.sort((a, b) => a.elementId.localeCompare(b.elementId));
}
