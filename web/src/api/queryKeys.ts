import type { CaseListParams, TaskListParams } from './listParams';

/** Every query key in one place; mutations invalidate by prefix (`['tasks']` refreshes lists, counts and details). */
export const queryKeys = {
  session: ['session'] as const,
  tasks: ['tasks'] as const,
  taskLists: ['tasks', 'list'] as const,
  taskList: (params: TaskListParams) => ['tasks', 'list', params] as const,
  taskCounts: ['tasks', 'counts'] as const,
  task: (id: string) => ['tasks', 'detail', id] as const,
  processes: ['processes'] as const,
  processAssignees: ['processes', 'assignees'] as const,
  processVersions: (key: string) => ['processes', key, 'versions'] as const,
  processVersion: (key: string, version: number) => ['processes', key, version] as const,
  cases: ['cases'] as const,
  caseList: (params: CaseListParams) => ['cases', 'list', params] as const,
  case: (caseId: string) => ['cases', caseId, 'detail'] as const,
  caseState: (caseId: string) => ['cases', caseId, 'state'] as const,
  caseAudit: (caseId: string) => ['cases', caseId, 'audit'] as const,
  caseRecords: (caseId: string) => ['cases', caseId, 'records'] as const,
  customers: (q: string) => ['customers', q] as const,
  search: (q: string) => ['search', q] as const,
  notifications: ['notifications'] as const,
  incidents: ['incidents'] as const,
  views: ['views'] as const,
  decisions: ['decisions'] as const,
  decisionFile: (key: string, version: number) => ['decisions', key, version] as const,
  decisionInForceBefore: (key: string, version: number) => ['decisions', key, 'inForceBefore', version] as const,
};
