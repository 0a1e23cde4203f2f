import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormJsSchema } from '../../../contract';
import { buildDictionary, chinaDateTime, describeVariables, formatVariable, formsInFlowOrder, resultStepsInFlowOrder, serviceTypesInFlowOrder } from './dictionary';

const FORMS = new URL('../../../bpmn/forms/', import.meta.url);
const shippedForms = Object.fromEntries(
  readdirSync(FORMS)
    .filter((f) => f.startsWith('complaint-'))
    .map((f) => [f.replace(/\.form$/, ''), JSON.parse(readFileSync(new URL(f, FORMS), 'utf8')) as FormJsSchema]),
);
// The complaint's steps in the order the diagram takes them: solution before escalation.
const flow = ['register', 'triage', 'explain', 'investigation', 'solution', 'approval', 'negotiation', 'implementation', 'escalation', 'feedback', 'summary'];
const model = {
  startEventId: 's',
  elements: Object.fromEntries([['s', { outgoing: ['f0'] }], ...flow.map((f, i) => [f, { formId: `complaint-${f}`, outgoing: [`f${i + 1}`] }])]),
  flows: Object.fromEntries(flow.map((f, i) => [`f${i}`, { target: f }])),
};
const shipped = formsInFlowOrder(model, shippedForms);

// What the complaint's 客服经理审批 page used to show as raw keys and codes (issue 12).
const complaint = {
  solutionPlan: '更换新机并赔偿',
  compensationAmount: 5000,
  responsibleDepartment: 'quality',
  causeType: 'own',
  isValid: true,
  solutionDeadline: '2026-12-02T13:37:07.930Z',
  receivedAt: '2026-11-30T09:05+08:00',
  satisfactionScore: 4,
  _trace: 'x',
};

describe('variable dictionary of the shipped complaint forms', () => {
  const dict = buildDictionary(shipped);

  it('labels each variable, names option codes, shows China time, money and 是/否', () => {
    const { known } = describeVariables(dict, complaint, 'zh-CN');
    const byKey = Object.fromEntries(known.map((r) => [r.key, `${r.label}: ${r.text}`]));
    expect(byKey).toMatchObject({
      solutionPlan: '处理方案: 更换新机并赔偿',
      compensationAmount: '赔偿/补偿金额: ¥5,000.00',
      responsibleDepartment: '责任部门: 质量管理部',
      causeType: expect.stringMatching(/^责任归属: (?!own)/),
      isValid: expect.stringMatching(/^投诉属实.*: 是$/),
      solutionDeadline: '承诺处理期限: 2026-12-02 21:37',
      receivedAt: '投诉时间: 2026-11-30 09:05',
      satisfactionScore: expect.stringMatching(/^满意度评分: (?!4$)/),
    });
  });

  it('puts variables no form captures last, under other, by name', () => {
    const { known, other } = describeVariables(dict, { zeta: 1, alpha: 'a', solutionPlan: 'p' }, 'zh-CN');
    expect(known.map((r) => r.key)).toEqual(['solutionPlan']);
    expect(other).toEqual([
      { key: 'alpha', label: 'alpha', text: 'a' },
      { key: 'zeta', label: 'zeta', text: '1' },
    ]);
  });

  it('takes a key two forms capture from the step that comes first', () => {
    expect(dict.get('solutionDeadline')?.label).toBe('承诺处理期限');
    expect(buildDictionary(shippedForms).get('solutionDeadline')?.label).toBe('新的承诺处理期限');
  });

  it('speaks English when asked', () => {
    expect(formatVariable(dict.get('isValid'), 'isValid', false, 'en')).toBe('No');
    expect(formatVariable(dict.get('compensationAmount'), 'compensationAmount', 1234.5, 'en')).toBe('¥1,234.50');
  });
});

