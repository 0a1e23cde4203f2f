import { SERVICE_TASK_TYPES, type ServiceTaskType } from '../../../../../bpmn/service-task-types';

// What each service-task type the worker ships does, in the owner's words: the 服务类型 select of
// 首问任务设置 offers exactly these (the compiler's list), and keeps a type a team's own job worker
// runs (an external job) as it is written.

export const SERVICE_TASK_LABELS: Record<ServiceTaskType, string> = {
  notify: '发送通知',
  archive: '归档',
  'assign-number': '编号',
  'check-warranty': '查验保修',
  'quote-fee': '计算费用',
  'create-work-order': '生成派工单',
  'record-callback': '记录回访',
  'record-complaint': '记录投诉',
  'notify-customer': '通知客户',
  'set-confidentiality': '定级生效',
  'distribute-customer-info': '编号分发客户信息',
  'analyse-sales': '销售记录分析',
  'record-credit-grade': '记录信用等级',
  'start-credit-anomalies': '为逾期客户开启信用异常案例',
  'settle-decision-change': '决策表变更生效或驳回',
  'archive-check-borrow': '检查借阅资格',
  'archive-lend': '登记借出',
  'archive-return': '登记归还',
  'analyse-relationship': '分析客户交易与信用',
  'classify-customers': '客户分类',
  'record-visit': '记录服务',
  'record-due-greetings': '记录到期问候',
  'callback-coverage': '判断是否回访（按客户分类）',
  'archive-destruction-check': '检查可否销毁',
  'archive-destroy': '销毁处理',
  'archive-inspect': '档案检查',
  'archive-rectified': '整改完成',
  'generate-report-snapshots': '生成月度报表存档',
};

/** The select's options: every shipped type by its words; a type the file names that Shouwen does not ship stays, as an external job. */
export function serviceTypeOptions(current: string): Array<{ value: string; label: string }> {
  const options = [{ value: '', label: '（未选择）' }, ...SERVICE_TASK_TYPES.map((type) => ({ value: type, label: `${SERVICE_TASK_LABELS[type]}（${type}）` }))];
  return current && !(SERVICE_TASK_TYPES as readonly string[]).includes(current) ? [...options, { value: current, label: `外部作业：${current}` }] : options;
}
