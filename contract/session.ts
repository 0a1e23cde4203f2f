import { z } from 'zod';

// Signing in and out (POST/GET/DELETE /api/session).

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  roles: z.array(z.object({ role: z.string(), unitId: z.string() })),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const signInBodySchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
/** What the console may offer the user (policy/capabilities.ts decides; the API enforces the same rules). */
export const capabilitiesSchema = z.object({
  /** Start cases, complete tasks, send messages: everyone but auditors, who read everything and change nothing. */
  act: z.boolean(),
  deployProcesses: z.boolean(),
  /** Retry or cancel a case stopped by an incident (process owners and admins). */
  resolveIncidents: z.boolean(),
  manageUsers: z.boolean(),
  manageCalendar: z.boolean(),
  /** Read every case and task in every unit (auditors and admins). */
  readAll: z.boolean(),
  /** Send a case any message it waits for, whoever the diagram names as its senders (admins). */
  sendAnyMessage: z.boolean(),
  /** Delegate a task to someone the step is not offered to, with a reason that is audited (managers, admins). */
  overrideDelegation: z.boolean(),
  /** Read the reports (时效, 满意度, 投诉, 维修, 工作量): managers, auditors, process owners, admins. */
  readReports: z.boolean(),
  /** Create customers and edit their cards and purchases (in their unit scope: policy/customers.ts). */
  editCustomers: z.boolean(),
  /** Maintain products and the fee schedule (总经理, admins). */
  manageCatalog: z.boolean(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const sessionSchema = z.object({ user: sessionUserSchema, capabilities: capabilitiesSchema });
export type SessionAnswer = z.infer<typeof sessionSchema>;

/** The console's signed-in user: the session's user with its capabilities beside it. */
export type SignedInUser = SessionUser & { capabilities: Capabilities };
