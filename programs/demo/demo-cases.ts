import type { Db } from '../../db/pool';
import { createCaseRepository, createCaseWrites } from '../../db/cases';
import { createProcessRepository } from '../../db/processes';
import { createCaseEventStore } from '../../db/case-events';
import { createTaskRepository } from '../../db/tasks';
import { createUserRepository, type SessionUser } from '../../db/users';
import { createCaseService } from '../../server/services/case-service';
import { createTaskService } from '../../server/services/task-service';
import type { TemporalAccess } from '../../server/temporal/client';
import { DEMO_ARCHIVES, registerDemoArchives } from './demo-archives';

// A new installation opens on a living inbox: on first start, a few cases of each shipped process
// are started and walked through the API's own services to different steps, by the people whose
// lane each step is, so every role finds work waiting and the case pages show real records.

interface DemoStep {
  element: string;
  user: string;
  data: Record<string, unknown>;
  outcome?: string;
}
interface DemoCase {
  user: string;
  processKey: string;
  title: string;
  customerId?: string;
  variables?: Record<string, unknown>;
  /** Completed in order; the case then waits at the step after the last one. */
  steps?: DemoStep[];
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const complaintRegistration = (customerName: string, product: string, severity: string, content: string, request: string) => ({
  customerName,
  contactPerson: '客户联系人',
  phone: '400-800-1234',
  address: '客户登记地址',
  receivedAt: new Date().toISOString(),
  complaintChannel: 'hotline',
  product,
  severity,
  complaintContent: content,
  customerRequest: request,
});

const repairReception = (unit: string, customerId: string, customerName: string, productId: string, purchaseId: string, fault: string) => ({
  customerId,
  customerName,
  contactPerson: `${unit} 客户联系人`,
  phone: '400-800-1234',
  productId,
  purchaseId,
  serviceKind: '维修',
  faultDescription: fault,
});

/** The China calendar day `d` days from today, YYYY-MM-DD. */
const inDays = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

/** Today in China, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 信用等级评定 by the unit's agent, approved by its 客服经理 with `limit` when given. */
const creditGrading = (unit: string, limit?: number): DemoStep[] => [
  { element: 'Activity_CollectCreditInfo', user: `${unit}.cs_agent`, data: { creditSources: '客户提供的年度财务报表、银行资信证明', bankStanding: 'good', registeredCapital: 10_000_000, competitorStandards: '同行给予此类客户 30 天账期' } },
  { element: 'Activity_AnalyseCredit', user: `${unit}.cs_agent`, data: { financialCondition: 'good', operatingCondition: '经营稳定', creditRisks: '无重大风险', analysisConclusion: '按信用等级评估原则评定' } },
  ...(limit === undefined ? [] : [{ element: 'Activity_ManagerReview', user: `${unit}.cs_manager`, outcome: 'approve', data: { creditLimit: limit, reviewOpinion: '同意' } }]),
];

function demoCases(): DemoCase[] {
  return [
    // 审批 (demo-approval): the simplest flow, one per unit's manager.
    { user: 'zj.cs_agent', processKey: 'demo-approval', title: '重点客户 退货申请（浙江）', customerId: 'C0001', variables: { amount: 12800 } },
    { user: 'zj.cs_agent', processKey: 'demo-approval', title: '宁波港城贸易 换货申请', customerId: 'C0002', variables: { amount: 3600 } },
    { user: 'zj.cs_agent', processKey: 'demo-approval', title: '延长保修申请（浙江）', variables: { amount: 900 } },
    { user: 'js.cs_agent', processKey: 'demo-approval', title: '南京金陵机械厂 维修费用减免', customerId: 'C0003', variables: { amount: 5200 } },
    { user: 'gd.cs_agent', processKey: 'demo-approval', title: '广州客户 投诉补偿审批', variables: { amount: 1500 } },

    // 客户投诉: just received; under investigation; a plan waiting for the manager.
    { user: 'zj.cs_agent', processKey: 'complaint', title: '宁波港城贸易 净水器漏水投诉', customerId: 'C0002' },
    {
      user: 'js.cs_agent',
      processKey: 'complaint',
      title: '南京金陵机械厂 发电机组维修延误投诉',
      customerId: 'C0003',
      steps: [
        { element: 'Activity_RegisterComplaint', user: 'js.cs_agent', data: complaintRegistration('南京金陵机械厂', '柴油发电机组 GEN-80', 'serious', '报修一周仍未安排工程师上门，生产受影响。', '三日内修复并说明延误原因') },
        { element: 'Activity_Triage', user: 'js.cs_agent', data: { preliminaryAnalysis: '派工记录显示确有延误', isValid: true } },
      ],
    },
    {
      user: 'gd.cs_agent',
      processKey: 'complaint',
      title: '广州天河商贸中心 扫描枪批量故障投诉',
      customerId: 'C0005',
      steps: [
        { element: 'Activity_RegisterComplaint', user: 'gd.cs_agent', data: complaintRegistration('广州天河商贸中心', '条码扫描枪 SC-3', 'major', '同批次 20 台扫描枪一个月内相继无法识别条码。', '全部更换并赔偿停工损失') },
        { element: 'Activity_Triage', user: 'gd.cs_agent', data: { preliminaryAnalysis: '故障集中在同一批次', isValid: true } },
        {
          element: 'Activity_Investigate',
          user: 'gd.department',
          data: { investigationFindings: '解码模块固件缺陷', causeAnalysis: '出厂固件版本错误', causeType: 'own', responsibleDepartment: 'quality', responsiblePerson: '质量管理部 张工' },
        },
        { element: 'Activity_ProposeSolution', user: 'gd.department', data: { solutionPlan: '上门升级固件，无法修复的整机更换；赔偿 2000 元', solutionDeadline: inHours(24 * 5), compensationAmount: 2000 } },
      ],
    },

    // 浙江's 有关部门 and 工程部 find work too (issue 12: their inboxes were empty).
    {
      user: 'zj.cs_agent',
      processKey: 'complaint',
      title: '宁波港城贸易 上门服务超时投诉',
      customerId: 'C0002',
      steps: [
        { element: 'Activity_RegisterComplaint', user: 'zj.cs_agent', data: complaintRegistration('宁波港城贸易有限公司', '净水器 WP-10', 'general', '预约上门时间过了两小时工程师仍未到达。', '说明原因并保证下次准时') },
        { element: 'Activity_Triage', user: 'zj.cs_agent', data: { preliminaryAnalysis: '派工系统显示工程师改派，未通知客户', isValid: true } },
      ],
    },
    // 不属实: explained and closed, so the complaint's file is in the archive register (归档).
    {
      user: 'zj.cs_agent',
      processKey: 'complaint',
      title: '宁波港城贸易 净水器出水有异味投诉',
      customerId: 'C0002',
      steps: [
        { element: 'Activity_RegisterComplaint', user: 'zj.cs_agent', data: complaintRegistration('宁波港城贸易有限公司', '净水器 WP-10', 'general', '新装净水器出水有塑料味。', '更换整机') },
        { element: 'Activity_Triage', user: 'zj.cs_agent', data: { preliminaryAnalysis: '新滤芯首次使用未按说明书冲洗，非产品质量问题', isValid: false } },
        { element: 'Activity_Explain', user: 'zj.cs_agent', data: { explanation: '已电话说明新滤芯需先放水冲洗 10 分钟，客户照做后异味消失', explanationChannel: 'phone', explanationAccepted: true } },
      ],
    },
    {
      user: 'zj.cs_agent',
      processKey: 'repair',
      title: '宁波港城贸易 净水器滤芯更换',
      customerId: 'C0002',
      steps: [
        { element: 'Activity_Reception', user: 'zj.cs_agent', data: repairReception('宁波', 'C0002', '宁波港城贸易有限公司', 'P-WP-10', 'GM-DEMO-0002', '出水变慢，滤芯指示灯亮') },
        { element: 'Activity_ConfirmMode', user: 'zj.cs_agent', data: { serviceMode: '送修', servicePoint: '宁波鄞州维修站' } },
        { element: 'Activity_ConfirmTime', user: 'zj.cs_agent', data: { appointmentAt: inHours(24), agreedHours: 24, engineerId: 'zj.engineering' } },
      ],
    },

    // 维修保养: waiting for the mode (in warranty), for the fee (out of warranty), and dispatched to an engineer.
    {
      user: 'zj.cs_agent',
      processKey: 'repair',
      title: '宁波港城贸易 净水器不出水',
      customerId: 'C0002',
      steps: [{ element: 'Activity_Reception', user: 'zj.cs_agent', data: repairReception('宁波', 'C0002', '宁波港城贸易有限公司', 'P-WP-10', 'GM-DEMO-0002', '开机后不出水，指示灯闪烁') }],
    },
    {
      user: 'js.cs_agent',
      processKey: 'repair',
      title: '苏州园区精密仪器 打印机卡纸',
      customerId: 'C0004',
      steps: [{ element: 'Activity_Reception', user: 'js.cs_agent', data: repairReception('苏州', 'C0004', '苏州园区精密仪器有限公司', 'P-PR-5', 'GM-DEMO-0004', '频繁卡纸，打印有黑线') }],
    },
    {
      user: 'fj.cs_agent',
      processKey: 'repair',
      title: '福州闽江物流 打印机维修',
      customerId: 'C0008',
      steps: [
        { element: 'Activity_Reception', user: 'fj.cs_agent', data: repairReception('福州', 'C0008', '福州闽江物流有限公司', 'P-PR-5', 'GM-DEMO-0008', '无法联网打印') },
        { element: 'Activity_ConfirmMode', user: 'fj.cs_agent', data: { serviceMode: '送修', servicePoint: '福州鼓楼维修站' } },
        { element: 'Activity_ConfirmTime', user: 'fj.cs_agent', data: { appointmentAt: inHours(24), agreedHours: 48, engineerId: 'fj.engineering' } },
      ],
    },

    // 售后跟踪: a profile to fill in, and a call-back plan made.
    { user: 'zj.cs_agent', processKey: 'after-sales-follow-up', title: '宁波港城贸易 净水器售后跟踪', customerId: 'C0002' },
    {
      user: 'fj.cs_agent',
      processKey: 'after-sales-follow-up',
      title: '厦门鹭岛餐饮 净水器售后跟踪',
      customerId: 'C0007',
      steps: [
        {
          element: 'Activity_CustomerProfile',
          user: 'fj.cs_agent',
          data: { customerId: 'C0007', customerName: '厦门鹭岛餐饮管理有限公司', contactPerson: '林小红', phone: '0592-51234567', productId: 'P-WP-10', purchaseId: 'GM-DEMO-0007', customerProfile: '连锁餐饮客户，门店使用净水器' },
        },
        { element: 'Activity_PlanCallback', user: 'fj.cs_agent', data: { callbackMethod: '电话', callbackCycle: '每季度', callbackRounds: 4, plannedCallbackAt: new Date().toISOString(), surveyTopics: '产品使用情况、滤芯更换' } },
      ],
    },

    // 客户关系维护: a card handed to 整理汇总 (浙江), and a plan of 江苏 waiting for the 客服经理 —
    // its 客户分类 ranked 江苏's customers on their sales (seeded in demo-service-records.sql).
    {
      user: 'zj.sales',
      processKey: 'relationship',
      title: '宁波港城贸易 客户关系维护',
      customerId: 'C0002',
      steps: [{ element: 'Activity_CollectCard', user: 'zj.sales', data: { customerNeeds: '门店扩张，计划增购净水器 20 台', contactPreference: 'wechat', importantDates: '公司周年 5 月 8 日' } }],
    },
    {
      user: 'js.sales',
      processKey: 'relationship',
      title: '南京金陵机械厂 重点客户维护方案',
      customerId: 'C0003',
      steps: [
        { element: 'Activity_CollectCard', user: 'js.sales', data: { customerNeeds: '发电机组年度保养，关注停机时间', contactPreference: 'visit', importantDates: '厂庆 9 月 1 日' } },
        { element: 'Activity_Compile', user: 'js.cs_agent', data: { compiledSummary: '重点客户，近一年采购柴油发电机组，回款及时', dataCompleteness: 'complete' } },
        { element: 'Activity_Roster', user: 'js.cs_agent', data: { rosterNote: '列入 A 类名册', dataUpdated: true } },
        { element: 'Activity_Plan', user: 'js.cs_agent', data: { serviceMethod: 'visit', serviceOwner: '江苏 销售人员', serviceCost: 6000, planContent: '每月上门拜访，保养前一周电话确认' } },
        { element: 'Activity_Schedule', user: 'js.sales', data: { planSchedule: '每月第一周拜访；厂庆前问候', firstVisitOn: new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10) } },
      ],
    },
    // 信用等级评定 (issue 15): two graded (their grades on 客户 360), one waiting for the 客服经理, one just opened.
    { user: 'js.cs_agent', processKey: 'credit-grading', title: '南京金陵机械厂 年度信用评定', customerId: 'C0003', steps: creditGrading('js', 1_000_000) },
    { user: 'gd.cs_agent', processKey: 'credit-grading', title: '广州天河商贸中心 年度信用评定', customerId: 'C0005', steps: creditGrading('gd', 50_000) },
    { user: 'zj.cs_agent', processKey: 'credit-grading', title: '宁波港城贸易 信用评定', customerId: 'C0002', steps: creditGrading('zj').slice(0, 2) },
    { user: 'js.cs_agent', processKey: 'credit-grading', title: '苏州园区精密仪器 信用评定', customerId: 'C0004' },
    // 信用异常: 福州闽江's overdue balance told to the supervisor; a reported one in 浙江 to analyse.
    {
      user: 'fj.cs_agent',
      processKey: 'credit-anomaly',
      title: '福州闽江物流 货款逾期',
      customerId: 'C0008',
      steps: [{ element: 'Activity_AnomalyAnalysis', user: 'fj.cs_agent', data: { anomalyType: 'overdue', anomalyDescription: '打印机货款 90,000 元逾期 35 天未付', anomalyCause: '客户称资金周转困难，承诺月底付清' } }],
    },
    { user: 'zj.cs_agent', processKey: 'credit-anomaly', title: '宁波港城贸易 往来异常', customerId: 'C0002' },
    // 客户信息管理: 苏州园区's information being collected; 深圳南山's 秘密级别 waiting for the 客服经理.
    { user: 'js.cs_agent', processKey: 'customer-info', title: '苏州园区精密仪器 联系人变更', customerId: 'C0004' },
    {
      user: 'gd.cs_agent',
      processKey: 'customer-info',
      title: '深圳南山科技 扩产信息',
      customerId: 'C0006',
      steps: [
        { element: 'Activity_Collect', user: 'gd.cs_agent', data: { infoSource: 'visit', infoContent: '拜访获悉：客户拟新建南山二期研发中心，明年空调采购预算约 800 万元', collectedOn: today() } },
        { element: 'Activity_Classify', user: 'gd.cs_agent', data: { region: '广东 深圳', period: today().slice(0, 7), infoType: 'credit' } },
        { element: 'Activity_ProposeLevel', user: 'gd.cs_agent', data: { confidentialityLevel: 'secret', levelReason: '涉及客户扩产计划与采购预算', departments: ['cs_agent', 'sales', 'cs_manager', 'general_manager'] } },
      ],
    },
    // 客户档案管理 (issue 16): an archive lent to 质量管理部, waiting for its return; an expired one
    // proposed for destruction, waiting for the 客服经理 (the archives: demo-archives.ts).
    {
      user: 'zj.department',
      processKey: 'archive-borrow',
      title: `借阅档案 ${DEMO_ARCHIVES.lent}`,
      variables: { archiveId: DEMO_ARCHIVES.lent },
      steps: [
        { element: 'Activity_Apply', user: 'zj.department', data: { archiveId: DEMO_ARCHIVES.lent, department: '质量管理部', purpose: '复核滤芯批量投诉的处理记录，准备供应商质量评审', dueOn: inDays(14) } },
        { element: 'Activity_Review', user: 'zj.cs_agent', outcome: 'approve', data: { reviewOpinion: '内部级档案，质量管理部可借阅，同意' } },
      ],
    },
    {
      user: 'zj.cs_agent',
      processKey: 'archive-destruction',
      title: '浙江 到期客户档案销毁',
      steps: [{ element: 'Activity_Propose', user: 'zj.cs_agent', data: { proposedArchiveIds: DEMO_ARCHIVES.expired, destructionReason: '保管期满 10 年，客户已无相关争议' } }],
    },
  ];
}

