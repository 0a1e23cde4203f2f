// The one SQL rule for "a role held here makes its holder a candidate of that task". The inbox
// (list, counts, detail, claim, complete, bulk: task-repository.ts) and the notifications of an
// escalated task (activities/notifications.ts) share it, so who is offered a task and who is told
// about it cannot drift apart.
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
