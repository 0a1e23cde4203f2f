import { z } from 'zod';
import { caseEventSchema } from './cases';

// A case's audit trail (GET /api/cases/:id/audit) and the replay of its Temporal history (POST …/replay).

/** A history event with its place in the hash chain (hashes are hex digests). */
export const auditEntrySchema = caseEventSchema.extend({ prevHash: z.string().nullable(), hash: z.string().nullable() });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The trail and whether its hash chain verifies (else the first entry where it breaks: its `seq`, and `brokenAt`, its number `n` in the case). */
export const auditTrailSchema = z.object({ entries: z.array(auditEntrySchema), verified: z.boolean(), brokenAtSeq: z.number().nullable(), brokenAt: z.number().nullable() });
export type AuditTrail = z.infer<typeof auditTrailSchema>;

export const replayResultSchema = z.object({
  ok: z.boolean(),
  /** History events replayed. */
  events: z.number(),
  durationMs: z.number(),
  /** The nondeterminism (or other) error when the replay did not match; null when ok. */
  divergence: z.string().nullable(),
});
export type ReplayResult = z.infer<typeof replayResultSchema>;

/** A trail entry with exactly the fields its digest covers (`at` to the microsecond, UTC). */
export const chainedEntrySchema = z.object({
  n: z.number(),
  seq: z.number(),
  caseId: z.string(),
  kind: z.string(),
  taskId: z.string().nullable(),
  actorId: z.string().nullable(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
  /** sha256 of the payload's jsonb text, what the digest covers since migration 047; absent or null: the payload text itself. */
  payloadDigest: z.string().nullable().optional(),
  /** The payload was destroyed with the case's archive: the digest is vouched for by `payloadDigest`. */
  purged: z.boolean().optional(),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});

/**
 * GET /api/cases/:id/audit/export: self-contained, checked offline by `npx shouwen verify-export`
 * (the chain recomputed, the history replayed on the workflow code), beside the verdicts the
 * server reached when exporting.
 */
export const auditExportSchema = z.object({
  format: z.literal('shouwen.audit-export/1'),
  exportedAt: z.string(),
  case: z.object({ id: z.string(), businessKey: z.string(), title: z.string(), processKey: z.string(), processVersion: z.number(), status: z.string(), startedAt: z.string(), endedAt: z.string().nullable() }),
  trail: z.object({ count: z.number(), head: z.string().nullable(), entries: z.array(chainedEntrySchema) }),
  chain: z.object({ verified: z.boolean(), brokenAt: z.number().nullable() }),
  /** Temporal's JSON history (as `temporal workflow show --output json` writes it). */
  history: z.object({ events: z.array(z.unknown()) }).passthrough(),
  replay: replayResultSchema,
});
export type AuditExport = z.infer<typeof auditExportSchema>;
