import { sleep } from '@temporalio/workflow';
import type { IntermediateCatchEventElement, UserTaskElement } from '../../../bpmn/model';
import type { Interpreter } from '../interpreter';
import type { ParkedWait, ResumeSnapshot } from '../messages';
import type { ScopeRun } from '../scope-run';
import type { TaskState } from '../task-book';
import { receive } from './catch-events';
import { waitAtJoin } from './gateways';
import { runUserTask } from './user-tasks';

// Continue-as-new: when every token is parked at process level, the case's state fits in a
// snapshot; the next run re-enters each token's wait exactly where the previous one left it.
// A process-level event sub-process's message or error start is armed again by the next run (the
// mailbox goes along); a timer start would start over, so none may be armed (and no instance run).

/** True when every token is parked at process level and no Update is half-way: a snapshot is exact. */
export function quiescent(engine: Interpreter): boolean {
  if (!engine.root || engine.root.inclusiveGroups.size > 0 || engine.armedEventTimers > 0) return false;
  for (const [id, pos] of engine.tokens.positions) if (pos.scopeId !== 'root' || !engine.parked.has(id)) return false;
  return [...engine.tasks.tasks.values()].every((t) => t.status === 'open' && !t.completion);
}

export function snapshot(engine: Interpreter): ResumeSnapshot {
  return {
    runs: (engine.input.resume?.runs ?? 0) + 1,
    variables: { ...engine.vars },
    occurrences: Object.fromEntries(engine.occurrences),
    completedCounts: { ...engine.completedCounts },
    mailbox: [...engine.mailbox],
    tokens: [...engine.tokens.positions.keys()].map((id) => engine.parked.get(id)!),
    joins: Object.fromEntries([...engine.root!.parallelJoins].filter(([, j]) => j.arrived > 0).map(([id, j]) => [id, j.arrived])),
  };
}

/** A resumed token going back into the wait it was parked in by the previous run. */
export async function reenter(engine: Interpreter, wait: ParkedWait, root: ScopeRun, tokenId: number): Promise<string[] | 'absorbed'> {
  const el = engine.model.elements[wait.elementId]!;
  switch (wait.kind) {
    case 'task':
      await runUserTask(engine, el as UserTaskElement, tokenId, wait.task as TaskState);
      return el.outgoing;
    case 'timer':
      await engine.parkWhile(tokenId, wait, () => sleep(Math.max(0, wait.fireAt - Date.now())));
      return el.outgoing;
    case 'message':
      await engine.parkWhile(tokenId, wait, () => receive(engine, el as IntermediateCatchEventElement & { trigger: { kind: 'message' | 'signal' } }));
      return el.outgoing;
    case 'join':
      await waitAtJoin(engine, wait.elementId, root, tokenId);
      return 'absorbed';
  }
}
