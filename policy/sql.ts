import { CLEARED, isRestricted, type Confidentiality } from './confidentiality';
import { SEES_EVERYTHING, seesEverything, type RoleHolder } from './roles';

// The SQL that enforces the policy in lists and row checks, beside the rules it enforces. Every
// predicate reads the user's id as $1 and the task as `t` / the case as `c`; callers number their
// own parameters from $2.

// "A role held here makes its holder a candidate of that task". The inbox (list, counts, detail,
// claim, complete, bulk: db/tasks.ts) and the notifications of an escalated task
// (db/notifications.ts) share it, so who is offered a task and who is told about it cannot drift
// apart.
//
// A task's candidate groups are roles held in the task's unit (PROCESSES.md "Organisation"), or,
// when its diagram says shouwen:candidateScope="ancestors", in that unit or any unit above it
// (org_unit.path is materialised: "hq/east" is above "hq/east/zj"). starts_with rather than LIKE,
// so an "_" in a unit id is not a wildcard.

/**
 * SQL boolean: the user_role row aliased `ur` is held where a task in unit `unit` with candidate
 * scope `scope` (both SQL expressions, e.g. `t.unit_id`, `t.candidate_scope`) looks for it.
 * The role itself is matched by the caller.
 */
export const roleHeldWithinScope = (ur: string, unit: string, scope: string) =>
  `(${ur}.unit_id = ${unit} OR (${scope} = 'ancestors' AND EXISTS (
     SELECT 1 FROM org_unit held JOIN org_unit below ON starts_with(below.path, held.path || '/')
      WHERE held.id = ${ur}.unit_id AND below.id = ${unit})))`;

// Offered to me: a candidate user, or a role I hold in the task's unit (or above it, when the
// diagram says so: roleHeldWithinScope). Every inbox read and every permission check uses it.
//
// It starts with a cheap superset — the task is in a unit where one of my roles could count (where I
// hold it, or any unit below, for "ancestors"), or names me as a candidate user — so the planner can
// begin from the unit and candidate-user indexes instead of testing every open task (the badge
// counts at 1M tasks, bench B3/B4); the exact test then decides.
const CANDIDATE_UNITS = `(SELECT below.id FROM user_role mine JOIN org_unit held ON held.id = mine.unit_id
   JOIN org_unit below ON below.id = held.id OR starts_with(below.path, held.path || '/') WHERE mine.user_id = $1)`;
/**
 * SQL, one row: where a completed task the user ($1) may see because it was offered to them can lie —
 * `held`, the units where they hold a role (any step there), and `below`, the units under those (only
 * a step with candidate scope "ancestors"); CANDIDATE_UNITS is the two together. As text arrays.
 */
export const ROLE_REACH = `(SELECT coalesce(array_agg(DISTINCT mine.unit_id), '{}') FROM user_role mine WHERE mine.user_id = $1) AS held,
   (SELECT coalesce(array_agg(DISTINCT below.id), '{}') FROM user_role mine JOIN org_unit held ON held.id = mine.unit_id
      JOIN org_unit below ON starts_with(below.path, held.path || '/') WHERE mine.user_id = $1) AS below`;
/** SQL boolean, the exact test: task `t` is offered to the user whose id is the SQL expression `userId`. */
// A step routed to one department (t.candidate_department) counts a role only for holders working there.
export const taskOfferedTo = (userId: string) => `(${userId} = ANY (t.candidate_users) OR (EXISTS (
   SELECT 1 FROM user_role ur WHERE ur.user_id = ${userId} AND ur.role = ANY (t.candidate_roles)
      AND ${roleHeldWithinScope('ur', 't.unit_id', 't.candidate_scope')})
   AND (t.candidate_department IS NULL OR EXISTS (SELECT 1 FROM app_user du WHERE du.id = ${userId} AND du.department = t.candidate_department))))`;
