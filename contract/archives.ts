import { z } from 'zod';

// 档案登记 (issue 16): the archive register and one archive with its 借阅台账 and history.

export const ARCHIVE_STATUSES = ['in_stock', 'on_loan', 'rectifying', 'destroyed'] as const;

export const archiveListQuerySchema = z
  .object({
    status: z.enum(ARCHIVE_STATUSES).optional(),
    archiveType: z.string().trim().min(1).max(64).optional(),
    customerId: z.string().trim().min(1).max(64).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const archiveSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  customerId: z.string().nullable(),
  /** （保密客户） when the reader is not cleared for the archive's level. */
  customerName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  archiveType: z.string(),
  title: z.string(),
  confidentiality: z.string(),
  location: z.string(),
  retentionYears: z.number(),
  expiresOn: z.string(),
  status: z.enum(ARCHIVE_STATUSES),
  createdAt: z.string(),
  masked: z.boolean(),
  /** 法律保全: never proposed for destruction while set. */
  legalHold: z.boolean(),
  legalHoldReason: z.string().nullable(),
});
export type Archive = z.infer<typeof archiveSchema>;
export const archiveListSchema = z.object({ items: z.array(archiveSchema) });

export const archiveLoanSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  borrowerId: z.string().nullable(),
  borrowerName: z.string().nullable(),
  department: z.string().nullable(),
  purpose: z.string(),
  dueOn: z.string(),
  lentAt: z.coerce.string(),
  returnedAt: z.coerce.string().nullable(),
  returnIntact: z.boolean().nullable(),
  returnNote: z.string().nullable(),
});

export const archiveDetailSchema = archiveSchema.extend({
  /** The case's data at 归档; empty when the reader is not cleared. */
  records: z.record(z.string(), z.unknown()),
  /** The version of the case the records came from: its forms give the records their labels. */
  sourceProcessVersion: z.number().nullable(),
  /** The source case's number as people know it. */
  sourceBusinessKey: z.string().nullable(),
  /** Account id → name of the people the records name (发起人 and the like). */
  people: z.record(z.string(), z.string()),
  loans: z.array(archiveLoanSchema),
  /** The 销毁处理登记表 row, kept for ever once the archive is destroyed. */
  destruction: z
    .object({
      id: z.string(),
      caseId: z.string(),
      method: z.string(),
      witness: z.string().nullable(),
      reviewedBy: z.string().nullable(),
      approvedBy: z.string().nullable(),
      destroyedBy: z.string().nullable(),
      destroyedAt: z.coerce.string(),
    })
    .nullable(),
  history: z.array(
    z.object({ kind: z.string(), caseId: z.string().nullable(), actorId: z.string().nullable(), actorName: z.string().nullable(), payload: z.record(z.string(), z.unknown()), at: z.coerce.string() }),
  ),
});
export type ArchiveDetail = z.infer<typeof archiveDetailSchema>;
export const archiveLegalHoldBodySchema = z
  .object({
    hold: z.boolean(),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();

export const archiveIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
