import type { ServiceTaskType } from './service-task-types';

// What each shipped service task writes into a case, in words: the console's 流程变量 panel reads
// a case's data through this (a label per variable, its coded values, the fields of its records),
// so a service task's output never shows as a raw name or JSON. The worker's activities are
// checked against it when compiling (activities/service-tasks.ts), so a task cannot write a
// variable the console would have no words for.

/** A word in both languages the console speaks. */
export interface Words {
  zh: string;
  en: string;
}

/** A value that is read as it is, or as a date or money. */
export interface PlainOutput extends Words {
  kind: 'text' | 'number' | 'money' | 'percent' | 'boolean' | 'date' | 'datetime';
  /** Declared (the task writes it) but not shown: it repeats another field in other words. */
  hidden?: boolean;
}

/** A coded value, or a list of them, each code with its words. */
export interface CodedOutput extends Words {
  kind: 'options' | 'list';
  options?: Readonly<Record<string, Words>>;
  hidden?: boolean;
}

export type OutputField = PlainOutput | CodedOutput;

/** One record (`record`) or a list of them (`records`), each field in words; `lead` is the field that names a record (shown first, unlabelled). */
export interface RecordOutput extends Words {
  kind: 'record' | 'records';
  fields: Readonly<Record<string, OutputField>>;
  lead?: string;
}

export type OutputSpec = OutputField | RecordOutput;

const LEVELS = {
  public: { zh: '公开', en: 'Public' },
  internal: { zh: '内部', en: 'Internal' },
  secret: { zh: '秘密', en: 'Secret' },
  confidential: { zh: '机密', en: 'Confidential' },
} as const;

const ARCHIVE_STATUS = {
  in_stock: { zh: '在库', en: 'In stock' },
  on_loan: { zh: '借出', en: 'On loan' },
  rectifying: { zh: '整改中', en: 'Being rectified' },
  destroyed: { zh: '已销毁', en: 'Destroyed' },
} as const;

const BORROW_REFUSALS = {
  'archive.notFound': { zh: '档案编号不存在', en: 'No such archive' },
  'archive.destroyed': { zh: '档案已销毁', en: 'Archive destroyed' },
  'archive.notAvailable': { zh: '档案已借出或整改中', en: 'On loan or being rectified' },
  'archive.levelTooHigh': { zh: '秘密等级高于申请人的权限', en: 'Level above the applicant’s clearance' },
} as const;

const DESTRUCTION_REFUSALS = {
  'archive.notFound': { zh: '档案编号不存在或不属本单位', en: 'No such archive in this unit' },
  'archive.destroyed': { zh: '档案已销毁', en: 'Already destroyed' },
  'archive.legalHold': { zh: '处于法律保全', en: 'On legal hold' },
  'archive.notAvailable': { zh: '已借出或整改中', en: 'On loan or being rectified' },
  'archive.notExpired': { zh: '未过保管期限', en: 'Retention not over' },
} as const;

/** The departments a customer record is distributed to are roles. */
const DEPARTMENTS = {
  cs_agent: { zh: '客服人员', en: 'CS agent' },
  cs_manager: { zh: '客服经理', en: 'CS manager' },
  general_manager: { zh: '总经理', en: 'General manager' },
  engineering: { zh: '工程部', en: 'Engineering' },
  sales: { zh: '销售人员', en: 'Sales' },
  department: { zh: '有关部门', en: 'Department' },
  auditor: { zh: '审计', en: 'Auditor' },
  process_owner: { zh: '流程管理员', en: 'Process owner' },
  admin: { zh: '系统管理员', en: 'Administrator' },
} as const;

const SALES_SUMMARY = {
  zh: '销售记录分析',
  en: 'Sales analysis',
  kind: 'record',
  fields: {
    purchases: { zh: '购买次数', en: 'Purchases', kind: 'number' },
    totalAmount: { zh: '销售总额', en: 'Total sales', kind: 'money' },
    paidAmount: { zh: '已付款', en: 'Paid', kind: 'money' },
    receivable: { zh: '应收款', en: 'Receivable', kind: 'money' },
    overdueReceivable: { zh: '逾期应收款', en: 'Overdue receivable', kind: 'money' },
    maxOverdueDays: { zh: '最长逾期天数', en: 'Longest overdue (days)', kind: 'number' },
    paymentRate: { zh: '回款率', en: 'Payment rate', kind: 'percent' },
    annualSales: { zh: '近一年销售额', en: 'Sales in the last year', kind: 'money' },
    lastPurchaseOn: { zh: '最近购买日期', en: 'Last purchase', kind: 'date' },
  },
} as const;

