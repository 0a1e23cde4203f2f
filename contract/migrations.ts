import { z } from 'zod';

// Moving running cases to another version of their process (POST /api/processes/:key/migrations):
// a dry run says per case what would happen; the real run moves each case through its workflow's
// migrateCase Update. Process owners only.

export const MAX_MIGRATION_CASES = 100;

const elementIdSchema = z.string().min(1).max(200);

export const migrationRequestSchema = z.object({
  targetVersion: z.number().int().positive(),
  caseIds: z.array(z.string().min(1).max(300)).min(1).max(MAX_MIGRATION_CASES),
  /** Source element → target element, for active elements whose id differs in the target. */
  mapping: z.record(elementIdSchema, elementIdSchema).default({}),
  dryRun: z.boolean().default(true),
  /** Why the cases move; kept in each case's history. */
  note: z.string().trim().max(500).optional(),
});
export type MigrationRequest = z.input<typeof migrationRequestSchema>;

// Elements by id for the card to map, by name (and BPMN type, so an unnamed one is said by its kind) for people to read.
const moveSchema = z.object({ from: z.string(), fromName: z.string().nullable(), fromType: z.string().optional(), to: z.string(), toName: z.string().nullable(), toType: z.string().optional() });
const problemSchema = z.object({
  elementId: z.string(),
  elementName: z.string().nullable(),
  elementType: z.string().optional(),
  /** The target version's element the problem's element goes to (mapped, else the same id), when it has it. */
  targetName: z.string().nullable().optional(),
  targetType: z.string().optional(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.string()),
});

export const migrationCaseResultSchema = z.object({
  caseId: z.string(),
  businessKey: z.string().nullable(),
  fromVersion: z.number().nullable(),
  /** ready: a dry run would move it; migrated: moved (back, when `undo`); refused: see problems. */
  outcome: z.enum(['ready', 'migrated', 'refused']),
  undo: z.boolean(),
  moves: z.array(moveSchema),
  problems: z.array(problemSchema),
});
export type MigrationCaseResult = z.infer<typeof migrationCaseResultSchema>;

export const migrationReportSchema = z.object({
  dryRun: z.boolean(),
  processKey: z.string(),
  targetVersion: z.number(),
  results: z.array(migrationCaseResultSchema),
});
export type MigrationReport = z.infer<typeof migrationReportSchema>;
