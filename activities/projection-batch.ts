import type { ProjectionWriters } from './projection';

// A case's projection writes, several in one activity (issue 19): the engine queues the writes one
// workflow task makes and sends them together, in order (workflows/bpmn/projection-queue.ts).
// Imported by workflow code, so nothing here may touch the database.

/** The activities that only write what a case did into PostgreSQL, and may therefore be batched. */
export const PROJECTION_KINDS = [
  'projectCaseStarted',
  'projectTaskOpened',
  'projectTaskCompleted',
  'projectTaskCancelled',
  'projectTaskAssigned',
  'projectTaskEscalated',
  'projectCaseMigrated',
  'projectCaseMilestone',
  'projectIncidentRaised',
  'projectIncidentResolved',
  'projectCaseEnded',
] as const satisfies ReadonlyArray<keyof ProjectionWriters>;

export type ProjectionKind = (typeof PROJECTION_KINDS)[number];

export type ProjectionWrite = { [K in ProjectionKind]: { kind: K; input: Parameters<ProjectionWriters[K]>[0] } }[ProjectionKind];

export const isProjectionKind = (name: unknown): name is ProjectionKind => (PROJECTION_KINDS as readonly unknown[]).includes(name);

type Writers = { [K in ProjectionKind]: (input: never) => Promise<unknown> };

/**
 * Runs the writes in order, each as its own projection would (its own transaction, idempotent by
 * its key), and returns their results by position. A retry of the batch repeats the writes that
 * had got through, which is why every projection already had to be idempotent.
 */
export async function runProjectionBatch(writers: Writers, writes: readonly ProjectionWrite[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const w of writes) {
    if (!isProjectionKind(w.kind)) throw new TypeError(`not a projection: ${String(w.kind)}`);
    results.push((await writers[w.kind](w.input as never)) ?? null);
  }
  return results;
}