/** Every variable a shipped service task writes; a name two tasks write means the same in both. */
export const SERVICE_OUTPUTS = {
  // notify, assign-number, archive
  notifiedAt: { zh: '通知时间', en: 'Notified at', kind: 'datetime' },
  number: { zh: '编号', en: 'Number', kind: 'text' },
  archivedAt: { zh: '归档时间', en: 'Archived at', kind: 'datetime' },
  archiveNo: { zh: '档案编号', en: 'Archive no.', kind: 'text' },
  // 售后服务记录
  purchaseFound: { zh: '查到购买记录', en: 'Purchase found', kind: 'boolean' },
  purchaseId: { zh: '购买记录编号', en: 'Purchase no.', kind: 'text' },
  customerId: { zh: '客户编号', en: 'Customer id', kind: 'text' },
  productId: { zh: '产品编号', en: 'Product id', kind: 'text' },
  productName: { zh: '产品名称', en: 'Product', kind: 'text' },
  productModel: { zh: '产品型号', en: 'Model', kind: 'text' },
  portable: { zh: '便于携带', en: 'Portable', kind: 'boolean' },
  suggestedMode: { zh: '建议维修方式', en: 'Suggested service mode', kind: 'options', options: { 送修: { zh: '送修', en: 'Bring in' }, 上门: { zh: '上门', en: 'On site' } } },
  invoiceNo: { zh: '发票号', en: 'Invoice no.', kind: 'text' },
  warrantyCardNo: { zh: '保修卡号', en: 'Warranty card no.', kind: 'text' },
  purchasedOn: { zh: '购买日期', en: 'Purchased on', kind: 'date' },
  warrantyEndsOn: { zh: '保修截止日期', en: 'Warranty ends on', kind: 'date' },
  daysSincePurchase: { zh: '购买后天数', en: 'Days since purchase', kind: 'number' },
  inWarranty: { zh: '在保修期内', en: 'In warranty', kind: 'boolean' },
  returnEligible: { zh: '可退货', en: 'Returnable', kind: 'boolean' },
  exchangeEligible: { zh: '可换货', en: 'Exchangeable', kind: 'boolean' },
  warrantyCheckedOn: { zh: '查验保修日期', en: 'Warranty checked on', kind: 'date' },
  quotedFee: { zh: '报价', en: 'Quoted fee', kind: 'money' },
  fee: { zh: '费用', en: 'Fee', kind: 'money' },
  feeScheduleFound: { zh: '有收费标准', en: 'Fee schedule found', kind: 'boolean' },
  feeBasis: { zh: '收费依据', en: 'Fee basis', kind: 'text' },
  workOrderId: { zh: '派工单号', en: 'Work order no.', kind: 'text' },
  engineerId: { zh: '维修工程师', en: 'Engineer', kind: 'text' },
  appointmentDeadline: { zh: '预约期限', en: 'Appointment deadline', kind: 'datetime' },
  dispatchedAt: { zh: '派工时间', en: 'Dispatched at', kind: 'datetime' },
  callbackRecordId: { zh: '回访记录编号', en: 'Call-back record no.', kind: 'text' },
  callbackRecordedAt: { zh: '回访登记时间', en: 'Call-back recorded at', kind: 'datetime' },
  servqualAverage: { zh: '服务质量平均分', en: 'SERVQUAL average', kind: 'number' },
  // 客户投诉记录, 通知客户
  complaintNo: { zh: '投诉编号', en: 'Complaint no.', kind: 'text' },
  complaintStage: {
    zh: '投诉处理阶段',
    en: 'Complaint stage',
    kind: 'options',
    options: { registered: { zh: '已登记', en: 'Registered' }, investigated: { zh: '已调查', en: 'Investigated' }, handling: { zh: '处理中', en: 'Being handled' } },
  },
  customerNotified: { zh: '已通知客户', en: 'Customer notified', kind: 'boolean' },
  customerNotifiedBy: { zh: '通知客户方式', en: 'Notified by', kind: 'options', options: { email: { zh: '邮件', en: 'Email' }, phone: { zh: '电话', en: 'Phone' }, sms: { zh: '短信', en: 'SMS' } } },
  // 客户信息管理
  confidentialityApplied: { zh: '生效的秘密等级', en: 'Level in force', kind: 'options', options: LEVELS },
  confidentialityChanged: { zh: '秘密等级已变更', en: 'Level changed', kind: 'boolean' },
  distributedTo: { zh: '已分发部门', en: 'Distributed to', kind: 'list', options: DEPARTMENTS },
  distributionWithheld: { zh: '无权接收的部门', en: 'Not entitled', kind: 'list', options: DEPARTMENTS },
  distributedAt: { zh: '分发时间', en: 'Distributed at', kind: 'datetime' },
  // 信用等级评定, 逾期应收检查
  salesSummary: SALES_SUMMARY,
  overdueDays: { zh: '最长逾期天数', en: 'Longest overdue (days)', kind: 'number' },
  paymentRate: { zh: '回款率', en: 'Payment rate', kind: 'percent' },
  annualSales: { zh: '近一年销售额', en: 'Sales in the last year', kind: 'money' },
  overdueReceivable: { zh: '逾期应收款', en: 'Overdue receivable', kind: 'money' },
  receivable: { zh: '应收款', en: 'Receivable', kind: 'money' },
  creditGradeRecorded: { zh: '信用等级已记录', en: 'Credit grade recorded', kind: 'boolean' },
  overdueCustomers: { zh: '逾期客户数', en: 'Overdue customers', kind: 'number' },
  anomalyCasesStarted: { zh: '开启的异常案例数', en: 'Anomaly cases opened', kind: 'number' },
  anomalyCaseIds: { zh: '开启的异常案例', en: 'Anomaly cases', kind: 'list' },
  anomalyCasesAlreadyOpen: { zh: '已有异常案例数', en: 'Anomaly cases already open', kind: 'number' },
  // 决策表变更审批
  decisionChange: {
    zh: '决策表变更结果',
    en: 'Decision change',
    kind: 'options',
    options: { approved: { zh: '已批准', en: 'Approved' }, rejected: { zh: '已驳回', en: 'Rejected' }, proposed: { zh: '待审批', en: 'Proposed' }, none: { zh: '无', en: 'None' } },
  },
  // 客户档案
  borrowEligible: { zh: '符合借阅条件', en: 'Eligible to borrow', kind: 'boolean' },
  borrowRefusal: { zh: '不予借阅', en: 'Refused', kind: 'options', options: BORROW_REFUSALS },
  borrowRefusalReason: { zh: '不予借阅的原因', en: 'Reason for refusal', kind: 'text' },
  archiveLevel: { zh: '档案秘密等级', en: 'Archive level', kind: 'options', options: LEVELS },
  lent: { zh: '已借出', en: 'Lent', kind: 'boolean' },
  loanNo: { zh: '借阅编号', en: 'Loan no.', kind: 'text' },
  returnedAt: { zh: '归还时间', en: 'Returned at', kind: 'datetime' },
  archiveStatus: { zh: '档案状态', en: 'Archive status', kind: 'options', options: ARCHIVE_STATUS },
  expiredArchives: {
    zh: '已过保管期限的档案',
    en: 'Archives past retention',
    kind: 'records',
    lead: 'archiveId',
    fields: {
      archiveId: { zh: '档案', en: 'Archive', kind: 'text' },
      expiresOn: { zh: '保管期限至', en: 'retained until', kind: 'date' },
      status: { zh: '状态', en: 'status', kind: 'options', options: ARCHIVE_STATUS },
      legalHold: { zh: '法律保全', en: 'legal hold', kind: 'boolean' },
    },
  },
  destructionList: { zh: '可销毁的档案', en: 'Archives to destroy', kind: 'list' },
  destructionRefused: {
    zh: '不予销毁的档案',
    en: 'Archives not to destroy',
    kind: 'records',
    lead: 'archiveId',
    fields: {
      archiveId: { zh: '档案', en: 'Archive', kind: 'text' },
      refusal: { zh: '原因', en: 'reason', kind: 'options', options: DESTRUCTION_REFUSALS },
      reason: { zh: '原因说明', en: 'reason in words', kind: 'text', hidden: true },
    },
  },
  destructionRefusedText: { zh: '不予销毁的原因', en: 'Why not destroyed', kind: 'text' },
  destroyedArchives: { zh: '已销毁的档案', en: 'Archives destroyed', kind: 'list' },
  notDestroyed: { zh: '未销毁的档案', en: 'Archives not destroyed', kind: 'list' },
  destroyedAt: { zh: '销毁时间', en: 'Destroyed at', kind: 'datetime' },
  findings: {
    zh: '检查发现',
    en: 'Findings',
    kind: 'records',
    lead: 'archiveId',
    fields: {
      archiveId: { zh: '档案', en: 'Archive', kind: 'text' },
      kind: {
        zh: '问题',
        en: 'problem',
        kind: 'options',
        options: {
          overdueLoan: { zh: '借阅逾期未还', en: 'loan overdue' },
          expired: { zh: '已过保管期限', en: 'past retention' },
          missingRecords: { zh: '缺少档案内容', en: 'records missing' },
          damaged: { zh: '损坏待整改', en: 'damaged' },
        },
      },
      detail: { zh: '说明', en: 'detail', kind: 'text' },
    },
  },
  findingsCount: { zh: '发现问题数', en: 'Findings', kind: 'number' },
  findingsText: { zh: '发现的问题', en: 'What was found', kind: 'text' },
  restoredArchives: { zh: '整改完成的档案', en: 'Archives rectified', kind: 'list' },
  // 客户关系维护
  creditGrade: { zh: '信用等级', en: 'Credit grade', kind: 'text' },
  creditLimit: { zh: '信用额度', en: 'Credit limit', kind: 'money' },
  creditGradedAt: { zh: '信用评定时间', en: 'Credit graded at', kind: 'datetime' },
  customerTier: { zh: '客户分类', en: 'Customer tier', kind: 'text' },
  tierPriorShare: { zh: '排在其前的销售额占比', en: 'Sales share before it', kind: 'percent' },
  tierCounts: {
    zh: '各类客户数',
    en: 'Customers per tier',
    kind: 'record',
    fields: {
      A: { zh: 'A 类', en: 'A', kind: 'number' },
      B: { zh: 'B 类', en: 'B', kind: 'number' },
      C: { zh: 'C 类', en: 'C', kind: 'number' },
      D: { zh: 'D 类', en: 'D', kind: 'number' },
    },
  },
  tierUnit: { zh: '分类的单位', en: 'Unit classified', kind: 'text' },
  lastVisitId: { zh: '服务记录编号', en: 'Service record no.', kind: 'text' },
  lastVisitOn: { zh: '最近服务日期', en: 'Last service date', kind: 'date' },
  greetingsOn: { zh: '问候日期', en: 'Greetings on', kind: 'date' },
  greetingsRecorded: { zh: '记录的问候数', en: 'Greetings recorded', kind: 'number' },
  greetingCustomers: { zh: '问候的客户', en: 'Customers greeted', kind: 'list' },
  callbackSelected: { zh: '需要回访', en: 'Call back', kind: 'boolean' },
  tierName: { zh: '客户分类名称', en: 'Tier name', kind: 'text' },
  callbackCoverage: { zh: '回访覆盖率', en: 'Call-back coverage', kind: 'percent' },
  callbackSampleKey: { zh: '抽样依据', en: 'Sampled by', kind: 'text' },
  callbackSampleBucket: { zh: '抽样号', en: 'Sample number', kind: 'number' },
  tierFollowUpDays: { zh: '回访间隔天数', en: 'Follow-up interval (days)', kind: 'number' },
  // 定期总结
  summaryPeriod: { zh: '总结期间', en: 'Period', kind: 'text' },
  summaryUnits: { zh: '总结单位数', en: 'Units summarised', kind: 'number' },
  summaryIds: { zh: '报表存档编号', en: 'Report snapshots', kind: 'list' },
} as const satisfies Record<string, OutputSpec>;

