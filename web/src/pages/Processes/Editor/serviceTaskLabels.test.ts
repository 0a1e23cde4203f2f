import { describe, expect, it } from 'vitest';
import { SERVICE_TASK_TYPES } from '../../../../../bpmn/service-task-types';
import { SERVICE_TASK_LABELS, serviceTypeOptions } from './serviceTaskLabels';

describe('服务类型 choices', () => {
  it('name every type the worker ships, in Chinese, and nothing else', () => {
    expect(Object.keys(SERVICE_TASK_LABELS).sort()).toEqual([...SERVICE_TASK_TYPES].sort());
    for (const label of Object.values(SERVICE_TASK_LABELS)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('offer the shipped types with their words, and keep an external job type the file names', () => {
    const shipped = serviceTypeOptions('archive');
    expect(shipped).toHaveLength(SERVICE_TASK_TYPES.length + 1);
    expect(shipped).toContainEqual({ value: 'archive', label: '归档（archive）' });
    expect(serviceTypeOptions('erp-sync').at(-1)).toEqual({ value: 'erp-sync', label: '外部作业：erp-sync' });
    expect(serviceTypeOptions('')[0]).toEqual({ value: '', label: '（未选择）' });
  });
});
