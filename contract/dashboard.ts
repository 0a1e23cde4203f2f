import { z } from 'zod';
import { slaSchema } from './tasks';

// GET /api/dashboard: the 首页 of whoever asks, one card per role they hold. A card is absent
// (not empty) when the reader holds no role it is for, so the console shows only what applies.
// Every figure is read within what the reader may read (as the inbox, the 案例 list and the
// reports read it); case titles are masked where the customer is secret to the reader.

const unitNameSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

export const dashboardTaskSchema = z.object({
  id: z.string(),
  name: z.string(),
  caseId: z.string(),
  /** （保密客户的案例） when the reader is not cleared for the case's customer. */
  caseTitle: z.string(),
  businessKey: z.string(),
  /** With the name, so the console can say 未命名流程 for a process deployed without one (its key stored as the name). */
  processKey: z.string(),
  processName: z.string(),
  unitId: z.string(),
  dueAt: z.string().nullable(),
  sla: slaSchema,
});

export const dashboardApproverSchema = z.object({
  /** Open tasks the reader may act on: assigned to them, or offered to them and claimed by nobody. */
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  /** The first of them by due time (no due time last). */
  next: z.array(dashboardTaskSchema),
});

export const dashboardManagerSchema = z.object({
  /** The China days the SLA figures cover (the last 30, today included). */
  from: z.string(),
  to: z.string(),
  completed: z.number().int(),
  onTimeRate: z.number().nullable(),
  late: z.number().int(),
  escalated: z.number().int(),
  medianHours: z.number().nullable(),
  /** The steps with the most late tasks in the period, worst first. */
  lateSteps: z.array(z.object({ process: z.string(), step: z.string(), unitId: z.string(), late: z.number().int(), completed: z.number().int() })),
  /** Open tasks now, by the unit they are in. */
  backlog: z.array(z.object({ unitId: z.string(), open: z.number().int(), overdue: z.number().int(), escalatedOpen: z.number().int() })),
});

export const dashboardExceptionSchema = z.object({
  kind: z.enum(['escalation', 'incident', 'replay']),
  at: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  businessKey: z.string(),
  /** With the name, so the console can say 未命名流程 for a process deployed without one (its key stored as the name). */
  processKey: z.string(),
  processName: z.string(),
  /** The step escalated or stopped at. */
  step: z.string().nullable(),
  /** Escalations: the units it moved between; incidents: whether it still waits. */
  fromUnitId: z.string().nullable(),
  toUnitId: z.string().nullable(),
  open: z.boolean(),
});

export const dashboardAuditorSchema = z.object({
  /** Escalations, incidents and replay divergences (a recorded history that did not re-execute to the same result) of the last 30 days, newest first. */
  exceptions: z.array(dashboardExceptionSchema),
  openIncidents: z.number().int(),
  escalations: z.number().int(),
  replayDivergences: z.number().int(),
});

export const dashboardProcessOwnerSchema = z.object({
  processes: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      versions: z.array(z.object({ version: z.number().int(), deployedAt: z.string(), deployedByName: z.string().nullable(), running: z.number().int(), ended: z.number().int() })),
    }),
  ),
});

export const dashboardSchema = z.object({
  approver: dashboardApproverSchema.optional(),
  manager: dashboardManagerSchema.optional(),
  auditor: dashboardAuditorSchema.optional(),
  processOwner: dashboardProcessOwnerSchema.optional(),
  /** Names of the units the cards name by id. */
  unitNames: z.record(z.string(), unitNameSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export type DashboardTask = z.infer<typeof dashboardTaskSchema>;
export type DashboardException = z.infer<typeof dashboardExceptionSchema>;