export type ServiceOutputName = keyof typeof SERVICE_OUTPUTS;

/** The variables each shipped service task may write. */
export const SERVICE_TASK_OUTPUTS = {
  notify: ['notifiedAt'],
  archive: ['archivedAt', 'archiveNo'],
  'assign-number': ['number'],
  'check-warranty': [
    'purchaseFound', 'purchaseId', 'customerId', 'productId', 'productName', 'productModel', 'portable', 'suggestedMode', 'invoiceNo', 'warrantyCardNo',
    'purchasedOn', 'warrantyEndsOn', 'daysSincePurchase', 'inWarranty', 'returnEligible', 'exchangeEligible', 'warrantyCheckedOn',
  ],
  'quote-fee': ['quotedFee', 'fee', 'feeScheduleFound', 'feeBasis'],
  'create-work-order': ['workOrderId', 'engineerId', 'appointmentDeadline', 'fee', 'dispatchedAt'],
  'record-callback': ['callbackRecordId', 'callbackRecordedAt', 'servqualAverage'],
  'record-complaint': ['complaintNo', 'complaintStage'],
  'notify-customer': ['customerNotified', 'customerNotifiedBy'],
  'set-confidentiality': ['confidentialityApplied', 'confidentialityChanged'],
  'distribute-customer-info': ['distributedTo', 'distributionWithheld', 'distributedAt'],
  'analyse-sales': ['salesSummary', 'overdueDays', 'paymentRate', 'annualSales', 'overdueReceivable', 'receivable'],
  'record-credit-grade': ['creditGradeRecorded'],
  'start-credit-anomalies': ['overdueCustomers', 'anomalyCasesStarted', 'anomalyCaseIds', 'anomalyCasesAlreadyOpen'],
  'settle-decision-change': ['decisionChange'],
  'archive-check-borrow': ['borrowEligible', 'borrowRefusal', 'borrowRefusalReason', 'archiveLevel'],
  'archive-lend': ['lent', 'loanNo', 'borrowRefusal', 'borrowRefusalReason'],
  'archive-return': ['returnedAt', 'archiveStatus'],
  'analyse-relationship': ['salesSummary', 'creditGrade', 'creditLimit', 'creditGradedAt'],
  'classify-customers': ['customerTier', 'tierPriorShare', 'tierCounts', 'tierUnit'],
  'record-visit': ['lastVisitId', 'lastVisitOn'],
  'record-due-greetings': ['greetingsOn', 'greetingsRecorded', 'greetingCustomers'],
  'callback-coverage': ['callbackSelected', 'customerTier', 'tierName', 'callbackCoverage', 'callbackSampleKey', 'callbackSampleBucket', 'tierFollowUpDays'],
  'archive-destruction-check': ['expiredArchives', 'destructionList', 'destructionRefused', 'destructionRefusedText'],
  'archive-destroy': ['destroyedArchives', 'notDestroyed', 'destroyedAt'],
  'archive-inspect': ['findings', 'findingsCount', 'findingsText'],
  'archive-rectified': ['restoredArchives'],
  'generate-report-snapshots': ['summaryPeriod', 'summaryUnits', 'summaryIds'],
} as const satisfies Record<ServiceTaskType, readonly ServiceOutputName[]>;

