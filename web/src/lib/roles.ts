import type { SessionUser } from '../../../contract';

/** Roles that may deploy process versions (the API refuses everyone else with 403). */
export const DEPLOY_ROLES = ['process_owner', 'admin'] as const;

/** Whether the user holds a deploy role in any unit. */
export const canDeployProcesses = (user: Pick<SessionUser, 'roles'> | null | undefined): boolean =>
  Boolean(user?.roles.some((r) => (DEPLOY_ROLES as readonly string[]).includes(r.role)));

/** Auditors read everything and change nothing: the API refuses their changes with 403 (currentActor). */
export const isReadOnlyUser = (user: Pick<SessionUser, 'roles'> | null | undefined): boolean =>
  Boolean(user && user.roles.length > 0 && user.roles.every((r) => r.role === 'auditor'));

/** Admins manage users and the business calendar (the API refuses everyone else with 403). */
export const isAdmin = (user: Pick<SessionUser, 'roles'> | null | undefined): boolean => Boolean(user?.roles.some((r) => r.role === 'admin'));