export const TASK_OFFERED = `((t.unit_id IN ${CANDIDATE_UNITS} OR t.candidate_users @> ARRAY[$1::text]) AND ${taskOfferedTo('$1')})`;
/**
 * SQL boolean, implied by TASK_OFFERED (its first half) and cheap per row: the task is in a unit where, or below one
 * where, the user ($1) holds a role, or names them as a candidate. A filter that thins rows out before work per row
 * (grouping); TASK_OFFERED still decides. `= ANY` rather than `@> ARRAY[…]`, which built an array per row in a generic
 * plan; no index is asked here.
 */
export const TASK_MAY_BE_OFFERED = `(t.unit_id IN ${CANDIDATE_UNITS} OR $1::text = ANY (t.candidate_users))`;

/**
 * SQL boolean: user `u` is eligible to be given task `t` by delegation — the step would be offered
 * to them (its candidate roles within its unit and scope, or its candidate users), they are active,
 * and separation of duties does not exclude them as the case's initiator.
 */
export const ELIGIBLE_DELEGATE = `(NOT u.disabled AND ${taskOfferedTo('u.id')}
   AND NOT (t.separation_of_duties AND EXISTS (SELECT 1 FROM process_case c WHERE c.id = t.case_id AND c.initiator_id = u.id)))`;
/** The task is the user's: assigned to them, or offered to them and not claimed by someone else (claim, complete, delegate). */
export const TASK_ACTIONABLE = `(t.assignee_id = $1 OR (t.assignee_id IS NULL AND ${TASK_OFFERED}))`;
/** Assigned to the user or offered to them, claimed by someone else or not (comments, unclaim). */
export const TASK_ASSIGNED_OR_OFFERED = `(t.assignee_id = $1 OR ${TASK_OFFERED})`;

/** What a user may see: their own, offered to them (even if claimed), and what they completed; `offered` is TASK_OFFERED or a column holding it. */
const taskVisibleGiven = (offered: string) => `(t.assignee_id = $1 OR t.completed_by = $1 OR ${offered})`;
export const TASK_VISIBLE = taskVisibleGiven(TASK_OFFERED);

/**
 * SQL boolean: the user may see task `t` (auditors and admins see every task). $1 is referenced either way so PostgreSQL can type it.
 * `offered`: TASK_OFFERED or an equivalent test (db/tasks.ts decides it per offer key for open tasks).
 */
export const taskVisible = (user: RoleHolder, offered = TASK_OFFERED): string => (seesEverything(user) ? '$1::text IS NOT NULL' : taskVisibleGiven(offered));

/** taskVisible where "offered" has been worked out already (the badge counts compute it once per task). */
export const taskVisibleWhenOffered = (user: RoleHolder, offered: string): string => (seesEverything(user) ? 'true' : taskVisibleGiven(offered));

/**
 * SQL boolean for `user_role ur`: the role does not reach case `c` only because the case went to
 * another department. Once a step of the case is routed to a department (task.candidate_department,
 * e.g. the complaint's 责任部门), a 有关部门 holder reads it only when working in one it went to; before
 * that (the investigation is everyone's) and for every other role, the unit decides alone.
 */
const DEPARTMENT_ROLE_READS = `(ur.role <> 'department'
    OR NOT EXISTS (SELECT 1 FROM task rt WHERE rt.case_id = c.id AND rt.candidate_department IS NOT NULL)
    OR EXISTS (SELECT 1 FROM task rt JOIN app_user me ON me.id = ur.user_id WHERE rt.case_id = c.id AND rt.candidate_department = me.department))`;

/**
 * SQL boolean: the user may read case `c`: auditors and admins; whoever started it, owns it or acted
 * on one of its tasks; and anyone holding a role in the case's unit or a unit above it (the chain of
 * 首问责任制), a 有关部门 holder only for a case routed to their department (DEPARTMENT_ROLE_READS).
 */
export function caseReadable(user: RoleHolder): string {
  if (seesEverything(user)) return '$1::text IS NOT NULL';
  return caseReadableBy('$1');
}

