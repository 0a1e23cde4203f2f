import type { ProcessElement } from '../model';
import type { CompileContext } from './context';
import { label, withArticle } from './moddle';
import type { GraphFlow, GraphNode } from './types';

interface Graph {
  readonly elements: Record<string, ProcessElement>;
  readonly flows: readonly GraphFlow[];
  readonly nodes: readonly GraphNode[];
}

const CONDITIONAL_GATEWAYS = ['exclusiveGateway', 'inclusiveGateway'];

/**
 * Checks the wiring of the diagram and fills each element's incoming/outgoing.
 * Every check runs on the whole graph so the owner gets the complete list in one go.
 */
export function validateGraph(ctx: CompileContext, graph: Graph): void {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, GraphFlow[]>();
  const incoming = new Map<string, GraphFlow[]>();
  const flowRef = (f: GraphFlow) => ({ id: f.id, type: 'sequenceFlow' });

  for (const flow of graph.flows) {
    const source = flow.source === undefined ? undefined : nodes.get(flow.source);
    const target = flow.target === undefined ? undefined : nodes.get(flow.target);
    if (!source || !target) {
      ctx.report(flowRef(flow), 'Sequence flow is not connected to a flow element at both ends.', { code: 'bpmn.flow.unconnected' });
      continue;
    }
    if (source.parentId !== target.parentId) {
      ctx.report(flowRef(flow), 'Sequence flow crosses the border of a sub-process; connect elements inside the sub-process to each other only.', { code: 'bpmn.flow.crossesSubProcess' });
    }
    if (flow.condition !== undefined && !CONDITIONAL_GATEWAYS.includes(source.type)) {
      ctx.report(flowRef(flow), `Sequence flow has a condition but leaves ${withArticle(label(source.type).toLowerCase())}; conditions only work on flows leaving an exclusive or inclusive gateway.`, {
        code: 'bpmn.flow.conditionNotFromGateway',
        params: { sourceType: source.type },
      });
    }
    outgoing.set(source.id, [...(outgoing.get(source.id) ?? []), flow]);
    incoming.set(target.id, [...(incoming.get(target.id) ?? []), flow]);
  }

  for (const el of Object.values(graph.elements)) {
    el.incoming = (incoming.get(el.id) ?? []).map((f) => f.id);
    el.outgoing = (outgoing.get(el.id) ?? []).map((f) => f.id);
  }

  for (const node of graph.nodes) {
    const ref = { id: node.id, type: node.type };
    const ins = incoming.get(node.id) ?? [];
    const outs = outgoing.get(node.id) ?? [];
    if (node.isStart && ins.length > 0) ctx.report(ref, 'Start event has an incoming flow; a start event can only begin a path.', { code: 'bpmn.start.incoming' });
    if (node.type === 'boundaryEvent' && ins.length > 0) ctx.report(ref, 'Boundary event has an incoming flow; it is triggered by its activity, not by a flow.', { code: 'bpmn.boundary.incoming' });
    if (node.type === 'endEvent' && outs.length > 0) ctx.report(ref, 'End event has an outgoing flow; nothing after an end event would ever run.', { code: 'bpmn.end.outgoing' });
    if (node.eventSubProcess) {
      if (ins.length > 0 || outs.length > 0) ctx.report(ref, 'An event sub-process has no incoming or outgoing flows: its start event starts it, and it ends inside.', { code: 'bpmn.eventSubProcess.flows' });
      continue;
    }
    if (node.type !== 'endEvent' && outs.length === 0) {
      ctx.report(ref, `${label(node.type)} has no outgoing flow: a token arriving here would get stuck.`, { code: 'bpmn.node.noOutgoing' });
    }
  }

  checkGateways(ctx, graph.elements, outgoing);
  checkEventGateways(ctx, graph.elements, outgoing, incoming);
  checkReachability(ctx, graph.nodes, outgoing, incoming);
  warnWaitlessLoops(ctx, graph.nodes, outgoing);
}

/** Where a token waits for the world; the same list the interpreter resets its step count on. */
const WAIT_STATES = new Set(['userTask', 'serviceTask', 'businessRuleTask', 'receiveTask', 'intermediateCatchEvent', 'eventBasedGateway', 'callActivity']);

/**
 * A loop of sequence flows that passes no wait state runs inside one workflow task: harmless
 * when a counter ends it after a few turns, an incident of the case (the interpreter's step
 * bound) when nothing does. Either way the owner should look, so it is a warning. A
 * sub-process waits when anything inside it does.
 */
