import { patched, workflowInfo } from '@temporalio/workflow';

// Every patched(id) that a new execution asks records a marker in its history, and sdk-core then
// upserts the TemporalChangeVersion search attribute: two history events and a visibility write per
// patch and case, for ever after the patch's change is everywhere (issue 19: the one-approval case's
// only history difference from the hand-written workflow, beside the interpreter itself). A case
// started with `patchLevel` (BpmnProcessInput) takes every patch of that level or below as plain
// code, with no marker; histories recorded without it replay through patched() as before.
//
// A case started with a level and run for a while by a worker of an earlier build (a rolling
// deploy) holds the markers that worker recorded. A recorded marker the code never asks for is
// nondeterminism, so on replay the patch is still asked, and consumes it; asked on replay where no
// marker was recorded, patched() records nothing and answers false, which is ignored here.

// The engine's patches, each named where its change is (the comment there says what it changed).
/** Projection writes batched, one activity per workflow task (projection-queue.ts). */
export const PROJECTION_BATCHES_PATCH = 'projection-writes-batched';
/** A task's opening is not interrupted half-way (behaviours/user-tasks.ts). */
export const TASK_OPENING_PATCH = 'task-opening-is-not-interrupted';
/** Overdue tasks climb the org tree level by level (behaviours/user-tasks.ts). */
export const MULTI_LEVEL_ESCALATION_PATCH = 'escalation-climbs-the-org-tree';
/** Catch events opened a subscription (PostgreSQL) before this patch only through the case's own mailbox (behaviours/catch-events.ts). */
export const MESSAGE_SUBSCRIPTIONS_PATCH = 'message-subscriptions';
/** Non-interrupting signal starts closed and reopened their wait after each signal before this patch (behaviours/event-sub-processes.ts). */
export const SIGNAL_START_KEPT_OPEN_PATCH = 'non-interrupting-signal-start-kept-open';
/** A failed token waits for an operator as an incident (behaviours/incidents.ts). */
export const INCIDENTS_PATCH = 'incidents-wait-for-an-operator';
/** Claiming a task one already holds changes nothing (task-book.ts). */
export const CLAIM_HELD_NO_OP_PATCH = 'claim-held-task-is-a-no-op';
/**
 * FEEL's matches / replace / split refuse a pattern whose polynomial bound on its text is over the budget
 * (bpmn/pattern-cost.ts, interpreter.ts `feel`). Asked only at such a call, so a case that meets none records no marker.
 */
export const SLOW_PATTERNS_PATCH = 'feel-slow-patterns-refused';
/**
 * FEEL's matches / replace / split run patterns with bounded or optional repetitions inside others (^\d+(\.\d+)?$,
 * (\d{1,3}\.){3}) that the star height refused, and refuse a few it let through (`[\c](a+)+]`) (bpmn/pattern-safety.ts).
 * Asked only where the two judge a pattern differently.
 */
export const BOUNDED_NESTING_PATCH = 'feel-bounded-nesting-allowed';

/** The patches a case with `patchLevel` ≥ the number takes as plain code. A new patch stays out until every worker carries it. */
export const SETTLED_PATCHES: Readonly<Record<string, number>> = {
  [PROJECTION_BATCHES_PATCH]: 1,
  [TASK_OPENING_PATCH]: 1,
  [MULTI_LEVEL_ESCALATION_PATCH]: 1,
  [MESSAGE_SUBSCRIPTIONS_PATCH]: 1,
  [SIGNAL_START_KEPT_OPEN_PATCH]: 1,
  [INCIDENTS_PATCH]: 1,
  [CLAIM_HELD_NO_OP_PATCH]: 1,
};

/** The level every case starts with now (case-service, play-service, scheduled starts, call activities). */
export const PATCH_LEVEL = 1;

// Per workflow execution: the SDK gives each run its own module state (as projection-queue's queue).
let level = 0;

/** Set once, first thing in the run, from its input (absent: 0, a case started before levels existed). */
export function usePatchLevel(value: number | undefined): void {
  level = value ?? 0;
}

/** patched(id), except that a case of a level that settled the patch takes it without recording a marker. */
export function isPatched(id: string): boolean {
  const settledAt = SETTLED_PATCHES[id];
  if (settledAt === undefined || level < settledAt) return patched(id);
  if (workflowInfo().unsafe.isReplaying) patched(id);
  return true;
}
