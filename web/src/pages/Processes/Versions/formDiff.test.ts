import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../i18n/interpolate';
import { zh } from '../../../i18n/messages';
import { parseDefinitions } from './diagramDiff';
import { diffForms, formChangeLines, formUsesOf, type VersionForms } from './formDiff';

const read = (path: string) => readFileSync(new URL(`../../../../../bpmn/${path}`, import.meta.url), 'utf8');
const complaint = read('processes/complaint.bpmn');
const negotiation = JSON.parse(read('forms/complaint-negotiation.form')) as { components: Record<string, unknown>[] };
const approval = JSON.parse(read('forms/complaint-approval.form')) as { components: Record<string, unknown>[] };
const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('diffForms', () => {
  const uses = { 'complaint-negotiation': ['告知协商'], 'complaint-approval': ['客服经理审批'] };
  const before: VersionForms = { forms: { 'complaint-negotiation': negotiation, 'complaint-approval': approval }, uses };

  it('finds nothing between a version and itself', () => {
    expect(diffForms(before, { forms: clone(before.forms), uses })).toEqual([]);
  });

  it('lists a field added, one removed and one changed by label, with its properties before → after, in Chinese', () => {
    const changed = clone(negotiation);
    // 协商记录 relabelled and no longer required; 客户认可 removed; a required 补充说明 added
    const notes = changed.components.find((c) => c.key === 'negotiationNotes')!;
    notes.label = '协商记录（客户意见及要求）';
    notes.validate = { maxLength: 4000 };
    changed.components = changed.components.filter((c) => c.key !== 'customerAgreed');
    changed.components.push({ type: 'textarea', key: 'extraNotes', id: 'Field_extra', label: '补充说明', validate: { required: true } });
    const after: VersionForms = { forms: { ...before.forms, 'complaint-negotiation': changed }, uses };

    const changes = diffForms(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ formId: 'complaint-negotiation', kind: 'changed', steps: ['告知协商'] });
    expect(formChangeLines(changes, t)).toEqual([
      {
        formId: 'complaint-negotiation',
        kind: 'changed',
        title: '告知协商的表单',
        details: [
          '新增字段「补充说明」（多行文本，必填）',
          '删除字段「客户认可处理方案」（复选框）',
          '字段「协商记录（客户意见及要求）」的标签：协商记录（客户意见） → 协商记录（客户意见及要求）',
          '字段「协商记录（客户意见及要求）」的必填：是 → 否',
        ],
      },
    ]);
  });

  it('a new step with a new form: the form added with every field; a form no step shows any more: removed', () => {
    const gm = { type: 'default', id: 'complaint-gm-approval', components: [{ type: 'textarea', key: 'gmOpinion', id: 'Field_gm', label: '总经理意见', validate: { required: true } }] };
    const after: VersionForms = {
      forms: { ...before.forms, 'complaint-gm-approval': gm, 'complaint-unused': { components: [] } },
      uses: { 'complaint-negotiation': ['告知协商'], 'complaint-gm-approval': ['总经理审批'] },
    };
    expect(formChangeLines(diffForms(before, after), t)).toEqual([
      { formId: 'complaint-approval', kind: 'removed', title: '客服经理审批的表单', details: [] },
      { formId: 'complaint-gm-approval', kind: 'added', title: '总经理审批的表单', details: ['新增字段「总经理意见」（多行文本，必填）'] },
    ]);
  });

  it('sees options, limits and type changes, and names a field without a label by its text', () => {
    const select = { type: 'select', key: 'level', label: '等级', values: [{ label: '一般', value: 'a' }], validate: { maxLength: 10 } };
    const b: VersionForms = { forms: { f: { components: [select, { type: 'text', id: 'T1', text: '请核对上方的处理方案' }] } }, uses: { f: ['审核'] } };
    const a: VersionForms = {
      forms: { f: { components: [{ ...select, type: 'radio', values: [{ label: '一般', value: 'a' }, { label: '重大', value: 'b' }], validate: { maxLength: 20 } }, { type: 'text', id: 'T1', text: '请核对下方的处理方案' }] } },
      uses: { f: ['审核'] },
    };
    expect(formChangeLines(diffForms(b, a), t)[0]!.details).toEqual([
      '字段「等级」的类型：下拉选择 → 单选组',
      '字段「等级」的选项：一般 → 一般、重大',
      '字段「等级」的取值或长度限制：≤ 10 字 → ≤ 20 字',
      '字段「请核对下方的处理方案」的文本内容：请核对上方的处理方案 → 请核对下方的处理方案',
    ]);
  });
});

describe('formUsesOf', () => {
  it('names the steps of the complaint diagram that show each form', async () => {
    const uses = formUsesOf(await parseDefinitions(complaint), (type) => `未命名的${type}`);
    expect(uses['complaint-negotiation']).toEqual(['告知协商']);
    expect(uses['complaint-approval']).toEqual(['客服经理审批']);
    expect(Object.keys(uses)).toHaveLength(11);
  });

  it('says a step without a name by its kind, never by its id', async () => {
    const unnamed = complaint.replace(/(<bpmn:userTask id="[^"]*") name="告知协商"/, '$1');
    expect(unnamed).not.toBe(complaint);
    expect(formUsesOf(await parseDefinitions(unnamed), (type) => `未命名的${type}`)['complaint-negotiation']).toEqual(['未命名的userTask']);
  });
});
