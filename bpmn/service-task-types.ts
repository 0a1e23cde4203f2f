// The service-task types a diagram may name in `zeebe:taskDefinition type` (the compiler refuses
// others). The worker's activities implement exactly these (activities/service-tasks.test.ts), and
// each type's variables are worded in service-task-outputs.ts (a new type needs its entry there).

export const SERVICE_TASK_TYPES = [
  'notify',
  'archive',
  'assign-number',
  // 售后服务记录
  'check-warranty',
  'quote-fee',
  'create-work-order',
  'record-callback',
  // 客户投诉记录
  'record-complaint',
  // 通知客户
  'notify-customer',
  // 客户信息管理: 定级生效, 编号分发
  'set-confidentiality',
  'distribute-customer-info',
  // 信用等级评定
  'analyse-sales',
  'record-credit-grade',
  // 逾期应收检查: 为逾期超过阈值的客户开启信用异常案例
  'start-credit-anomalies',
  // 决策表变更审批: 审批后生效或驳回
  'settle-decision-change',
  // 客户档案: 借阅资格、借阅、归还
  'archive-check-borrow',
  'archive-lend',
  'archive-return',
  // 客户关系维护: 分析客户交易状况、客户分类、服务记录
  'analyse-relationship',
  'classify-customers',
  'record-visit',
  // 定期服务: 客户的生日/节日/纪念日到期问候记入服务记录
  'record-due-greetings',
  // 售后跟踪: 按客户分类的回访覆盖率决定是否回访
  'callback-coverage',
  // 客户档案: 借阅资格、借阅、归还; 销毁建议与销毁处理; 定期整改
  'archive-destruction-check',
  'archive-destroy',
  'archive-inspect',
  'archive-rectified',
  // 定期总结: 上月报表按单位存档
  'generate-report-snapshots',
] as const;

export type ServiceTaskType = (typeof SERVICE_TASK_TYPES)[number];