describe('formatVariable', () => {
  const dict = buildDictionary([
    {
      components: [
        { type: 'number', key: 'hours', label: '工时' },
        { type: 'number', key: 'refund', label: '退款（元）' },
        { type: 'number', key: 'deposit', label: '押金', properties: { money: 'true' } },
        { type: 'datetime', subtype: 'date', key: 'day', label: '日期' },
        { type: 'checklist', key: 'parts', label: '配件', values: [{ value: 'a', label: '电池' }, { value: 'b', label: '屏幕' }] },
        { type: 'group', components: [{ type: 'select', key: 'level', label: '等级', values: [{ value: 1, label: '一级' }] }] },
      ],
    } as unknown as FormJsSchema,
  ]);

  it('tells money from plain numbers by adorner, label, property or name', () => {
    expect(formatVariable(dict.get('hours'), 'hours', 12000, 'zh-CN')).toBe('12,000');
    expect(formatVariable(dict.get('refund'), 'refund', 88, 'zh-CN')).toBe('¥88.00');
    expect(formatVariable(dict.get('deposit'), 'deposit', 1, 'zh-CN')).toBe('¥1.00');
    expect(formatVariable(undefined, 'amount', 12800, 'zh-CN')).toBe('¥12,800.00');
    expect(formatVariable(undefined, 'count', 12800, 'zh-CN')).toBe('12,800');
  });

  it('labels lists and nested options, keeps dates as dates', () => {
    expect(formatVariable(dict.get('parts'), 'parts', ['a', 'b', 'c'], 'zh-CN')).toBe('电池、屏幕、c');
    expect(formatVariable(dict.get('level'), 'level', 1, 'zh-CN')).toBe('一级');
    expect(formatVariable(dict.get('day'), 'day', '2026-12-02', 'zh-CN')).toBe('2026-12-02');
    expect(formatVariable(undefined, 'x', null, 'zh-CN')).toBe('—');
  });

  it('turns any timestamp into China time, across midnight and years', () => {
    expect(chinaDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(chinaDateTime('2026-12-02T21:37')).toBe('2026-12-02 21:37');
    expect(chinaDateTime('2026-12-02')).toBeUndefined();
    expect(chinaDateTime('not a date')).toBeUndefined();
  });

  it('takes labels the diagram gives variables no form captures', () => {
    const d = buildDictionary(undefined, { amount: '申请金额' });
    expect(describeVariables(d, { amount: 900 }, 'zh-CN').known).toEqual([{ key: 'amount', label: '申请金额', text: '¥900.00' }]);
  });
});

describe('variables every case has', () => {
  it('are named in the reader’s language, not by their keys', () => {
    const described = describeVariables(buildDictionary(undefined), { businessKey: '20261129-AB12CD34', initiator: 'zj.cs_agent', customerId: 'C0002', note: 'x' }, 'zh-CN');
    expect(described.other.map((r) => r.label)).toEqual(['业务编号', '客户编号', '发起人', 'note']);
    expect(describeVariables(buildDictionary(undefined), { businessKey: 'k' }, 'en').other[0]!.label).toBe('Business key');
  });
});

describe('variables the shipped service tasks set', () => {
  it('read as labels with their coded values named (投诉处理阶段 · 已登记), in both languages', () => {
    const vars = { complaintNo: 'TS-2026-11-000004', complaintStage: 'registered', customerNotifiedBy: 'email', outcome: 'complete', archiveStatus: 'on_loan' };
    expect(describeVariables(new Map(), vars, 'zh-CN').other).toEqual([
      { key: 'archiveStatus', label: '档案状态', text: '借出' },
      { key: 'complaintNo', label: '投诉编号', text: 'TS-2026-11-000004' },
      { key: 'complaintStage', label: '投诉处理阶段', text: '已登记' },
      { key: 'customerNotifiedBy', label: '通知客户方式', text: '邮件' },
      { key: 'outcome', label: '最近一步的结果', text: '完成' },
    ]);
    expect(describeVariables(new Map(), { complaintStage: 'handling' }, 'en').other[0]).toEqual({ key: 'complaintStage', label: 'Complaint stage', text: 'Being handled' });
  });

  it('leave a value no list names as it is, and a form’s own options win', () => {
    expect(describeVariables(new Map(), { outcome: 'escalate' }, 'zh-CN').other[0]!.text).toBe('escalate');
    const dict = buildDictionary([{ components: [{ type: 'radio', key: 'outcome', label: '处理结果', values: [{ value: 'complete', label: '已解决' }] }] } as never]);
    expect(describeVariables(dict, { outcome: 'complete' }, 'zh-CN').known[0]).toEqual({ key: 'outcome', label: '处理结果', text: '已解决' });
  });
});

describe('people in variables (issue 12)', () => {
  it('reads a variable holding a user id the case names (发起人) as that person, never the id', () => {
    const people = new Map([['zj.cs_agent', '浙江省服务中心 客服人员']]);
    const { other } = describeVariables(new Map(), { initiator: 'zj.cs_agent', note: 'zj.cs_agent 说过' }, 'zh-CN', undefined, people);
    expect(other).toEqual([
      { key: 'initiator', label: '发起人', text: '浙江省服务中心 客服人员' },
      { key: 'note', label: 'note', text: 'zj.cs_agent 说过' },
    ]);
    expect(describeVariables(new Map(), { initiator: 'zj.cs_agent' }, 'en').other[0]).toEqual({ key: 'initiator', label: 'Initiator', text: 'zj.cs_agent' });
  });
});

describe('what a version’s service tasks write (bpmn/service-task-outputs.ts)', () => {
  // An archive-destruction case after 检查可否销毁 and 销毁处理, as the worker leaves it.
  const destruction = {
    proposedArchiveIds: 'DA-1, DA-2',
    expiredArchives: [
      { archiveId: 'DA-2019-01-000001', expiresOn: '2019-01-01', status: 'in_stock', legalHold: false },
      { archiveId: 'DA-2019-02-000002', expiresOn: '2019-02-01', status: 'on_loan', legalHold: true },
    ],
    destructionList: ['DA-2019-01-000001'],
    destructionRefused: [{ archiveId: 'DA-2019-02-000002', refusal: 'archive.legalHold', reason: '档案处于法律保全，不得销毁' }],
    destructionRefusedText: 'DA-2019-02-000002：档案处于法律保全，不得销毁',
    destroyedArchives: ['DA-2019-01-000001'],
    notDestroyed: [],
    destroyedAt: '2026-12-02T13:37:07.930Z',
    shippedBySomeoneElse: { a: 1 },
  };
  const model = {
    startEventId: 's',
    elements: {
      s: { type: 'startEvent', outgoing: ['f1'] },
      check: { type: 'serviceTask', taskType: 'archive-destruction-check', outgoing: ['f2'] },
      destroy: { type: 'serviceTask', taskType: 'archive-destroy', outgoing: [] },
      theirs: { type: 'serviceTask', taskType: 'their-own-job', outgoing: [] },
    },
    flows: { f1: { target: 'check' }, f2: { target: 'destroy' } },
  };
  const dict = buildDictionary(undefined, {}, serviceTypesInFlowOrder(model));
  const rows = (lang: 'zh-CN' | 'en') => describeVariables(dict, destruction, lang);

  it('labels them in the steps’ order, codes named, 是/否, China time and records as lines of words', () => {
    const { known } = rows('zh-CN');
    expect(known.map((r) => [r.label, r.text])).toEqual([
      ['已过保管期限的档案', '档案 DA-2019-01-000001（保管期限至 2019-01-01，状态 在库，法律保全 否）；档案 DA-2019-02-000002（保管期限至 2019-02-01，状态 借出，法律保全 是）'],
      ['可销毁的档案', 'DA-2019-01-000001'],
      ['不予销毁的档案', '档案 DA-2019-02-000002（原因 处于法律保全）'],
      ['不予销毁的原因', 'DA-2019-02-000002：档案处于法律保全，不得销毁'],
      ['已销毁的档案', 'DA-2019-01-000001'],
      ['未销毁的档案', '—'],
      ['销毁时间', '2026-12-02 21:37'],
    ]);
  });

  it('in English as well', () => {
    const byLabel = Object.fromEntries(rows('en').known.map((r) => [r.label, r.text]));
    expect(byLabel).toMatchObject({
      'Archives past retention': 'Archive DA-2019-01-000001 (retained until 2019-01-01, status In stock, legal hold No); Archive DA-2019-02-000002 (retained until 2019-02-01, status On loan, legal hold Yes)',
      'Archives not to destroy': 'Archive DA-2019-02-000002 (reason On legal hold)',
      'Destroyed at': '2026-12-02 21:37',
    });
  });

  it('never shows an output’s name, a field’s name or JSON; a team’s own job’s variables stay under 其他', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { known, other } = rows(lang);
      const shown = known.map((r) => `${r.label} ${r.text}`).join('\n');
      expect(shown).not.toMatch(/[{}"]|expiredArchives|destructionRefused|archiveId|expiresOn|legalHold|refusal|archive\.legalHold/);
      expect(other.map((r) => r.key)).toEqual(['proposedArchiveIds', 'shippedBySomeoneElse']);
    }
  });

  it('keeps the label a step’s summary gives an output, and still reads its value as the task wrote it', () => {
    const d = buildDictionary(undefined, { expiredArchives: '到期档案', destructionList: '拟销毁档案' }, ['archive-destruction-check']);
    for (const lang of ['zh-CN', 'en'] as const) {
      const [expired, list] = describeVariables(d, destruction, lang, ['expiredArchives', 'destructionList']).known;
      expect(expired!.label).toBe('到期档案');
      expect(expired!.text).toMatch(lang === 'en' ? /^Archive DA-2019-01-000001 \(retained until 2019-01-01/ : /^档案 DA-2019-01-000001（保管期限至 2019-01-01/);
      expect(list).toMatchObject({ label: '拟销毁档案', text: 'DA-2019-01-000001' });
    }
  });

  it('reads a shipped task’s output in words under 其他 when the version does not run that task', () => {
    const { other } = describeVariables(new Map(), { salesSummary: { purchases: 3, totalAmount: 12800, paymentRate: 0.875, lastPurchaseOn: null }, borrowRefusal: 'archive.levelTooHigh' }, 'zh-CN');
    expect(other).toEqual([
      { key: 'borrowRefusal', label: '不予借阅', text: '秘密等级高于申请人的权限' },
      { key: 'salesSummary', label: '销售记录分析', text: '购买次数 3，销售总额 ¥12,800.00，回款率 87.5%' },
    ]);
  });
});

describe('what a decision or script step computes, and records no catalog describes', () => {
  // The credit grading's 评定信用等级: a DMN result of two outputs, which showed as {"creditGrade":"A",…} under 其他.
  const gradingModel = {
    startEventId: 's',
    elements: {
      s: { type: 'startEvent', outgoing: ['f1'] },
      grade: { type: 'businessRuleTask', name: '评定信用等级', decisionId: 'creditGrade', resultVariable: 'grading', outgoing: ['f2'] },
      pick: { type: 'scriptTask', name: '取出信用等级', expression: '=grading.creditGrade', resultVariable: 'creditGrade', outgoing: ['f3'] },
      review: { type: 'userTask', formId: 'limit', outgoing: [] },
    },
    flows: { f1: { target: 'grade' }, f2: { target: 'pick' }, f3: { target: 'review' } },
  };
  const limitForm = {
    components: [
      { type: 'textfield', key: 'creditGrade', label: '信用等级' },
      { type: 'number', key: 'creditLimit', label: '信用额度（元）' },
    ],
  } as unknown as FormJsSchema;
  const dict = buildDictionary([limitForm], {}, [], resultStepsInFlowOrder(gradingModel));
  const variables = { grading: { creditGrade: 'A', creditLimit: 300000, ruleNote: '按期回款' }, creditGrade: 'A' };

  it('names a result by its step and reads its fields by the forms’ labels, never as JSON', () => {
    const zh = describeVariables(dict, variables, 'zh-CN');
    const grading = zh.known.find((r) => r.key === 'grading')!;
    expect(grading.label).toBe('「评定信用等级」的结果');
    expect(grading.text).toBe('信用等级 A，信用额度（元） ¥300,000.00，ruleNote 按期回款');
    expect(zh.other).toEqual([]);
    // A variable a form names keeps the form's label, not the step that computed it.
    expect(zh.known.find((r) => r.key === 'creditGrade')!.label).toBe('信用等级');
    const en = describeVariables(dict, variables, 'en').known.find((r) => r.key === 'grading')!;
    expect(en.label).toBe('Result of “评定信用等级”');
    expect(en.text).not.toContain('{');
  });

  it('reads a record or a list of records under 其他 field by field, not as JSON', () => {
    const { other } = describeVariables(buildDictionary([limitForm]), { teamResult: [{ creditLimit: 5000, ok: true }, { creditLimit: 0 }] }, 'zh-CN');
    expect(other[0]!.text).toBe('信用额度（元） ¥5,000.00，ok 是；信用额度（元） ¥0.00');
  });

  it('reads the code a task wrote in words when a form shows it in a text field (档案秘密等级)', () => {
    const review = { components: [{ type: 'textfield', key: 'archiveLevel', label: '档案秘密等级', readonly: true }] } as unknown as FormJsSchema;
    const d = buildDictionary([review], {}, ['archive-check-borrow']);
    const row = describeVariables(d, { archiveLevel: 'internal' }, 'zh-CN').known[0]!;
    expect(row.label).toBe('档案秘密等级');
    expect(row.text).not.toBe('internal');
    expect(row.text).toMatch(/[\u4e00-\u9fff]/);
  });
});
