// The user-administration rules the console checks before sending, as plain values: the console
// imports them at run time, and this file stays free of zod so that costs it nothing.

/** The roles the database accepts (user_role's CHECK in 001_foundation.sql). */
export const ROLE_CODES = ['cs_agent', 'cs_manager', 'general_manager', 'engineering', 'sales', 'department', 'auditor', 'process_owner', 'admin'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export const PASSWORD_MIN_LENGTH = 8;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

// The departments a user can work in (db/migrations/043_user_department.sql seeds the same
// codes): the complaint's investigation names one of them as responsible, and its later steps go
// to that department's users. "other" in the form names none of them.

export const DEPARTMENTS = [
  { code: 'production', name: '生产部', nameEn: 'Production' },
  { code: 'quality', name: '质量管理部', nameEn: 'Quality management' },
  { code: 'rnd', name: '技术研发部', nameEn: 'R&D' },
  { code: 'marketing', name: '市场营销部', nameEn: 'Marketing' },
] as const;

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

export const isDepartment = (code: unknown): code is DepartmentCode => DEPARTMENTS.some((d) => d.code === code);
