import type { CaseRepository } from '../../db/cases';
import type { TaskRepository } from '../../db/tasks';
import type { SessionUser } from '../../db/users';
import { mayReadCustomer } from '../../policy/confidentiality';

/**
 * 客户信息秘密等级: whether the user may read the data of each case's customer. A case of a
 * customer above the user's clearance shows that it exists, never what was recorded in it nor
 * what it is called.
 */
export async function caseClearance(
  repos: { cases: Pick<CaseRepository, 'customer'>; tasks: Pick<TaskRepository, 'unitPaths'> },
  user: SessionUser,
  cases: ReadonlyArray<{ customerId: string | null }>,
): Promise<(c: { customerId: string | null }) => boolean> {
  const ids = [...new Set(cases.map((c) => c.customerId).filter((id): id is string => !!id))];
  if (!ids.length) return () => true;
  const [customers, paths] = await Promise.all([Promise.all(ids.map((id) => repos.cases.customer(id))), repos.tasks.unitPaths()]);
  const cleared = new Map(ids.map((id, i) => [id, !customers[i] || mayReadCustomer(user, customers[i]!.level, customers[i]!.unitPath, (u) => paths.get(u))]));
  return (c) => !c.customerId || cleared.get(c.customerId) !== false;
}
