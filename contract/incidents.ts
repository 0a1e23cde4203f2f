import { z } from 'zod';

// Incidents: a case stopped at one element by a problem it cannot get past alone (an expression
// that fails or exceeds its budget, a loop with no wait state, a service task out of retries).
// Only that token waits; whoever may operate processes retries the element or cancels the case.

/** An incident as the case's workflow holds it (GET /api/cases/:id/state). */
export const openIncidentSchema = z.object({
  id: z.string(),
  elementId: z.string(),
  elementName: z.string().nullable(),
  /**
   * The element's BPMN type in the case's process model (`serviceTask`), filled by the API where it
   * reads the model: the console names an unnamed element by its kind (未命名的服务任务), never its id.
   */
  elementType: z.string().optional(),
  /** The engine's own (English) line: the console says why in words by its kind (contract/incident-reasons.ts) and shows this as the technical detail. */
  message: z.string(),
  raisedAt: z.string(),
});
export type OpenIncident = z.infer<typeof openIncidentSchema>;

/** GET /api/incidents: the open incidents of the cases the caller may read, newest first. */
export const incidentSchema = openIncidentSchema.extend({
  caseId: z.string(),
  caseTitle: z.string(),
  businessKey: z.string(),
  processKey: z.string(),
  processVersion: z.number(),
});
export type Incident = z.infer<typeof incidentSchema>;
export const incidentListSchema = z.object({ items: z.array(incidentSchema) });
export type IncidentList = z.infer<typeof incidentListSchema>;

export const incidentParamsSchema = z.object({ id: z.string().min(1).max(300), incidentId: z.string().min(1).max(400) });

/** Retry runs the element again (after merging `variables`, to correct the data); cancel ends the case. */
export const resolveIncidentBodySchema = z
  .object({
    action: z.enum(['retry', 'cancel']),
    comment: z.string().trim().max(2000).optional(),
    variables: z.record(z.string().min(1).max(200), z.unknown()).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'cancel' && !b.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'cancelling a case needs a reason', params: { reason: 'cancelNeedsComment' } });
    if (b.action === 'cancel' && b.variables) ctx.addIssue({ code: 'custom', path: ['variables'], message: 'a cancellation changes no variables', params: { reason: 'cancelNoVariables' } });
  });
export type ResolveIncidentBody = z.infer<typeof resolveIncidentBodySchema>;
export const resolveIncidentResultSchema = z.object({ resolved: z.literal(true), action: z.enum(['retry', 'cancel']) });
