import { z } from 'zod';
// The compiled model and its problems are the model layer's own zod schemas (zod only, like this
// folder), so the API describes them exactly as the compiler produces them.
import { modelProblemSchema, processModelSchema } from '../bpmn/model';
import { formJsSchema } from './forms';

// Deploying and reading process versions (/api/processes…).

export { type ModelProblem } from '../bpmn/model';

/** One deployed version of a process. */
export const processVersionSchema = z.object({
  key: z.string(),
  version: z.number(),
  name: z.string(),
  hash: z.string(),
  deployedBy: z.string().nullable(),
  /** The deployer's display name, in the lists the console shows (people are shown by name, not id). */
  deployedByName: z.string().nullable().optional(),
  deployedAt: z.string(),
  /** What the deployer wrote changed (issue 18 §4); required at deploy, null only for versions deployed before it was. */
  changeNote: z.string().nullable().optional(),
  /** Cases of this version still running, for those who may deploy (the deploy dialog says who stays where). */
  running: z.number().int().optional(),
});
export type ProcessVersionInfo = z.infer<typeof processVersionSchema>;

/** The latest version of a deployed process, with how many versions it has. */
export const processSummarySchema = processVersionSchema.extend({
  versions: z.number(),
  /** false when the latest version has only timer start events: 新建 does not offer it (the API refuses it). */
  startsByHand: z.boolean().optional(),
});
export type ProcessSummary = z.infer<typeof processSummarySchema>;
export const processListSchema = z.object({ items: z.array(processSummarySchema) });
export const processVersionListSchema = z.object({ items: z.array(processVersionSchema) });

/** One version with its XML, compiled model and forms. */
export const processVersionDetailSchema = processVersionSchema.extend({ xml: z.string(), model: processModelSchema, forms: z.record(z.string(), z.unknown()) });
export type ProcessVersion = z.infer<typeof processVersionDetailSchema>;

export const processFormsSchema = z.record(z.string().min(1).max(100), formJsSchema);
/** What deploy and validate take: the diagram and the forms its user tasks name. */
/** The largest diagram the API (and the CLI) accepts, in characters. */
/**
 * A diagram's XML, in characters; the routes that take one accept a body of DIAGRAM_BODY_LIMIT
 * bytes, enough for that many characters of Chinese (3 bytes each in UTF-8) and its forms. Other
 * routes keep the app's 2 MiB.
 */
export const MAX_DIAGRAM_CHARS = 2_000_000;
export const DIAGRAM_BODY_LIMIT = 8 * 1024 * 1024;
export const MAX_CHANGE_NOTE_CHARS = 2000;
export const processSourceSchema = z.object({
  xml: z.string().min(1).max(MAX_DIAGRAM_CHARS),
  forms: processFormsSchema.optional(),
});
export type ProcessSource = z.input<typeof processSourceSchema>;

/**
 * What deploy takes: the source and what changed. Every way in (console, API, CLI) names the change,
 * so a version's history says why it exists; shipped processes deploy with a fixed note.
 */
export const processDeploySchema = processSourceSchema.extend({
  changeNote: z
    .string({ error: 'A change note is required: say what this version changes.' })
    .trim()
    .min(1, { error: 'A change note is required: say what this version changes.' })
    .max(MAX_CHANGE_NOTE_CHARS),
});
export type ProcessDeploy = z.input<typeof processDeploySchema>;

/** 201 `created: true` for a new version, 200 `created: false` when the content is unchanged. */
/** What deploys but deserves a second look (a loop with no wait state); never stops a deployment. */
const warningsSchema = z.array(modelProblemSchema);
export const deployedSchema = z.object({ created: z.literal(true), process: processVersionSchema, warnings: warningsSchema });
export const unchangedSchema = z.object({ created: z.literal(false), process: processVersionSchema, warnings: warningsSchema });
export type DeployResult = z.infer<typeof deployedSchema> | z.infer<typeof unchangedSchema>;

export const validateResultSchema = z.object({ ok: z.boolean(), problems: z.array(modelProblemSchema), warnings: warningsSchema });
export type ValidateResult = z.infer<typeof validateResultSchema>;

const processKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/);
export const processKeyParamsSchema = z.object({ key: processKeySchema });
export const processVersionParamsSchema = z.object({ key: processKeySchema, version: z.coerce.number().int().positive() });

/** A process's draft on the server (issue 18 §4): one per process, whoever saved it last. */
export const processDraftSchema = z.object({
  processKey: z.string(),
  xml: z.string(),
  forms: z.record(z.string(), z.unknown()),
  /** The deployed version the draft started from. */
  baseVersion: z.number().int().nullable(),
  /** Bumped by every save; a save names the revision it read, so a stale one is refused. */
  revision: z.number().int().positive(),
  savedBy: z.string(),
  savedByName: z.string().nullable(),
  savedAt: z.string(),
});
export type ProcessDraft = z.infer<typeof processDraftSchema>;
export const processDraftResultSchema = z.object({ draft: processDraftSchema.nullable() });
export const saveDraftSchema = z.object({
  xml: z.string().min(1).max(MAX_DIAGRAM_CHARS),
  forms: processFormsSchema.optional(),
  baseVersion: z.number().int().positive().nullable().optional(),
  /** The revision this save replaces: 0 when the editor started without a draft. */
  revision: z.number().int().min(0),
});
export type SaveDraft = z.input<typeof saveDraftSchema>;
export const discardDraftQuerySchema = z.object({ revision: z.coerce.number().int().positive() });
