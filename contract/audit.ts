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
