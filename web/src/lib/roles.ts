import type { SignedInUser } from '../../../contract';

// The console offers what the session's capabilities allow (policy/capabilities.ts); the API
// enforces the same rules and answers 403 to anything else.

export { ROLE_CODES, type RoleCode } from '../../../policy/roles';

type Session = Pick<SignedInUser, 'capabilities'> | null | undefined;

/** Process owners and admins deploy process versions. */
export const canDeployProcesses = (user: Session): boolean => Boolean(user?.capabilities.deployProcesses);

/** Auditors read everything and change nothing: the API refuses their changes with 403 (currentActor). */
export const isReadOnlyUser = (user: Session): boolean => Boolean(user && !user.capabilities.act);

/** 用户管理 (admins). */
export const canManageUsers = (user: Session): boolean => Boolean(user?.capabilities.manageUsers);

/** Maintaining the business calendar (admins); everyone may read it. */
export const canManageCalendar = (user: Session): boolean => Boolean(user?.capabilities.manageCalendar);

/** 报表 (managers, auditors, process owners, admins). */
export const canReadReports = (user: Session): boolean => Boolean(user?.capabilities.readReports);

/** Retrying or cancelling a case at an incident (process owners and admins). */
export const canResolveIncidents = (user: Session): boolean => Boolean(user?.capabilities.resolveIncidents);