function warnWaitlessLoops(ctx: CompileContext, nodes: readonly GraphNode[], outgoing: Map<string, GraphFlow[]>): void {
  const waits = new Set(nodes.filter((n) => WAIT_STATES.has(n.type)).map((n) => n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    if (!waits.has(n.id)) continue;
    for (let p = n.parentId; p !== undefined && !waits.has(p); p = byId.get(p)?.parentId) waits.add(p);
  }
  const next = (id: string) => (outgoing.get(id) ?? []).map((f) => f.target!).filter((t) => byId.has(t) && !waits.has(t));
  for (const loop of stronglyConnected(nodes.filter((n) => !waits.has(n.id)).map((n) => n.id), next)) {
    const path = cycleThrough(loop, next);
    if (!path) continue;
    const first = byId.get(path[0]!)!;
    const pathElements = path.map((id) => {
      const node = byId.get(id)!;
      const name = node.name?.replace(/\s+/g, ' ').trim();
      return { elementId: id, elementType: node.type, ...(name && { elementName: name }) };
    });
    // Named as people know them: by name, else by kind (never by id, which stays in elementIds).
    const names = [...pathElements, pathElements[0]!].map((e) => (e.elementName ? `"${e.elementName}"` : `unnamed ${label(e.elementType).toLowerCase()}`));
    ctx.warn(
      { id: first.id, type: first.type },
      `Loop with no wait state: ${names.join(' → ')}. Nothing on it waits for a person, a service, a timer or a message, so each turn runs at once; make sure a condition ends it after a few turns, or a case that keeps going round becomes an incident.`,
      { code: 'loop.noWaitState', elementIds: path, pathElements },
    );
  }
}

/** Tarjan's strongly connected components (iteratively, for long diagrams), in document order. */
function stronglyConnected(ids: readonly string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; succ: string[]; i: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, succ: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.succ.length) {
        const w = frame.succ[frame.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        out.push(component);
      }
    }
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.map((c) => c.sort((a, b) => order.get(a)! - order.get(b)!)).sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/** The shortest cycle through the first element of `component`, or undefined when it has none (a lone element without a self-loop). */
function cycleThrough(component: readonly string[], next: (id: string) => string[]): string[] | undefined {
  const members = new Set(component);
  const start = component[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k]!;
    for (const t of next(id)) {
      if (!members.has(t)) continue;
      if (t === start) {
        const path = [id];
        for (let p = from.get(id); p !== undefined; p = from.get(p)) path.unshift(p);
        return path;
      }
      if (!from.has(t) && t !== start) {
        from.set(t, id);
        queue.push(t);
      }
    }
  }
  return undefined;
}

/** The element a flow leads to, by name when it has one. */
function flowTarget(flow: GraphFlow, elements: Record<string, ProcessElement>): { type: string; name?: string } {
  const target = flow.target === undefined ? undefined : elements[flow.target];
  const name = target && 'name' in target && typeof target.name === 'string' ? target.name.replace(/\s+/g, ' ').trim() : '';
  return { type: target?.type ?? 'other', ...(name && { name }) };
}

/**
 * A flow for the catalog's words (`modelFlow.*`): its name, else the element it leads to (by name,
 * else kind) — a flow drawn in bpmn-js has no name, and its id means nothing to its owner. `flow`
 * keeps the name, else the id, as before.
 */
function flowParams(flow: GraphFlow, elements: Record<string, ProcessElement>): Record<string, string> {
  const target = flowTarget(flow, elements);
  return { flow: flow.name ?? flow.id, ...(flow.name && { flowName: flow.name }), flowTargetType: target.type, ...(target.name && { flowTargetName: target.name }) };
}

/** `"批准"`, `to "结束"`, `to an end event`: a flow in the English message, never by id. */
function flowWords(flow: GraphFlow, elements: Record<string, ProcessElement>): string {
  if (flow.name) return `"${flow.name}"`;
  const target = flowTarget(flow, elements);
  return target.name ? `to "${target.name}"` : `to ${withArticle(label(target.type).toLowerCase())}`;
}

function checkGateways(ctx: CompileContext, elements: Record<string, ProcessElement>, outgoing: Map<string, GraphFlow[]>): void {
  for (const el of Object.values(elements)) {
    if (el.type !== 'exclusiveGateway' && el.type !== 'inclusiveGateway') continue;
    const ref = { id: el.id, type: el.type };
    const what = label(el.type);
    const outs = outgoing.get(el.id) ?? [];
    const defaultFlow = el.defaultFlow === undefined ? undefined : outs.find((f) => f.id === el.defaultFlow);
    if (el.defaultFlow !== undefined && !defaultFlow) {
      ctx.report(ref, `${what} names "${el.defaultFlow}" as its default flow, but that flow does not leave this gateway.`, { code: 'bpmn.gateway.defaultNotOutgoing', params: { flow: el.defaultFlow } });
    }
    if (defaultFlow?.condition !== undefined) {
      ctx.report(ref, `The default flow of this ${what.toLowerCase()} has a condition; it would be ignored. Remove it or make another flow the default.`, { code: 'bpmn.gateway.defaultHasCondition' });
    }
    // A single outgoing flow is a plain pass-through (typically a join).
    if (outs.length <= 1) continue;
    const unconditioned = outs.filter((f) => f.condition === undefined && f !== defaultFlow);
    for (const flow of unconditioned) {
      ctx.report(ref, `Outgoing flow ${flowWords(flow, elements)} of this ${what.toLowerCase()} has no condition and is not the default flow: Shouwen could not decide when to take it.`, {
        code: 'bpmn.gateway.flowWithoutCondition',
        params: flowParams(flow, elements),
      });
    }
    if (unconditioned.length === 0 && !defaultFlow) {
      ctx.report(ref, `${what} has no default flow; if no condition matches the case would stop here.`, { code: 'bpmn.gateway.noDefault' });
    }
  }
}

