import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';

/** A BPMN error thrown by an error end event or a service task; caught by error boundaries. */
export class BpmnError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly elementId: string,
  ) {
    super(`BPMN error ${code ?? '(no code)'} thrown at ${elementId}`);
    this.name = 'BpmnError';
  }
}

/** A modelling or data problem the case cannot get past (Zeebe would call it an incident). */
export class ProcessIncident extends Error {
  constructor(
    readonly elementId: string,
    message: string,
  ) {
    super(`${elementId}: ${message}`);
    this.name = 'ProcessIncident';
  }
}

/** The BPMN error code carried by an error, if it is one (also across activity and child boundaries). */
export function bpmnErrorCode(err: unknown): { code: string | undefined } | null {
  if (err instanceof BpmnError) return { code: err.code };
  if (err instanceof ActivityFailure || err instanceof ChildWorkflowFailure) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === 'BpmnError') return { code: (cause.details?.[0] as string | undefined) ?? undefined };
  }
  return null;
}
