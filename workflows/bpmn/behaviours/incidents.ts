import { ActivityFailure, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { INCIDENTS_PATCH, isPatched } from '../patch-level';
import type { ProcessElement } from '../../../bpmn/model';
import { engineActivities as projection } from '../activity-options';
import { bpmnErrorCode, ProcessIncident } from '../errors';
import { FeelEvaluationError } from '../../../bpmn/feel-eval';
import type { Interpreter } from '../interpreter';
import type { OpenIncidentView } from '../messages';

// An incident stops one token, not the case and never the worker: the token waits at its element
// until someone who operates processes retries it (after correcting the variables, if that is
// what it failed on) or cancels the case. Every other token of the case keeps moving.
//
// Cases that failed on an incident before this existed replay as they ran: the patch marker
// (INCIDENTS_PATCH, patch-level.ts) tells new runs from recorded ones.

/** Why `err` stops its token as an incident; null when it is not an incident (it travels on). */
export function incidentMessage(err: unknown): string | null {
  if (err instanceof ProcessIncident || err instanceof FeelEvaluationError) return err.message;
  // A service task out of retries (or failed for good on bad data); a BPMN error is not an incident.
  if (err instanceof ActivityFailure && !bpmnErrorCode(err)) return err.cause?.message ?? err.message;
  return null;
}

export const incidentsEnabled = (): boolean => isPatched(INCIDENTS_PATCH);

/** Thrown by the token whose incident was resolved by cancelling the case. */
export class CaseCancelledAtIncident extends Error {
  constructor(
    readonly incidentId: string,
    readonly actorId: string,
    readonly comment: string,
  ) {
    super(`cancelled at incident ${incidentId}: ${comment}`);
    this.name = 'CaseCancelledAtIncident';
  }
}

/** Waits at `el` until the incident is resolved: returns to retry the element, throws to cancel the case. */
export async function waitForOperator(engine: Interpreter, el: ProcessElement, message: string): Promise<void> {
  engine.incidentCount += 1;
  const incident: OpenIncidentView = {
    id: `${engine.caseId}/incident/${engine.incidentCount}`,
    elementId: el.id,
    elementName: ('name' in el && typeof el.name === 'string' && el.name) || null,
    message: message.slice(0, 2000),
    raisedAt: new Date().toISOString(),
  };
  engine.incidents.set(incident.id, incident);
  await CancellationScope.nonCancellable(() => projection.projectIncidentRaised({ caseId: engine.caseId, ...incident }));
  try {
    await condition(() => engine.incidentResolutions.has(incident.id));
  } catch (err) {
    // The case ended some other way (a terminate end event, another token's failure).
    if (isCancellation(err)) {
      engine.incidents.delete(incident.id);
      await CancellationScope.nonCancellable(() =>
        projection.projectIncidentResolved({ caseId: engine.caseId, incidentId: incident.id, action: 'withdrawn', actorId: null, at: new Date().toISOString() }),
      );
    }
    throw err;
  }
  const r = engine.incidentResolutions.get(incident.id)!;
  engine.incidents.delete(incident.id);
  await CancellationScope.nonCancellable(() =>
    projection.projectIncidentResolved({
      caseId: engine.caseId,
      incidentId: incident.id,
      action: r.action,
      actorId: r.actorId,
      ...(r.comment ? { comment: r.comment } : {}),
      ...(r.variables ? { variableNames: Object.keys(r.variables) } : {}),
      at: new Date().toISOString(),
    }),
  );
  engine.incidentsProjected.add(incident.id);
  if (r.action === 'cancel') throw new CaseCancelledAtIncident(incident.id, r.actorId, r.comment ?? '');
  if (r.variables) Object.assign(engine.vars, r.variables);
}
