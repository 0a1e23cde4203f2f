import { z } from 'zod';
import { chinaDay } from './cases';
import { REPORT_NAMES } from './report-words';

// Reports (GET /api/reports, /api/reports/:name, /api/reports/:name/export): figures read from the
// projections for managers, auditors and process owners. The headings live here, beside the shapes,
// because the console and the exported files must name a column the same way.

export const reportNameSchema = z.enum(REPORT_NAMES);
export type ReportName = z.infer<typeof reportNameSchema>;

export const reportParamsSchema = z.object({ name: reportNameSchema });

const reportFilterFields = z.object({
  /** First day of the period (China calendar day, inclusive). */
  from: chinaDay.optional(),
  /** Last day of the period (China calendar day, inclusive). */
  to: chinaDay.optional(),
  /** This unit and every unit below it; refused when the reader may not see the unit. */
  unitId: z.string().min(1).max(100).optional(),
  processKey: z.string().min(1).max(100).optional(),
  processVersion: z.coerce.number().int().positive().max(1_000_000).optional(),
});

// zod 4 keeps an object's shape through refine, so the export can add its fields after the checks.
const checked = <T extends z.ZodType<z.infer<typeof reportFilterFields>>>(schema: T) =>
  schema
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'the period ends before it starts', path: ['to'], params: { reason: 'periodReversed' } })
    .refine((f) => f.processVersion === undefined || f.processKey !== undefined, { message: 'a version needs its process', path: ['processVersion'], params: { reason: 'versionNeedsProcess' } });

export const reportFilterSchema = checked(reportFilterFields);
export type ReportFilter = z.infer<typeof reportFilterFields>;

export const reportExportQuerySchema = checked(reportFilterFields.extend({ format: z.enum(['csv', 'xlsx']), lang: z.enum(['zh-CN', 'en']).default('zh-CN') }));

/** How a column's values read: the console and the files format them by it (`code`: a REPORT_WORDS `code.*` key or a value as typed; `unit`: a unit id). */
export const reportColumnTypeSchema = z.enum(['text', 'count', 'rate', 'hours', 'score', 'money', 'day', 'datetime', 'boolean', 'code', 'unit']);
export type ReportColumnType = z.infer<typeof reportColumnTypeSchema>;

export const reportCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ReportCell = z.infer<typeof reportCellSchema>;

export const reportTableSchema = z.object({
  key: z.string(),
  columns: z.array(z.object({ key: z.string(), type: reportColumnTypeSchema })),
  rows: z.array(z.record(z.string(), reportCellSchema)),
  /** More rows matched than a table holds (REPORT_ROW_LIMIT): narrow the period. */
  truncated: z.boolean(),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

/** One point of the report's chart: `x` (a week, a month, a dimension …), a value, the series it belongs to. */
export const reportPointSchema = z.object({ x: z.string(), y: z.number(), group: z.string() });
export type ReportPoint = z.infer<typeof reportPointSchema>;

export const reportSchema = z.object({
  name: reportNameSchema,
  /** The figures of the report at a glance (key → value; rates are 0–1, hours decimal). */
  summary: z.array(z.object({ key: z.string(), type: reportColumnTypeSchema, value: z.number().nullable() })),
  tables: z.array(reportTableSchema),
  /** The chart: `x` is a label or a code the headings name; `kind` says how to draw it. */
  chart: z.object({ kind: z.enum(['line', 'column']), points: z.array(reportPointSchema) }),
  /** The names of the units the rows name (`unit` columns hold ids). */
  unitNames: z.record(z.string(), z.object({ 'zh-CN': z.string(), en: z.string() })),
});
export type Report = z.infer<typeof reportSchema>;

export const reportIndexSchema = z.object({
  reports: z.array(reportNameSchema),
  /** The units the reader may filter by (those at or below where they hold a role; all for auditors). */
  units: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string(), path: z.string() })),
});
export type ReportIndex = z.infer<typeof reportIndexSchema>;

export { REPORT_NAMES, REPORT_WORDS, reportWord } from './report-words';
