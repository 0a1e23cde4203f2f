import { mayReadCustomer, type Confidentiality } from './confidentiality';
import { isAdmin, isReadOnly, type RoleHolder } from './roles';

// Who maintains customer master data (issue 14). The 客户资料卡 is collected by 销售人员 and
// 客服人员 and reviewed by 客服经理 (PROCESSES.md §1, §6), so those roles (and 总经理) create and
// edit customers — and register their purchases — in the customer's unit or any unit above it,
// the same reach as reading a case (首问责任制). Editing also needs clearance for the customer's
// level: the form and its history show what the mask hides. The level itself is never edited
// here: it changes only through the customer-information process (setConfidentiality).
// Products and the fee schedule are company-wide: 总经理 and admins.

export const CUSTOMER_EDITORS: ReadonlySet<string> = new Set(['cs_agent', 'cs_manager', 'general_manager', 'sales']);
export const CATALOG_EDITORS: ReadonlySet<string> = new Set(['general_manager']);

/** Holds a role that edits customers somewhere (the console's 新建客户 button; refined per customer). */
export const mayEditCustomers = (user: RoleHolder): boolean => !isReadOnly(user) && (isAdmin(user) || user.roles.some((r) => CUSTOMER_EDITORS.has(r.role)));

/** Products and the fee schedule (产品, 维修及养护费用标准). */
export const mayManageCatalog = (user: RoleHolder): boolean => isAdmin(user) || user.roles.some((r) => CATALOG_EDITORS.has(r.role));

/** Whether the user holds an editing role in `unitPath` or a unit above it. */
export function editsInUnit(user: RoleHolder, unitPath: string, pathOf: (unitId: string) => string | undefined): boolean {
  if (isAdmin(user)) return true;
  return user.roles.some((r) => {
    if (!CUSTOMER_EDITORS.has(r.role)) return false;
    const mine = pathOf(r.unitId);
    return mine !== undefined && (unitPath === mine || unitPath.startsWith(`${mine}/`));
  });
}

/** May edit this customer's card and register its purchases. */
export const mayEditCustomer = (user: RoleHolder, level: Confidentiality, unitPath: string, pathOf: (unitId: string) => string | undefined): boolean =>
  editsInUnit(user, unitPath, pathOf) && mayReadCustomer(user, level, unitPath, pathOf);

/**
 * The 客户分类标准's effects (回访 coverage, time limits) hold for the whole company, so they are
 * changed by admins and by 客服经理 of a top unit (one without a unit above it, 总部) — not by a
 * province's manager, whose change would reach every other province's customers.
 */
export function mayEditTierRules(user: RoleHolder, pathOf: (unitId: string) => string | undefined): boolean {
  if (isAdmin(user)) return true;
  return user.roles.some((r) => {
    if (r.role !== 'cs_manager') return false;
    const path = pathOf(r.unitId);
    return path !== undefined && !path.includes('/');
  });
}
