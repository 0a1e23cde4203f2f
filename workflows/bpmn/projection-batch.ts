import type { ProjectionWriters } from '../../activities/projection';

export type { ProjectionWrite } from '../../activities/projection';

// A case's projection writes, several in one activity (issue 19): the engine queues the writes one
// workflow task makes and sends them together, in order (projection-queue.ts); the activity is
// `projectBatch` (activities/projection.ts).

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

// Every projection is batchable: one added to activities/projection.ts and not listed above fails to compile here.
const everyProjectionListed: Exclude<keyof ProjectionWriters, ProjectionKind> extends never ? true : never = true;
void everyProjectionListed;

export const isProjectionKind = (name: unknown): name is ProjectionKind => (PROJECTION_KINDS as readonly unknown[]).includes(name);