// The value each kind of output holds, so an activity returning a string where the catalog says
// money, or a record field the catalog does not name, fails to compile.
type CodeOf<S> = S extends { options: infer O } ? Extract<keyof O, string> : string;
type FieldValue<S> = S extends { kind: 'text' | 'date' | 'datetime' }
  ? string
  : S extends { kind: 'number' | 'money' | 'percent' }
    ? number
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'options' }
        ? CodeOf<S>
        : S extends { kind: 'list' }
          ? string[] // typed by people (departments asked for): a code without words stays as written
          : S extends { kind: 'record'; fields: infer F }
            ? { [K in keyof F]: FieldValue<F[K]> | null }
            : S extends { kind: 'records'; fields: infer F }
              ? Array<{ [K in keyof F]: FieldValue<F[K]> | null }>
              : never;

export type ServiceOutputValue<N extends ServiceOutputName> = FieldValue<(typeof SERVICE_OUTPUTS)[N]> | null;

/** What the service task `T` returns: any of its declared variables, each of its kind's value. */
export type ServiceTaskOutput<T extends ServiceTaskType> = { [N in (typeof SERVICE_TASK_OUTPUTS)[T][number]]?: ServiceOutputValue<N> };

type KeysOfUnion<U> = U extends unknown ? keyof U : never;