function checkReachability(
  ctx: CompileContext,
  nodes: readonly GraphNode[],
  outgoing: Map<string, GraphFlow[]>,
  incoming: Map<string, GraphFlow[]>,
): void {
  const byParent = new Map<string | undefined, GraphNode[]>();
  const boundaries = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
    if (n.attachedTo !== undefined) boundaries.set(n.attachedTo, [...(boundaries.get(n.attachedTo) ?? []), n]);
  }

  // A scope without any start event is reported already; its contents follow from that.
  const hasStart = new Set(nodes.filter((n) => n.isStart).map((n) => n.parentId));

  // Forward from the process start: through flows, onto boundary events of reached hosts,
  // and into a sub-process from its own start events.
  const reached = new Set<string>();
  // An event sub-process is reached with its enclosing scope (its trigger may fire while that runs).
  const entered = (n: GraphNode) => n.isStart || n.eventSubProcess === true;
  const queue = (byParent.get(undefined) ?? []).filter(entered).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const f of outgoing.get(id) ?? []) queue.push(f.target!);
    for (const b of boundaries.get(id) ?? []) queue.push(b.id);
    for (const child of byParent.get(id) ?? []) if (entered(child)) queue.push(child.id);
  }

  // Backward from end events and dead ends (already reported): whatever cannot get there loops forever.
  const finishes = new Set<string>();
  const back = nodes.filter((n) => n.type === 'endEvent' || (outgoing.get(n.id) ?? []).length === 0).map((n) => n.id);
  while (back.length > 0) {
    const id = back.pop()!;
    if (finishes.has(id)) continue;
    finishes.add(id);
    for (const f of incoming.get(id) ?? []) back.push(f.source!);
  }

  for (const n of nodes) {
    const ref = { id: n.id, type: n.type };
    // Only the outermost unreachable thing is reported: the contents of an unreachable sub-process
    // and the boundary events of an unreachable task follow from it.
    const scopeReached = (n.parentId === undefined || reached.has(n.parentId)) && hasStart.has(n.parentId);
    const hostReached = n.attachedTo === undefined || reached.has(n.attachedTo);
    if (!reached.has(n.id) && scopeReached && hostReached) {
      ctx.report(ref, `${label(n.type)} cannot be reached from the start event: it would never run.`, { code: 'bpmn.node.unreachable' });
    }
    if (!finishes.has(n.id)) {
      ctx.report(ref, `No end event can be reached from this ${label(n.type).toLowerCase()}: cases arriving here would loop forever and never finish.`, { code: 'bpmn.node.noEnd' });
    }
  }
}

/** An event-based gateway races the catch events it leads to: two or more, each timer or message, reached only from it. */
function checkEventGateways(ctx: CompileContext, elements: Record<string, ProcessElement>, outgoing: Map<string, GraphFlow[]>, incoming: Map<string, GraphFlow[]>): void {
  for (const el of Object.values(elements)) {
    if (el.type !== 'eventBasedGateway') continue;
    const ref = { id: el.id, type: el.type };
    const outs = outgoing.get(el.id) ?? [];
    if (outs.length < 2) ctx.report(ref, 'An event-based gateway needs two or more outgoing flows, each to the event that may happen first.', { code: 'bpmn.eventGateway.fewFlows' });
    for (const f of outs) {
      const target = f.target === undefined ? undefined : elements[f.target];
      if (!target) continue;
      if (target.type !== 'intermediateCatchEvent') {
        ctx.report(ref, `The event-based gateway's flow ${flowWords(f, elements)} leads to ${withArticle(label(target.type).toLowerCase())}; it must lead to a timer or message catch event (or a receive task).`, {
          code: 'bpmn.eventGateway.notCatch',
          params: { ...flowParams(f, elements), targetType: target.type },
        });
      } else if ((incoming.get(target.id) ?? []).length !== 1) {
        ctx.report({ id: target.id, type: target.type }, 'A catch event after an event-based gateway must be reached from that gateway only.', { code: 'bpmn.eventGateway.sharedTarget' });
      }
    }
  }
}
