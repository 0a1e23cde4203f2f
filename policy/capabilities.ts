import type { Capabilities } from '../contract/session';
import type { TaskActions } from '../contract/tasks';
import { mayEditCustomers, mayManageCatalog } from './customers';
import { isAdmin, isReadOnly, managesAssignments, mayDeploy, readsReports, seesEverything, type RoleHolder } from './roles';

// What a user may do by virtue of their roles. Rules that depend on a row — may read this case,
// is this task offered to me — are SQL predicates (sql.ts) the data layer applies to every list
// and every check; what of a customer a user may read is confidentiality.ts.

export type { Capabilities };

export const mayAct = (user: RoleHolder): boolean => !isReadOnly(user);
export const mayDeployProcesses = (user: RoleHolder): boolean => mayDeploy(user);
/** Whoever owns the diagrams operates their running cases: retries or cancels at an incident. */
export const mayResolveIncidents = (user: RoleHolder): boolean => mayDeploy(user);
export const mayManageUsers = (user: RoleHolder): boolean => isAdmin(user);
/** Everyone reads the business calendar (deadlines depend on it); admins change it. */
export const mayManageCalendar = (user: RoleHolder): boolean => isAdmin(user);
export const mayReadAll = (user: RoleHolder): boolean => seesEverything(user);
/**
 * A message is registered by the roles its catch event names (policy/messages.ts); an admin may
 * send any message a case waits for (a system integration signs in as one).
 */
export const maySendAnyMessage = (user: RoleHolder): boolean => isAdmin(user);
/** Delegation goes to the step's own candidates; managers may override that, giving a reason. */
/** Reports are read within the reader's units (server/services/report-service.ts scopes them). */
export const mayReadReports = (user: RoleHolder): boolean => readsReports(user);
export const mayOverrideDelegation = (user: RoleHolder): boolean => mayAct(user) && managesAssignments(user);

/**
 * The 首页's cards a user gets (GET /api/dashboard): the approver's for whoever acts on tasks, the
 * manager's (unit SLA, backlog) for 客服经理 / 总经理, the auditor's (exceptions) for those who
 * oversee everything, the process owner's (versions, cases per version) for those who deploy.
 */
export function dashboardCards(user: RoleHolder): { approver: boolean; manager: boolean; auditor: boolean; processOwner: boolean } {
  return { approver: mayAct(user), manager: managesAssignments(user), auditor: seesEverything(user), processOwner: mayDeploy(user) };
}

/** Served with the session, so the console offers exactly what the API will accept. */
export function capabilities(user: RoleHolder): Capabilities {
  return {
    act: mayAct(user),
    deployProcesses: mayDeployProcesses(user),
    resolveIncidents: mayResolveIncidents(user),
    manageUsers: mayManageUsers(user),
    manageCalendar: mayManageCalendar(user),
    readAll: mayReadAll(user),
    sendAnyMessage: maySendAnyMessage(user),
    overrideDelegation: mayOverrideDelegation(user),
    readReports: mayReadReports(user),
    editCustomers: mayEditCustomers(user),
    manageCatalog: mayManageCatalog(user),
  };
}

/** What the data layer found out about one task and one user (TASK_ACTIONABLE, TASK_ASSIGNED_OR_OFFERED in sql.ts). */
export interface TaskFacts {
  open: boolean;
  /** Assigned to the user, or offered to them and claimed by nobody. */
  actionable: boolean;
  unclaimed: boolean;
  /** Assigned to the user or offered to them, claimed by someone else or not. */
  assignedOrOffered: boolean;
  completedByUser: boolean;
}

/**
 * The task actions the API will accept from this user (complete, claim, delegate: server/services/
 * task-service.ts `openTaskFor`; comment: its `comment`), so the inbox rows and the task page show
 * only those buttons. Auditors act on nothing, whatever a task says.
 */
export function taskActions(user: RoleHolder, f: TaskFacts): TaskActions {
  const acts = mayAct(user);
  const mine = acts && f.open && f.actionable;
  return { complete: mine, claim: mine && f.unclaimed, delegate: mine, comment: acts && (f.assignedOrOffered || f.completedByUser) };
}