/** caseReadable's test for a user who does not see everything, whose id is the SQL expression `userId` (live events check many at once). */
export const caseReadableBy = (userId: string) => `(c.initiator_id = ${userId} OR c.owner_id = ${userId}
    OR EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND (t.assignee_id = ${userId} OR t.completed_by = ${userId}))
    OR EXISTS (SELECT 1 FROM user_role ur JOIN org_unit mine ON mine.id = ur.unit_id JOIN org_unit cu ON cu.id = c.unit_id
                WHERE ur.user_id = ${userId} AND (cu.path = mine.path OR cu.path LIKE mine.path || '/%') AND ${DEPARTMENT_ROLE_READS}))`;

/**
 * SQL boolean: the user (whose id is the placeholder `userParam`) may read the customer whose
 * level and unit path are the SQL expressions `level` and `unitPath` — mayReadCustomer, in SQL,
 * from the same CLEARED table. No customer (NULL level) is no secret. Search uses it so that it
 * never matches on a field the caller may not see (a match would confirm the secret).
 */
export function customerCleared(user: RoleHolder, userParam: string, level: string, unitPath: string): string {
  // Referenced either way so PostgreSQL can type the parameter.
  if (seesEverything(user)) return `(${userParam}::text IS NOT NULL)`;
  return clearedByLevel(userParam, level, unitPath);
}

/**
 * SQL: the stricter of two 秘密等级 expressions (a NULL one counts for nothing). An archive keeps the
 * level its customer had when it was registered, and the customer may have been raised since (the
 * customer-information process): the archive is as secret as the stricter of the two.
 */
export function stricterLevel(a: string, b: string): string {
  const strictestFirst: Confidentiality[] = ['confidential', 'secret', 'internal', 'public'];
  return `(CASE ${strictestFirst.map((l) => `WHEN ${a} = '${l}' OR ${b} = '${l}' THEN '${l}'`).join(' ')} END)`;
}

/**
 * customerCleared for a user known only to SQL (`userExpr`, e.g. each notification's recipient
 * `n.user_id`): the roles that see everything are looked up too.
 */
export function recipientCleared(userExpr: string, level: string, unitPath: string): string {
  const everything = SEES_EVERYTHING.map((r) => `'${r}'`).join(', ');
  return `(EXISTS (SELECT 1 FROM user_role er WHERE er.user_id = ${userExpr} AND er.role IN (${everything})) OR ${clearedByLevel(userExpr, level, unitPath)})`;
}

/**
 * SQL boolean: a customer of level `level` may be named to anyone at all — the least-cleared
 * recipient, such as a team chat group whose members nobody vouches for. No customer is no secret.
 */
export function clearedForAnyone(level: string): string {
  const everyone = (Object.keys(CLEARED) as Confidentiality[]).filter((lvl) => CLEARED[lvl] === 'everyone');
  return `(${level} IS NULL OR ${level} IN (${everyone.map((l) => `'${l}'`).join(', ')}))`;
}

/**
 * SQL boolean: a customer of level `level` is hidden from some readers (isRestricted: a level not cleared for
 * everyone). Written as a list of those levels so that migration 058's partial index on them serves it.
 */
export function restrictedLevel(level: string): string {
  const restricted = (Object.keys(CLEARED) as Confidentiality[]).filter(isRestricted);
  return `${level} IN (${restricted.map((l) => `'${l}'`).join(', ')})`;
}

function clearedByLevel(userParam: string, level: string, unitPath: string): string {
  const clauses = (Object.keys(CLEARED) as Confidentiality[]).map((lvl) => {
    const roles = CLEARED[lvl];
    if (roles === 'everyone') return `${level} = '${lvl}'`;
    // The role codes come from this module, never from input: safe to write into the SQL.
    return `(${level} = '${lvl}' AND EXISTS (SELECT 1 FROM user_role cr JOIN org_unit mine ON mine.id = cr.unit_id
              WHERE cr.user_id = ${userParam} AND cr.role IN (${[...roles].map((r) => `'${r}'`).join(', ')})
                AND (${unitPath} = mine.path OR starts_with(${unitPath}, mine.path || '/'))))`;
  });
  return `(${level} IS NULL OR ${clauses.join(' OR ')})`;
}
