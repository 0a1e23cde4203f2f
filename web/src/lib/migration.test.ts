import { describe, expect, it } from 'vitest';
import type { MigrationCaseResult, ProcessVersion } from '../../../contract';
import { messages } from '../i18n/allMessages';
import { loadAllZh } from '../i18n/catalog';
import { elementsToMap, mappingChoices, migrationProblemText } from './migration';

const zh = (key: string, vars: Record<string, string | number> = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), (messages['zh-CN'] as Record<string, string>)[key] ?? key);
const problem = (code: string, params: Record<string, string> = {}, elementId = 'review') => ({ elementId, elementName: '审核', code, message: `server text for ${code}`, params });
const result = (problems: MigrationCaseResult['problems']): MigrationCaseResult => ({ caseId: 'c', businessKey: 'TS-1', fromVersion: 1, outcome: 'refused', undo: false, moves: [], problems });

describe('the migration card', () => {
  it('words every refusal the planner gives in Chinese, naming steps, and keeps the server text for an unknown code', () => {
    expect(migrationProblemText(problem('migration.unmapped', { element: '审核', kind: 'task' }), zh)).toBe('目标版本没有“审核”，请为它选择对应的步骤');
    expect(migrationProblemText({ ...problem('migration.typeMismatch', { element: '审核', target: '等待一天', kind: 'task' }), targetName: '等待一天', targetType: 'intermediateCatchEvent' }, zh)).toContain('“审核”不能迁移到“等待一天”');
    for (const code of ['migration.notRunning', 'migration.sameVersion', 'migration.backwards', 'migration.caseBusy', 'migration.targetMissing', 'migration.notMigratable', 'migration.sourceMissing', 'case.notFound']) {
      expect(migrationProblemText(problem(code), zh), code).not.toContain('server text');
    }
    expect(migrationProblemText(problem('migration.somethingNew'), zh)).toBe('server text for migration.somethingNew');
  });

  it('asks for a mapping only for steps the target lacks, and offers only steps that wait the same way', () => {
    const results = [result([problem('migration.unmapped', { kind: 'task' })]), result([problem('migration.caseBusy', {}, '')]), result([problem('migration.unmapped', { kind: 'task' })])];
    expect(elementsToMap(results, zh)).toEqual([{ elementId: 'review', name: '审核' }]);
    const version = {
      model: {
        elements: {
          check: { id: 'check', name: '检查', type: 'userTask', incoming: ['a'], outgoing: ['b'] },
          inner: { id: 'inner', name: '子任务', type: 'userTask', parentId: 'sub', incoming: ['a'], outgoing: ['b'] },
          wait: { id: 'wait', name: '等待一天', type: 'intermediateCatchEvent', trigger: { kind: 'timer' }, incoming: ['a'], outgoing: ['b'] },
        },
      },
    } as unknown as ProcessVersion;
    expect(mappingChoices(version, 'task', zh)).toEqual([{ value: 'check', label: '检查' }]);
    expect(mappingChoices(version, 'timer', zh)).toEqual([{ value: 'wait', label: '等待一天' }]);
    expect(mappingChoices(undefined, 'task', zh)).toEqual([]);
  });

  it('says a step without a name by its kind, never by its id (the planner names it by id then)', async () => {
    await loadAllZh();
    const unnamed = { elementId: 'Activity_0x9f', elementName: null, elementType: 'userTask', code: 'migration.typeMismatch', message: 'x', params: { element: 'Activity_0x9f', target: 'Event_1', kind: 'task' }, targetName: null, targetType: 'intermediateCatchEvent' };
    const text = migrationProblemText(unnamed, zh);
    expect(text).toBe('“未命名的人工任务”不能迁移到“未命名的中间捕获事件”：两者的等待方式不同');
    expect(migrationProblemText({ ...unnamed, code: 'migration.unmapped' }, zh)).not.toContain('Activity_0x9f');
    expect(elementsToMap([result([unnamed])], zh)).toEqual([{ elementId: 'Activity_0x9f', name: '未命名的人工任务' }]);
    expect(migrationProblemText({ ...unnamed, code: 'migration.targetMissing', targetType: undefined }, zh)).toBe('为“未命名的人工任务”选择的对应步骤在目标版本中不存在');
    const version = { model: { elements: { Activity_2: { id: 'Activity_2', type: 'userTask', incoming: ['a'], outgoing: ['b'] } } } } as unknown as ProcessVersion;
    expect(mappingChoices(version, 'task', zh)).toEqual([{ value: 'Activity_2', label: '未命名的人工任务' }]);
  });
});
