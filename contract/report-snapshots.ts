import { z } from 'zod';
import { reportNameSchema, reportSchema } from './reports';

// 定期总结 (GET/POST /api/report-snapshots): a month's reports per unit, stored when generated and
// served as stored, never recomputed.

/** A China calendar month, e.g. 2026-10. */
export const reportPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const reportSnapshotHeaderSchema = z.object({
  id: z.string(),
  period: reportPeriodSchema,
  unitId: z.string(),
  unitName: z.object({ 'zh-CN': z.string(), en: z.string() }),
  trigger: z.enum(['schedule', 'manual']),
  /** Who generated it by hand; null for the monthly schedule. */
  generatedBy: z.string().nullable(),
  /** The monthly-report-summary case that made it (its timer start or 立即生成); null by hand. */
  caseId: z.string().nullable(),
  generatedAt: z.string(),
  /** The reader holds no role at or above the unit: they see that it exists, not its figures. */
  masked: z.boolean(),
});
export type ReportSnapshotHeader = z.infer<typeof reportSnapshotHeaderSchema>;

export const reportSnapshotListSchema = z.object({ items: z.array(reportSnapshotHeaderSchema) });
export const reportSnapshotListQuerySchema = z.object({ period: reportPeriodSchema.optional() });

export const reportSnapshotSchema = reportSnapshotHeaderSchema.extend({
  /** The reports as stored; null when masked. Customer-level lists are not kept (see the service). */
  reports: z.array(reportSchema).nullable(),
});
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export const reportSnapshotParamsSchema = z.object({ id: z.string().regex(/^\d{1,18}$/) });
export const generateReportSnapshotsBodySchema = z.object({ period: reportPeriodSchema });
export const generatedReportSnapshotsSchema = z.object({ items: z.array(reportSnapshotHeaderSchema) });
export { reportNameSchema };
