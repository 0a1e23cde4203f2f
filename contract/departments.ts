import { z } from 'zod';
import { DEPARTMENTS, type DepartmentCode } from './user-rules';

export { DEPARTMENTS, isDepartment, type DepartmentCode } from './user-rules';

export const DEPARTMENT_CODES = DEPARTMENTS.map((d) => d.code) as [DepartmentCode, ...DepartmentCode[]];
/** A user's department as the API takes it: one of the list, or null for none. */
export const departmentCodeSchema = z.enum(DEPARTMENT_CODES);
