import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllZh } from '../../../i18n/catalog';
import { messages } from '../../../i18n/allMessages';
import { interpolate } from '../../../i18n/interpolate';
import type { MessageKey } from '../../../i18n/messages';
import { changeLines } from './changeList';
import type { DiagramDiff } from './diagramDiff';

// The editor's pages render once all zh-CN strings are here (lazyPage); so do these words.
beforeAll(() => loadAllZh());

const tr = (lang: 'zh-CN' | 'en') => (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars);

const diff: DiagramDiff = {
  moved: [],
  changes: [
    { id: 'Activity_GM', kind: 'added', type: 'userTask', name: '总经理审批', properties: [] },
    {
      id: 'Activity_Register',
      kind: 'changed',
      type: 'userTask',
      name: '受理客户投诉',
      properties: [
        { property: 'name', before: '受理投诉', after: '受理客户投诉' },
        { property: 'zeebe:AssignmentDefinition.candidateGroups', before: 'cs_agent', after: null },
        { property: 'shouwen:somethingNew', before: '1', after: '2' },
      ],
    },
    { id: 'Flow_7', kind: 'changed', type: 'sequenceFlow', name: null, properties: [] },
    { id: 'Gateway_1', kind: 'removed', type: 'exclusiveGateway', name: null, properties: [] },
  ],
};

describe('changeLines', () => {
  it('words each change by element kind and name, properties before → after, never an id', () => {
    expect(changeLines(diff, tr('zh-CN'))).toEqual([
      { id: 'Activity_GM', kind: 'added', title: '人工任务「总经理审批」', details: [] },
      {
        id: 'Activity_Register',
        kind: 'changed',
        title: '人工任务「受理客户投诉」',
        details: ['名称：受理投诉 → 受理客户投诉', '候选角色：cs_agent → （空）', 'shouwen:somethingNew：1 → 2'],
      },
      { id: 'Flow_7', kind: 'changed', title: '连线（未命名）', details: ['其他设置有改动'] },
      { id: 'Gateway_1', kind: 'removed', title: '排他网关（未命名）', details: [] },
    ]);
    expect(changeLines(diff, tr('en'))[1]!.details[0]).toBe('Name: 受理投诉 → 受理客户投诉');
  });

  it('shortens a long value (a documentation text) to what a list line holds', () => {
    const long = '很'.repeat(200);
    const [line] = changeLines({ moved: [], changes: [{ id: 'A', kind: 'changed', type: 'task', name: 'A', properties: [{ property: 'documentation', before: null, after: long }] }] }, tr('zh-CN'));
    expect(line!.details[0]).toBe(`说明：（空） → ${'很'.repeat(80)}…`);
  });
});
