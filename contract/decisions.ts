import { z } from 'zod';
import { modelProblemSchema } from '../bpmn/model';
import { decisionModelSchema } from '../bpmn/dmn/model';
import { MAX_DIAGRAM_CHARS } from './processes';

// DMN decision files (/api/decisions…): deployed and versioned like diagrams.

export const decisionVersionSchema = z.object({
  key: z.string(),
  version: z.number(),
  name: z.string(),
  hash: z.string(),
  decisionIds: z.array(z.string()),
  deployedBy: z.string().nullable(),
  deployedAt: z.string(),
  /** none: in force on deploy; proposed: waits for its decision-change case; approved / rejected: what that case decided. */
  reviewStatus: z.enum(['none', 'proposed', 'approved', 'rejected']),
  /** The case reviewing this version, when it is (or was) a proposal. */
  reviewCaseId: z.string().nullable(),
});
export type DecisionVersionInfo = z.infer<typeof decisionVersionSchema>;

export const decisionListSchema = z.object({
  items: z.array(
    decisionVersionSchema.extend({
      versions: z.number(),
      /** The version in force now (null while a file's first version is still a proposal); the item itself is the latest. */
      inForceVersion: z.number().nullable(),
    }),
  ),
});
export const decisionVersionDetailSchema = decisionVersionSchema.extend({ xml: z.string(), model: decisionModelSchema });
export type DecisionVersionDetail = z.infer<typeof decisionVersionDetailSchema>;

export const decisionSourceSchema = z.object({ xml: z.string().min(1).max(MAX_DIAGRAM_CHARS) });
export const decisionDeployedSchema = z.object({
  created: z.boolean(),
  decision: decisionVersionSchema,
  /** Set when the file's changes are reviewed: the version is a proposal, in force once this decision-change case approves it. */
  proposalCaseId: z.string().optional(),
  /** What the check found that does not stop a deployment (a pattern refused on long texts), in the caller's language. */
  warnings: z.array(modelProblemSchema),
});
export const decisionValidateResultSchema = z.object({ ok: z.boolean(), problems: z.array(modelProblemSchema), warnings: z.array(modelProblemSchema) });
export type DecisionDeployed = z.infer<typeof decisionDeployedSchema>;
export type DecisionValidateResult = z.infer<typeof decisionValidateResultSchema>;

const decisionKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/);
export const decisionKeyParamsSchema = z.object({ key: decisionKeySchema });
export const decisionVersionQuerySchema = z.object({
  version: z.coerce.number().int().positive().max(1_000_000).optional(),
  /** Instead of a version: the one in force before this version (what a proposal would replace), for its diff. */
  inForceBefore: z.coerce.number().int().positive().max(1_000_000).optional(),
});

/** Trying a decision before it is used: the variables it reads, and which decision of the file. */
export const decisionEvaluateSchema = z.object({
  decisionId: z.string().min(1).max(200).optional(),
  version: z.number().int().positive().max(1_000_000).optional(),
  variables: z.record(z.string().max(200), z.unknown()).refine((v) => Object.keys(v).length <= 500, { message: 'at most 500 variables', params: { reason: 'tooManyVariables' } }),
});
export const decisionEvaluatedSchema = z.object({
  decisionId: z.string(),
  version: z.number(),
  result: z.unknown(),
  evaluated: z.array(
    z.object({
      decisionId: z.string(),
      decisionName: z.string().optional(),
      inputs: z.array(z.object({ id: z.string(), label: z.string().optional(), value: z.unknown() })),
      matchedRules: z.array(z.object({ id: z.string(), index: z.number(), description: z.string().optional() })),
      result: z.unknown(),
    }),
  ),
});
export type DecisionFileSummary = z.infer<typeof decisionListSchema>['items'][number];
export type DecisionEvaluated = z.infer<typeof decisionEvaluatedSchema>;
