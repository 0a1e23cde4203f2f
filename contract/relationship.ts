import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from './customers';

// 客户关系维护 (issue 15): the 客户名册 (customers by tier, exportable) and the visit log of
// 实施服务方案 shown on 客户 360.

export const TIER_CODES = ['A', 'B', 'C', 'D'] as const;

export const rosterQuerySchema = z
  .object({
    tier: z.enum(TIER_CODES).optional(),
    unitId: z.string().min(1).max(100).optional(),
  })
  .strict();
export const rosterExportQuerySchema = rosterQuerySchema.extend({ format: z.enum(['csv', 'xlsx']), lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict();

/** A roster row; `masked`: the reader is not cleared for the customer's level, so name, contact, phone, region, owner and last visit are withheld. */
export const rosterRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.enum(TIER_CODES),
  unitId: z.string(),
  unitName: z.string(),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  region: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** Sales of the last 365 China days, the figure the tier was ranked on; null (with tierChangedAt) for a row masked to the reader. */
  sales: z.number().nullable(),
  tierChangedAt: z.string().nullable(),
  lastVisitOn: z.string().nullable(),
  masked: z.boolean(),
});
export type RosterRow = z.infer<typeof rosterRowSchema>;

export const tierRuleSchema = z.object({
  tier: z.enum(TIER_CODES),
  name: z.string(),
  priorShareBelow: z.number().nullable(),
  callbackCoverage: z.number(),
  followUpDays: z.number(),
  /** 投诉 steps' time limit in working days (shouwen:dueByTier="complaint"). */
  complaintDays: z.number(),
});
export const rosterSchema = z.object({ items: z.array(rosterRowSchema), truncated: z.boolean(), rules: z.array(tierRuleSchema) });
export type Roster = z.infer<typeof rosterSchema>;

export const VISIT_KIND_CODES = ['visit', 'promotion', 'opinion', 'greeting'] as const;
export const customerVisitSchema = z.object({
  id: z.string(),
  kind: z.enum(VISIT_KIND_CODES),
  visitedOn: z.string(),
  summary: z.string(),
  customerOpinion: z.string().nullable(),
  caseId: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type CustomerVisit = z.infer<typeof customerVisitSchema>;
/** `masked`: the reader is not cleared for the customer's level, so nothing is listed. */
export const customerVisitListSchema = z.object({ items: z.array(customerVisitSchema), masked: z.boolean() });
export type CustomerVisitList = z.infer<typeof customerVisitListSchema>;

export const tierChangeSchema = z.object({
  tierBefore: z.string().nullable(),
  tierAfter: z.enum(TIER_CODES),
  sales: z.number(),
  priorShare: z.number().nullable(),
  caseId: z.string(),
  computedAt: z.string(),
});
/** 客户分类历史: every computation that ranked the customer, newest first; `masked`: the reader is not cleared, nothing listed. */
export const tierHistorySchema = z.object({ items: z.array(tierChangeSchema), masked: z.boolean() });
export type TierHistory = z.infer<typeof tierHistorySchema>;

// 客户分类标准 edited in the console (issue 15): a tier's effects — 回访 coverage (the share of its
// purchases called back), the follow-up's 回访 and the complaint's 转交处理 limits in working days —
// changed with a note by 客服经理 of the top unit or admins; every change kept, old → new.

export const tierRuleParamsSchema = z.object({ tier: z.enum(TIER_CODES) }).strict();
export const tierRuleChangeBodySchema = z
  .object({
    /** Share of the tier's purchases called back, 0‥1 (kept to four decimals). */
    callbackCoverage: z.number().min(0).max(1),
    followUpDays: z.number().int().min(1).max(60),
    complaintDays: z.number().int().min(1).max(60),
    /** Why: kept with the change. */
    note: z.string().trim().min(1).max(500),
  })
  .strict();
export type TierRuleChangeBody = z.infer<typeof tierRuleChangeBodySchema>;

const tierEffectsSchema = z.object({ callbackCoverage: z.number(), followUpDays: z.number(), complaintDays: z.number() });
export const tierRuleChangeSchema = z.object({
  id: z.string(),
  tier: z.enum(TIER_CODES),
  actorId: z.string(),
  actorName: z.string().nullable(),
  note: z.string(),
  before: tierEffectsSchema,
  after: tierEffectsSchema,
  at: z.string(),
});
export type TierRuleChange = z.infer<typeof tierRuleChangeSchema>;
/** The rules in force, the changes newest first, and whether this reader may change them. */
export const tierRuleBoardSchema = z.object({ rules: z.array(tierRuleSchema), changes: z.array(tierRuleChangeSchema), editable: z.boolean() });
export type TierRuleBoard = z.infer<typeof tierRuleBoardSchema>;
