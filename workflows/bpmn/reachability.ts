import type { ProcessModel } from '../../bpmn/model';

/**
 * For every element, the elements a token there could still reach (following sequence flows
 * and the boundary events attached to it). The OR-join uses it to know whether to wait.
 */
export function reachability(model: ProcessModel): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const el of Object.values(model.elements)) {
    const targets = el.outgoing.map((f) => model.flows[f]?.target).filter((t): t is string => t !== undefined);
    next.set(el.id, [...(next.get(el.id) ?? []), ...targets]);
    if (el.type === 'boundaryEvent') next.set(el.attachedTo, [...(next.get(el.attachedTo) ?? []), el.id]);
  }
  const result = new Map<string, Set<string>>();
  for (const start of next.keys()) {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    result.set(start, seen);
  }
  return result;
}
