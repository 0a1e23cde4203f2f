import { createProjectionActivities } from '../../activities/projection';
import type { Db } from '../db/pool';
import { createCaseRepository } from '../repositories/case-repository';
import { createProcessRepository } from '../repositories/process-repository';
import { createUserRepository } from '../repositories/user-repository';
import { createCaseService } from '../services/case-service';
import type { TemporalAccess } from '../temporal/client';

// A new installation opens on a living inbox: a few approval cases started on first start.
const DEMO_CASES = [
  { user: 'zj.cs_agent', title: '杭州西湖电子 退货申请', customerId: 'C0001', amount: 12800 },
  { user: 'zj.cs_agent', title: '宁波港城贸易 换货申请', customerId: 'C0002', amount: 3600 },
  { user: 'zj.cs_agent', title: '延长保修申请（浙江）', amount: 900 },
  { user: 'js.cs_agent', title: '南京金陵机械厂 维修费用减免', customerId: 'C0003', amount: 5200 },
  { user: 'gd.cs_agent', title: '广州客户 投诉补偿审批', amount: 1500 },
];

export async function startDemoCases(db: Db, temporal: TemporalAccess): Promise<number> {
  const users = createUserRepository(db);
  const cases = createCaseRepository(db);
  const service = createCaseService({
    temporal,
    processes: createProcessRepository(db),
    projection: createProjectionActivities({ db }),
    customers: { exists: (id) => cases.customerExists(id) },
  });
  let started = 0;
  for (const demo of DEMO_CASES) {
    const found = await users.findByUsername(demo.user);
    if (!found) continue;
    const { passwordHash: _p, disabled: _d, ...user } = found;
    await service.start(user, {
      processKey: 'demo-approval',
      title: demo.title,
      ...(demo.customerId ? { customerId: demo.customerId } : {}),
      variables: { amount: demo.amount },
    });
    started += 1;
  }
  return started;
}
