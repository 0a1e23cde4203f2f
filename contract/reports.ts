import { z } from 'zod';
import { chinaDay } from './cases';

// Reports (GET /api/reports, /api/reports/:name, /api/reports/:name/export): figures read from the
// projections for managers, auditors and process owners. The headings live here, beside the shapes,
// because the console and the exported files must name a column the same way.

export const REPORT_NAMES = ['sla', 'satisfaction', 'complaints', 'repairs', 'workload'] as const;
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
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'the period ends before it starts', path: ['to'] })
    .refine((f) => f.processVersion === undefined || f.processKey !== undefined, { message: 'a version needs its process', path: ['processVersion'] });

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

type Words = { 'zh-CN': string; en: string };

/** Each report's title, its tables', its columns' and its codes' words (the console and the files). */
export const REPORT_WORDS: Record<string, Words> = {
  'report.sla': { 'zh-CN': '时效统计', en: 'SLA compliance' },
  'report.satisfaction': { 'zh-CN': '满意度统计', en: 'Satisfaction' },
  'report.complaints': { 'zh-CN': '投诉统计', en: 'Complaints' },
  'report.repairs': { 'zh-CN': '维修统计', en: 'Repairs' },
  'report.workload': { 'zh-CN': '工作量统计', en: 'Workload' },

  'table.bySteps': { 'zh-CN': '按流程、步骤和单位', en: 'By process, step and unit' },
  'table.dimensions': { 'zh-CN': 'SERVQUAL 各维度', en: 'SERVQUAL by dimension' },
  'table.dailySheet': { 'zh-CN': '回访日清表', en: 'Daily call-back sheet' },
  'table.uncovered': { 'zh-CN': '未回访的已完工派工单', en: 'Closed work orders without a call-back' },
  'table.byChannel': { 'zh-CN': '按投诉渠道', en: 'By channel' },
  'table.bySeverity': { 'zh-CN': '按严重程度', en: 'By severity' },
  'table.byCause': { 'zh-CN': '按原因', en: 'By cause' },
  'table.byDepartment': { 'zh-CN': '按责任部门', en: 'By responsible department' },
  'table.byOutcome': { 'zh-CN': '按处理结果', en: 'By outcome' },
  'table.repeatCustomers': { 'zh-CN': '重复投诉客户', en: 'Customers complaining more than once' },
  'table.monthly': { 'zh-CN': '月度安装、维修量统计', en: 'Monthly volume' },
  'table.ledger': { 'zh-CN': '维修台账', en: 'Repair ledger' },
  'table.byPerson': { 'zh-CN': '按人员完成的任务', en: 'Tasks completed per person' },
  'table.byUnit': { 'zh-CN': '按单位的待办与逾期', en: 'Open and overdue by unit' },

  'col.process': { 'zh-CN': '流程', en: 'Process' },
  'col.version': { 'zh-CN': '版本', en: 'Version' },
  'col.step': { 'zh-CN': '步骤', en: 'Step' },
  'col.unit': { 'zh-CN': '单位', en: 'Unit' },
  'col.completed': { 'zh-CN': '完成数', en: 'Completed' },
  'col.onTime': { 'zh-CN': '按时', en: 'On time' },
  'col.late': { 'zh-CN': '超时', en: 'Late' },
  'col.noDeadline': { 'zh-CN': '无时限', en: 'No deadline' },
  'col.escalated': { 'zh-CN': '升级数', en: 'Escalated' },
  'col.maxLevel': { 'zh-CN': '最高升级层级', en: 'Highest escalation level' },
  'col.onTimeRate': { 'zh-CN': '按时率', en: 'On-time rate' },
  'col.medianHours': { 'zh-CN': '用时中位数（小时）', en: 'Median (hours)' },
  'col.p90Hours': { 'zh-CN': '用时 P90（小时）', en: 'P90 (hours)' },
  'col.dimension': { 'zh-CN': '维度', en: 'Dimension' },
  'col.average': { 'zh-CN': '平均分', en: 'Average' },
  'col.answers': { 'zh-CN': '评价数', en: 'Answers' },
  'col.at': { 'zh-CN': '时间（北京时间）', en: 'Time (China)' },
  'col.day': { 'zh-CN': '日期', en: 'Day' },
  'col.businessKey': { 'zh-CN': '业务编号', en: 'Business key' },
  'col.customer': { 'zh-CN': '客户', en: 'Customer' },
  'col.customerId': { 'zh-CN': '客户编号', en: 'Customer no.' },
  'col.workOrder': { 'zh-CN': '派工单号', en: 'Work order' },
  'col.method': { 'zh-CN': '回访方式', en: 'Method' },
  'col.satisfaction': { 'zh-CN': '满意度', en: 'Satisfaction' },
  'col.comments': { 'zh-CN': '客户意见', en: 'Comments' },
  'col.value': { 'zh-CN': '类别', en: 'Category' },
  'col.count': { 'zh-CN': '数量', en: 'Count' },
  'col.complaints': { 'zh-CN': '投诉数', en: 'Complaints' },
  'col.month': { 'zh-CN': '月份', en: 'Month' },
  'col.serviceKind': { 'zh-CN': '服务类别', en: 'Service' },
  'col.inWarranty': { 'zh-CN': '保修期内', en: 'In warranty' },
  'col.outOfWarranty': { 'zh-CN': '保修期外', en: 'Out of warranty' },
  'col.fees': { 'zh-CN': '收费（元）', en: 'Fees (CNY)' },
  'col.fee': { 'zh-CN': '费用（元）', en: 'Fee (CNY)' },
  'col.created': { 'zh-CN': '派工时间（北京时间）', en: 'Dispatched (China)' },
  'col.closedAt': { 'zh-CN': '完工时间（北京时间）', en: 'Closed (China)' },
  'col.product': { 'zh-CN': '产品', en: 'Product' },
  'col.mode': { 'zh-CN': '服务方式', en: 'Mode' },
  'col.engineer': { 'zh-CN': '维修人员', en: 'Engineer' },
  'col.status': { 'zh-CN': '状态', en: 'Status' },
  'col.person': { 'zh-CN': '人员', en: 'Person' },
  'col.open': { 'zh-CN': '待办', en: 'Open' },
  'col.overdue': { 'zh-CN': '已逾期', en: 'Overdue' },
  'col.escalatedOpen': { 'zh-CN': '已升级待办', en: 'Open, escalated' },

  'sum.completed': { 'zh-CN': '完成的任务', en: 'Tasks completed' },
  'sum.onTimeRate': { 'zh-CN': '按时率', en: 'On-time rate' },
  'sum.late': { 'zh-CN': '超时', en: 'Late' },
  'sum.escalated': { 'zh-CN': '升级', en: 'Escalated' },
  'sum.medianHours': { 'zh-CN': '用时中位数（小时）', en: 'Median (hours)' },
  'sum.p90Hours': { 'zh-CN': '用时 P90（小时）', en: 'P90 (hours)' },
  'sum.callbacks': { 'zh-CN': '回访次数', en: 'Call-backs' },
  'sum.satisfactionRate': { 'zh-CN': '满意率（4–5 分）', en: 'Satisfied (4–5)' },
  'sum.dissatisfactionRate': { 'zh-CN': '不满意率（1–2 分）', en: 'Dissatisfied (1–2)' },
  'sum.averageSatisfaction': { 'zh-CN': '平均满意度', en: 'Average satisfaction' },
  'sum.closedWorkOrders': { 'zh-CN': '已完工派工单', en: 'Closed work orders' },
  'sum.coverage': { 'zh-CN': '回访覆盖率', en: 'Call-back coverage' },
  'sum.complaints': { 'zh-CN': '投诉', en: 'Complaints' },
  'sum.closed': { 'zh-CN': '已结案', en: 'Closed' },
  'sum.closedLate': { 'zh-CN': '超过承诺期限结案', en: 'Closed after the promised deadline' },
  'sum.medianCloseHours': { 'zh-CN': '结案用时中位数（小时）', en: 'Median time to close (hours)' },
  'sum.p90CloseHours': { 'zh-CN': '结案用时 P90（小时）', en: 'P90 time to close (hours)' },
  'sum.repeatCustomers': { 'zh-CN': '重复投诉客户', en: 'Repeat customers' },
  'sum.workOrders': { 'zh-CN': '派工单', en: 'Work orders' },
  'sum.inWarranty': { 'zh-CN': '保修期内', en: 'In warranty' },
  'sum.fees': { 'zh-CN': '收费（元）', en: 'Fees (CNY)' },
  'sum.firstTimeFixRate': { 'zh-CN': '一次修复率', en: 'First-time fix rate' },
  'sum.open': { 'zh-CN': '待办', en: 'Open' },
  'sum.overdue': { 'zh-CN': '已逾期', en: 'Overdue' },

  'code.onTime': { 'zh-CN': '按时', en: 'On time' },
  'code.late': { 'zh-CN': '超时', en: 'Late' },
  'code.tangibles': { 'zh-CN': '有形性', en: 'Tangibles' },
  'code.reliability': { 'zh-CN': '可靠性', en: 'Reliability' },
  'code.responsiveness': { 'zh-CN': '响应性', en: 'Responsiveness' },
  'code.assurance': { 'zh-CN': '保证性', en: 'Assurance' },
  'code.empathy': { 'zh-CN': '移情性', en: 'Empathy' },
  'code.recovery': { 'zh-CN': '恢复性', en: 'Recovery' },
  'code.general': { 'zh-CN': '一般', en: 'General' },
  'code.serious': { 'zh-CN': '严重', en: 'Serious' },
  'code.major': { 'zh-CN': '重大', en: 'Major' },
  'code.own': { 'zh-CN': '公司原因', en: 'Our fault' },
  'code.external': { 'zh-CN': '外部原因', en: 'External' },
  'code.invalid': { 'zh-CN': '不属实', en: 'Not substantiated' },
  'code.resolved': { 'zh-CN': '解决', en: 'Resolved' },
  'code.compensated': { 'zh-CN': '赔偿', en: 'Compensated' },
  'code.open': { 'zh-CN': '处理中', en: 'In progress' },
  'code.unknown': { 'zh-CN': '未填写', en: 'Not recorded' },
  'code.dispatched': { 'zh-CN': '已派工', en: 'Dispatched' },
  'code.closed': { 'zh-CN': '已完工', en: 'Closed' },
  'code.cancelled': { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** The words for a key in a language; the key itself when none are written (a value stored as typed, e.g. 电话). */
export const reportWord = (key: string, lang: 'zh-CN' | 'en'): string => REPORT_WORDS[key]?.[lang] ?? key;