/** The names `R` (a task's result, perhaps a union of shapes) has that `T` does not declare: never when all are. */
export type UndeclaredOutputs<T extends ServiceTaskType, R> = Exclude<KeysOfUnion<R>, (typeof SERVICE_TASK_OUTPUTS)[T][number]>;

/** The words of the variable `name` if a shipped service task writes it. */
export function serviceOutput(name: string): OutputSpec | undefined {
  return Object.hasOwn(SERVICE_OUTPUTS, name) ? (SERVICE_OUTPUTS as Record<string, OutputSpec>)[name] : undefined;
}

/**
 * The names in `result` (what the service task `type` returned) that the catalog does not
 * declare, a record's undeclared field as `name.field`: for tests that run a task on data.
 */
export function undeclaredOutputs(type: ServiceTaskType, result: Record<string, unknown>): string[] {
  const declared: readonly string[] = SERVICE_TASK_OUTPUTS[type];
  const out = new Set<string>();
  for (const [name, value] of Object.entries(result)) {
    const spec = serviceOutput(name);
    if (!declared.includes(name) || !spec) {
      out.add(name);
      continue;
    }
    if (spec.kind !== 'record' && spec.kind !== 'records') continue;
    const rows = spec.kind === 'record' ? [value] : Array.isArray(value) ? value : [];
    for (const row of rows) {
      if (row && typeof row === 'object') for (const field of Object.keys(row)) if (!Object.hasOwn(spec.fields, field)) out.add(`${name}.${field}`);
    }
  }
  return [...out];
}
