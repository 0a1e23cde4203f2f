// Shapes of the API's JSON (the server's zod schemas are the source; keep these in step).
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Array<{ role: string; unitId: string }>;
}

export type Sla = 'none' | 'on_time' | 'due_soon' | 'overdue';
export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface TaskSummary {
  id: string;
  caseId: string;
  caseTitle: string;
  businessKey: string;
  processKey: string;
  elementId: string;
  name: string;
  status: TaskStatus;
  unitId: string;
  candidateRoles: string[];
  candidateUsers: string[];
  assigneeId: string | null;
  formId: string | null;
  outcomes: string[];
  escalationLevel: number;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcome: string | null;
  comment: string | null;
  customerId: string | null;
  customerName: string | null;
  /** 1 highest … 4 lowest. */
  priority: number;
  sla: Sla;
}

export type TaskView = 'mine' | 'group' | 'all';
export type TaskSort = 'due' | 'created' | 'priority';

/** The query of `GET /api/tasks` (without cursor and limit). */
export interface TaskListParams {
  view: TaskView;
  status: 'open' | 'completed';
  sort: TaskSort;
  processKey?: string;
  /** Inclusive calendar day `YYYY-MM-DD` in the browser's time zone; sent as the ISO instant the next day starts. */
  dueBefore?: string;
  customerId?: string;
  q?: string;
}

export interface TaskPage {
  items: TaskSummary[];
  nextCursor: string | null;
}

export interface TaskCounts {
  mine: number;
  group: number;
  all: number;
  overdue: number;
  dueSoon: number;
}

/** A form-js schema (open-ended JSON). */
export interface FormJsSchema {
  components: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface CaseDetail {
  id: string;
  title: string;
  businessKey: string;
  processKey: string;
  processVersion: number;
  status: string;
  initiatorId: string;
  ownerId: string | null;
  unitId: string;
  startedAt: string;
  customer: { id: string; name: string; tier: string | null } | null;
  variables: Record<string, unknown>;
}

export interface TaskStep {
  taskId: string;
  elementId: string;
  name: string;
  completedBy: string | null;
  completedAt: string | null;
  outcome: string | null;
  comment: string | null;
  data: Record<string, unknown> | null;
}

export interface TaskComment {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  at: string;
}

export interface TaskDetail {
  task: TaskSummary;
  form: FormJsSchema | null;
  case: CaseDetail;
  steps: TaskStep[];
  comments: TaskComment[];
  can: { complete: boolean; claim: boolean; unclaim: boolean; delegate: boolean };
}

export interface CompleteTaskBody {
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
}

export interface CompleteTaskResult {
  taskId: string;
  outcome: string;
  completedAt: string;
}

export interface AssignmentResult {
  taskId: string;
  assigneeId: string | null;
}

export interface BulkItemResult {
  taskId: string;
  ok: boolean;
  status: number;
  detail?: string;
  completedAt?: string;
}

export interface ProcessSummary {
  key: string;
  version: number;
  name: string;
  versions: number;
}

export interface ProcessVersion {
  key: string;
  version: number;
  name: string;
  xml: string;
  forms: Record<string, unknown>;
}

export interface CaseState {
  status: string;
  activeElements: string[];
  completedCounts: Record<string, number>;
  openTasks: unknown[];
  variables: Record<string, unknown>;
}

export interface Case {
  id: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  status: 'running' | 'completed' | 'failed' | 'terminated';
  startedAt: string;
  endedAt: string | null;
}
