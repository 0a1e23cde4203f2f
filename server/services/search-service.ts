import type { ArchiveRepository } from '../../db/archives';
import type { CaseRepository } from '../../db/cases';
import type { CustomerRepository } from '../../db/customers';
import type { TaskRepository } from '../../db/tasks';
import type { SessionUser, UserRepository } from '../../db/users';
import type { SearchResult } from '../../contract';
import { MASKED_NAME, MASKED_TITLE, mayReadCustomer } from '../../policy/confidentiality';
import { mayOverrideDelegation } from '../../policy/capabilities';
import { caseClearance } from './case-clearance';

interface Repos {
  archives: Pick<ArchiveRepository, 'list'>;
  cases: Pick<CaseRepository, 'list' | 'customer'>;
  customers: Pick<CustomerRepository, 'search'>;
  tasks: Pick<TaskRepository, 'unitPaths'>;
  users: Pick<UserRepository, 'search'>;
}

/**
 * The header's search: each kind through the same read rules as its own list — cases as the 案例
 * list finds them (a secret customer's name or number finds nothing for a reader not cleared),
 * customers as the customer look-up masks them, people only for those who may browse the
 * directory, archives as the register lists them (its units, its masking). One more hit than shown is asked for, to say whether there are more.
 */
export async function searchEverything(repos: Repos, user: SessionUser, q: string, limit: number): Promise<SearchResult> {
  const directory = mayOverrideDelegation(user);
  const [cases, customers, people, paths, archives] = await Promise.all([
    repos.cases.list(user, { q, limit: limit + 1 }),
    repos.customers.search(user, q, limit + 1),
    directory ? repos.users.search(q, limit + 1) : Promise.resolve(undefined),
    repos.tasks.unitPaths(),
    repos.archives.list(user, { q, limit: limit + 1 }),
  ]);
  const caseRows = cases.items.slice(0, limit);
  const cleared = await caseClearance(repos, user, caseRows);
  return {
    cases: {
      items: caseRows.map((c) => ({ id: c.id, businessKey: c.businessKey, title: cleared(c) ? c.title : MASKED_TITLE, processKey: c.processKey, status: c.status, startedAt: c.startedAt })),
      more: cases.items.length > limit,
    },
    customers: {
      items: customers.slice(0, limit).map((c) => {
        const readable = mayReadCustomer(user, c.confidentiality, c.unitPath, (id) => paths.get(id));
        return { id: c.id, name: readable ? c.name : MASKED_NAME, tier: c.tier, masked: !readable };
      }),
      more: customers.length > limit,
    },
    archives: {
      items: archives.slice(0, limit).map((a) => ({ id: a.id, title: a.title, status: a.status, masked: a.masked })),
      more: archives.length > limit,
    },
    ...(people && { people: { items: people.slice(0, limit).map((p) => ({ id: p.id, displayName: p.displayName, unitId: p.unitId })), more: people.length > limit } }),
  };
}
