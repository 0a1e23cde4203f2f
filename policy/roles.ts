// Who holds which role is data (user_role); what a role lets its holder do is decided here and only
// here, so the API, the data layer's list filters and the console cannot disagree.

import type { RoleCode } from '../contract/user-rules';

// The role codes themselves are the API's vocabulary (contract/user-rules.ts).
export { ROLE_CODES, type RoleCode } from '../contract/user-rules';

/** Anyone with roles: the signed-in user, or the roles an administrator is about to give. */
export interface RoleHolder {
  roles: ReadonlyArray<{ role: string; unitId: string }>;
}

const holdsAny = (user: RoleHolder, roles: readonly RoleCode[]) => user.roles.some((r) => (roles as readonly string[]).includes(r.role));

export const isAdminRole = (role: string): boolean => role === 'admin';

/** Holds the admin role in some unit. */
export const isAdmin = (user: RoleHolder): boolean => user.roles.some((r) => isAdminRole(r.role));

/** Auditors and admins read every case and task, in every unit. */
/** Roles that read every case and every customer, whatever its level. */
export const SEES_EVERYTHING: readonly RoleCode[] = ['auditor', 'admin'];
export const seesEverything = (user: RoleHolder): boolean => holdsAny(user, SEES_EVERYTHING);

/** Auditors read everything and change nothing; a user with no roles at all is not an auditor. */
export const isReadOnly = (user: RoleHolder): boolean => user.roles.length > 0 && user.roles.every((r) => r.role === 'auditor');

/** Process owners (and admins) in any unit deploy process versions. */
export const mayDeploy = (user: RoleHolder): boolean => holdsAny(user, ['process_owner', 'admin']);

/**
 * Who reads the reports: the managers who answer for their units' figures (客服经理, 总经理), the
 * auditors who supervise them, and the process owners who improve the processes (PROCESSES.md roles).
 */
export const readsReports = (user: RoleHolder): boolean => holdsAny(user, ['cs_manager', 'general_manager', 'auditor', 'process_owner', 'admin']);

/** Managers (客服经理, 总经理) and admins may delegate outside a step's candidates, with a reason. */
export const managesAssignments = (user: RoleHolder): boolean => holdsAny(user, ['cs_manager', 'general_manager', 'admin']);
