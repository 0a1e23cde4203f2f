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
