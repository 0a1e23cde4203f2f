import { patched } from '@temporalio/workflow';

// Which code path a run takes where the interpreter changed after cases had started (Temporal
// patches). Cases started before a change replay as they ran; cases started since take the new path.
//
// A run started since projections became local activities (issue 19) asks one question, once, in
// its first activation: every patch below is on for it and none is asked again. Asking patched()
// later, in an activation where local activities are in flight, is not replay-safe: a workflow task
// that waits for its local activities can be completed in parts, so on replay the call can fall in
// an activation before the one that recorded its marker and answer differently (seen as
// "Non-deprecated patch marker encountered … but there is no corresponding change command" with
// two branches opening tasks in one step). Runs started before keep asking at each call, as they
// always did, so their recorded histories replay unchanged.
//
// Module state is per workflow run: the SDK instantiates the bundle's modules for each run.

/** Cases started since: projection writes are local activities, every older patch is on. */
export const PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH = 'projections-as-local-activities';

let takenAtStart = false;

/** The run's first step (bpmnProcess): whether this run is one of the cases started since the patch. */
export function takePatchesAtStart(): boolean {
  takenAtStart = patched(PROJECTIONS_AS_LOCAL_ACTIVITIES_PATCH);
  return takenAtStart;
}

/** True in runs whose projection writes are local activities (and whose end waits for its clean-ups). */
export const localProjections = (): boolean => takenAtStart;

/** An older patch: on for runs that took every patch at their start, else asked as before. */
export const patchOn = (patchId: string): boolean => takenAtStart || patched(patchId);
