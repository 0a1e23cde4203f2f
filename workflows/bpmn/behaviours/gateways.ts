import { condition } from '@temporalio/workflow';
import { ProcessIncident } from '../errors';
import type { Interpreter } from '../interpreter';
import type { ScopeRun } from '../scope-run';

// Gateways: the XOR choice, the OR fork and join, and the AND join. A condition that fails
// to evaluate is an incident naming its sequence flow, whichever gateway asked.

const NO_PATH = 'no outgoing condition is true and the gateway has no default flow';

/** XOR: the first conditional flow (in diagram order) whose condition holds, else the default. */
export function chooseExclusive(engine: Interpreter, id: string, outgoing: string[], defaultFlow: string | undefined): string {
  // A flow without a condition is never chosen here (unlike the OR fork): only the default is.
  const holds = (f: string) => {
    const expr = engine.model.flows[f]?.condition;
    return expr !== undefined && engine.feel(f, expr) === true;
  };
  const chosen = outgoing.find((f) => f !== defaultFlow && holds(f));
  if (chosen) return chosen;
  if (defaultFlow) return defaultFlow;
  throw new ProcessIncident(id, NO_PATH);
}

/** OR fork: every flow whose condition holds (an unconditional one always does), else the default. */
export function chooseInclusive(engine: Interpreter, id: string, outgoing: string[], defaultFlow: string | undefined): string[] {
  const chosen = outgoing.filter((f) => f !== defaultFlow && engine.condition(f));
  if (chosen.length) return chosen;
  if (defaultFlow) return [defaultFlow];
  throw new ProcessIncident(id, NO_PATH);
}

/** AND-join: earlier tokens wait at the gateway (visible there) until the last one arrives. */
export async function joinParallel(engine: Interpreter, id: string, expected: number, scope: ScopeRun, tokenId: number): Promise<boolean> {
  const j = joinState(id, scope);
  j.arrived += 1;
  if (j.arrived < expected) {
    await waitAtJoin(engine, id, scope, tokenId);
    return false;
  }
  j.arrived = 0;
  j.fired += 1;
  return true;
}

function joinState(id: string, scope: ScopeRun) {
  let join = scope.parallelJoins.get(id);
  if (!join) {
    join = { arrived: 0, fired: 0 };
    scope.parallelJoins.set(id, join);
  }
  return join;
}

/** Parks a token at an AND-join until the join next fires (also how a resumed token waits there). */
export async function waitAtJoin(engine: Interpreter, id: string, scope: ScopeRun, tokenId: number): Promise<void> {
  const j = joinState(id, scope);
  const generation = j.fired;
  await engine.parkWhile(tokenId, { kind: 'join', elementId: id }, () => condition(() => j.fired !== generation));
}

/** OR-join: waits while any other token of the scope could still reach this gateway. */
export async function joinInclusive(engine: Interpreter, id: string, scope: ScopeRun, tokenId: number): Promise<boolean> {
  let group = scope.inclusiveGroups.get(id);
  if (!group) {
    group = { tokens: [], fired: false };
    scope.inclusiveGroups.set(id, group);
  }
  const g = group;
  g.tokens.push(tokenId);
  await condition(() => g.fired || !upstreamTokenExists(engine, id, scope.id, g.tokens));
  if (g.fired) return false;
  g.fired = true;
  scope.inclusiveGroups.delete(id);
  return true;
}

function upstreamTokenExists(engine: Interpreter, joinId: string, scopeId: string, waiting: number[]): boolean {
  for (const [id, pos] of engine.tokens.positions) {
    if (pos.scopeId !== scopeId || waiting.includes(id)) continue;
    if (engine.reach.get(pos.elementId)?.has(joinId)) return true;
  }
  return false;
}
