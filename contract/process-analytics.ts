import { z } from 'zod';
import { processVersionParamsSchema } from './processes';

// Process analytics on a version's diagram (GET /api/processes/:key/versions/:version/analytics…),
// Operate / Optimize style: per element, the cases there now and the time spent there, read from the
// task projection (user tasks) and the incident projection, within the cases the reader may read.
// For the readers of reports (capability readReports).

export const analyticsParamsSchema = processVersionParamsSchema;
export const analyticsElementParamsSchema = processVersionParamsSchema.extend({ elementId: z.string().min(1).max(200) });

export const elementFiguresSchema = z.object({
  elementId: z.string(),
  /** The step's name as the tasks carry it. */
  name: z.string().nullable(),
  /** The element's BPMN type in the version's model (`userTask`): the console names an unnamed step by its kind, never its id. */
  elementType: z.string().optional(),
  /** Cases with an open task at this element now. */
  active: z.number().int(),
  /** Open incidents stopped at this element. */
  incidents: z.number().int(),
  /** Tasks completed at this element. */
  completed: z.number().int(),
  /** Hours from a task's opening to its completion, over the completed ones. */
  averageHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});
export type ElementFigures = z.infer<typeof elementFiguresSchema>;

export const processAnalyticsSchema = z.object({
  processKey: z.string(),
  version: z.number().int(),
  /** Cases of this version the reader may read: running and ended. */
  running: z.number().int(),
  ended: z.number().int(),
  elements: z.array(elementFiguresSchema),
});
export type ProcessAnalytics = z.infer<typeof processAnalyticsSchema>;

export const elementCaseSchema = z.object({
  caseId: z.string(),
  /** （保密客户的案例） when the reader is not cleared for the customer. */
  title: z.string(),
  businessKey: z.string(),
  status: z.string(),
  unitId: z.string(),
  /** At the element now (an open task or an open incident there). */
  active: z.boolean(),
  /** The last time a task at the element opened, or the incident was raised. */
  since: z.string(),
});

export const elementCasesSchema = z.object({
  items: z.array(elementCaseSchema),
  /** More cases than a list holds (ELEMENT_CASES_LIMIT): the active ones come first. */
  truncated: z.boolean(),
  unitNames: z.record(z.string(), z.object({ 'zh-CN': z.string(), en: z.string() })),
});
export type ElementCases = z.infer<typeof elementCasesSchema>;
