import type { CandidateScope } from '../bpmn/model';
import { DEPARTMENTS, isDepartment } from '../contract/departments';
import { roleHeldWithinScope } from '../policy/sql';
import type { Db } from './pool';

// Routing a step to the department a case named (shouwen:candidateDepartment): decided once, when
// the task opens, by the worker's activity (its answer is recorded in the workflow's history).

/** Who takes a step when nobody in the named department can: the case unit's 客服经理. */
export const DEPARTMENT_FALLBACK_ROLES = ['cs_manager'];

export interface DepartmentRouting {
  unitId: string;
  /** What the diagram's expression gave: a department code, or anything else (null, "other"). */
  department: unknown;
  roles: string[];
  candidateScope?: CandidateScope;
}

/** How a step was routed, carried to the task's projection (db/tasks.ts writes it on the trail). */
export interface DepartmentRoute {
  /** The department named (a string the expression gave), null when it gave none. */
  department: string | null;
  /** Nobody working there could take the step: it went to these roles instead. */
  fallbackRoles?: string[];
}

/**
 * The department the step goes to when an active user working there holds one of its roles where
 * the task looks for them; otherwise the fallback roles. Reads only: the task's projection records
 * the answer on the case's trail.
 */
export async function routeToDepartment(db: Pick<Db, 'query'>, r: DepartmentRouting): Promise<DepartmentRoute> {
  const department = typeof r.department === 'string' ? r.department : null;
  if (isDepartment(department)) {
    const { rowCount } = await db.query(
      `SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id
        WHERE NOT u.disabled AND u.department = $1 AND ur.role = ANY ($2::text[]) AND ${roleHeldWithinScope('ur', '$3::text', '$4::text')}
        LIMIT 1`,
      [department, r.roles, r.unitId, r.candidateScope ?? 'unit'],
    );
    if ((rowCount ?? 0) > 0) return { department };
  }
  return { department, fallbackRoles: DEPARTMENT_FALLBACK_ROLES };
}

/** The trail entry of a routed step: which department, by name, and whether it fell back. */
export function departmentRouteEvent(route: DepartmentRoute, elementId: string): Record<string, unknown> {
  const known = DEPARTMENTS.find((d) => d.code === route.department);
  return {
    elementId,
    department: route.department,
    departmentName: known?.name ?? route.department,
    fallback: route.fallbackRoles !== undefined,
    ...(route.fallbackRoles && { fallbackRoles: route.fallbackRoles }),
  };
}
