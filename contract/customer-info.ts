import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from './customers';

// 客户信息管理 分发登记 (issue 15): which department (a role in a unit) received which numbered
// customer-information record, when and at which level.

export const customerDistributionSchema = z.object({
  id: z.number(),
  infoNo: z.string(),
  caseId: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  role: z.string(),
  level: z.enum(CONFIDENTIALITY_LEVELS),
  infoType: z.string().nullable(),
  region: z.string().nullable(),
  period: z.string().nullable(),
  distributedAt: z.string(),
});
export type CustomerDistribution = z.infer<typeof customerDistributionSchema>;

/**
 * `masked`: the reader is not cleared for the customer's level, so no entry is shown;
 * `withheld`: entries recorded at a level above the reader's clearance, counted, not shown.
 */
export const customerDistributionListSchema = z.object({ items: z.array(customerDistributionSchema), masked: z.boolean(), withheld: z.number() });
export type CustomerDistributionList = z.infer<typeof customerDistributionListSchema>;
