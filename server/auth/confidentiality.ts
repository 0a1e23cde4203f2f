import type { SessionUser } from '../../db/users';

// 客户信息秘密等级: a customer's level limits who may read the customer's data. Roles count in
// the customer's own unit or any unit above it (a regional manager reads a province's secrets).

export type Confidentiality = 'public' | 'internal' | 'secret' | 'confidential';

const CLEARED: Record<Confidentiality, ReadonlySet<string> | 'everyone'> = {
  public: 'everyone',
  internal: 'everyone',
  secret: new Set(['cs_manager', 'general_manager']),
  confidential: new Set(['general_manager']),
};
const SEES_ALL = new Set(['auditor', 'admin']);

/**
 * @param unitPath the customer's unit as a materialised path ("hq/east/zj")
 * @param pathOf   materialised path of any unit id
 */
export function mayReadCustomer(user: SessionUser, level: Confidentiality, unitPath: string, pathOf: (unitId: string) => string | undefined): boolean {
  const cleared = CLEARED[level];
  if (cleared === 'everyone') return true;
  return user.roles.some((r) => {
    if (SEES_ALL.has(r.role)) return true;
    if (!cleared.has(r.role)) return false;
    const mine = pathOf(r.unitId);
    return mine !== undefined && (unitPath === mine || unitPath.startsWith(`${mine}/`));
  });
}

export const MASKED_NAME = '（保密客户）';