export async function startDemoCases(db: Db, temporal: TemporalAccess, log: (line: string) => void = () => undefined): Promise<string[]> {
  const started: string[] = [];
  const users = createUserRepository(db);
  const cases = createCaseRepository(db);
  const tasks = createTaskRepository(db);
  const processes = createProcessRepository(db);
  const caseService = createCaseService({ temporal, processes, caseWrites: createCaseWrites(db), customers: { exists: (id) => cases.customerExists(id) }, roles: createUserRepository(db), caseEvents: createCaseEventStore(db) });
  const taskService = createTaskService({ temporal, tasks, users, cases, processes });
  const sessionUser = async (username: string): Promise<SessionUser | undefined> => {
    const found = await users.findByUsername(username);
    if (!found) return undefined;
    const { passwordHash: _p, disabled: _d, ...user } = found;
    return user;
  };

  try {
    const holdBy = await users.findByUsername('zj.cs_manager');
    if (holdBy) await registerDemoArchives(db, holdBy.id);
  } catch (err) {
    log(`demo archives not registered: ${err instanceof Error ? err.message : String(err)}`);
  }

  for (const demo of demoCases()) {
    try {
      const initiator = await sessionUser(demo.user);
      if (!initiator || !(await processes.get(demo.processKey))) continue;
      const { id } = await caseService.start(initiator, {
        processKey: demo.processKey,
        title: demo.title,
        ...(demo.customerId ? { customerId: demo.customerId } : {}),
        ...(demo.variables ? { variables: demo.variables } : {}),
      });
      started.push(id);
      for (const step of demo.steps ?? []) {
        const taskId = await waitForOpenTask(db, id, step.element);
        const actor = await sessionUser(step.user);
        if (!actor) throw new Error(`no demo user ${step.user}`);
        await taskService.complete(actor, taskId, { outcome: step.outcome ?? 'complete', data: step.data }, `demo:${taskId}`);
      }
    } catch (err) {
      // One demo case that cannot be walked (a diagram edited since) must not stop the others.
      log(`demo case “${demo.title}” stopped early: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return started;
}

/** The open task of the case at `elementId`, once the workflow has projected it (within 30 s). */
async function waitForOpenTask(db: Db, caseId: string, elementId: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'open' LIMIT 1`, [caseId, elementId]);
    if (rows[0]) return rows[0].id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no open task at ${elementId} after 30 s`);
}
