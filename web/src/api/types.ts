// Shapes of the API's JSON (the server's zod schemas are the source; keep these in step).
import type { Capabilities } from '../../../policy/capabilities';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Array<{ role: string; unitId: string }>;
  /** Served beside the user by /api/session; the console offers what these allow, the API decides. */
  capabilities: Capabilities;
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

/** One deployed version of a process (`GET /api/processes/:key/versions`). */
export interface ProcessVersionInfo {
  key: string;
  version: number;
  name: string;
  hash: string;
  deployedBy: string | null;
  deployedAt: string;
}

/** The latest version of a deployed process, with how many versions it has (`GET /api/processes`). */
export interface ProcessSummary extends ProcessVersionInfo {
  versions: number;
}

export interface ProcessVersion extends ProcessVersionInfo {
  xml: string;
  /** The compiled model (open-ended here; the console only shows the diagram). */
  model?: unknown;
  forms: Record<string, FormJsSchema>;
}

/** A finding of the BPMN compiler about one element (or the whole diagram when elementId is empty). */
export interface ModelProblem {
  elementId: string;
  elementType: string;
  message: string;
}

export interface ValidateResult {
  ok: boolean;
  problems: ModelProblem[];
}

/** 201 `created: true` for a new version, 200 `created: false` when the content is unchanged. */
export interface DeployResult {
  created: boolean;
  process: ProcessVersionInfo;
}

/** A task as the live workflow sees it (`GET /api/cases/:id/state`). */
export interface OpenTaskView {
  taskId: string;
  elementId: string;
  name: string;
  unitId: string;
  assigneeId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formId: string | null;
  outcomes: string[];
  dueAt: string | null;
  status: 'open' | 'completing';
}

export interface CaseState {
  status: string;
  activeElements: string[];
  completedCounts: Record<string, number>;
  openTasks: OpenTaskView[];
  variables: Record<string, unknown>;
}

export type CaseStatus = 'running' | 'completed' | 'failed' | 'terminated';

export interface Case {
  id: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  status: CaseStatus;
  initiatorId: string | null;
  ownerId: string | null;
  unitId: string;
  customerId: string | null;
  parentCaseId: string | null;
  variables: Record<string, unknown>;
  startedAt: string;
  endedAt: string | null;
}

/** `GET /api/cases` filters: 我负责的 is `owner=me` (首问责任制). */
export interface CaseListParams {
  owner?: 'me';
  status?: CaseStatus;
}

/** One entry of a case's history (`kind`: case.started, task.opened, task.completed, …). */
export interface CaseEvent {
  seq: number;
  kind: string;
  taskId: string | null;
  actorId: string | null;
  at: string;
  payload: Record<string, unknown>;
}

export interface CaseWithEvents {
  case: Case;
  /** The customer by name (masked when above the user's clearance). */
  customer: { id: string; name: string; tier: string } | null;
  events: CaseEvent[];
}

export interface StartCaseBody {
  processKey: string;
  title: string;
  customerId?: string;
  businessKey?: string;
  variables?: Record<string, unknown>;
}

export interface StartCaseResult {
  id: string;
  businessKey: string;
  processKey: string;
  processVersion: number;
}

export interface Customer {
  id: string;
  name: string;
  tier: string;
  unitId: string;
  confidentiality: string;
  contactName: string | null;
  phone: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  caseId: string | null;
  taskId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

/** One entry of a case's audit trail: a history event with its place in the hash chain (hashes are hex digests). */
export interface AuditEntry extends CaseEvent {
  hash: string | null;
  prevHash: string | null;
}

/** `GET /api/cases/:id/audit`: the trail and whether its hash chain verifies (else the first entry where it breaks). */
export interface AuditTrail {
  entries: AuditEntry[];
  verified: boolean;
  brokenAtSeq: number | null;
}

/** `POST /api/cases/:id/replay`: the recorded Temporal history re-executed on the current workflow code. */
export interface ReplayResult {
  ok: boolean;
  /** History events replayed. */
  events: number;
  durationMs: number;
  /** The nondeterminism (or other) error when the replay did not match; null when ok. */
  divergence: string | null;
}

/** `GET /api/cases/:id/records`: the business records of a case and the cases it started. */
export interface ComplaintRecord {
  id: string;
  caseId: string;
  stage: 'registered' | 'investigated' | 'handling' | string;
  channel: string | null;
  severity: string | null;
  product: string | null;
  content: string | null;
  customerRequest: string | null;
  receivedAt: string | null;
  isValid: boolean | null;
  causeType: string | null;
  responsibleDepartment: string | null;
  responsiblePerson: string | null;
  solutionPlan: string | null;
  compensationAmount: number | null;
  promisedDeadline: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderRecord {
  id: string;
  caseId: string;
  serviceKind: string;
  mode: string;
  engineerId: string | null;
  engineerName: string | null;
  appointmentAt: string;
  dueAt: string;
  faultDescription: string | null;
  status: 'dispatched' | 'closed' | 'cancelled' | string;
  fee: number;
  inWarranty: boolean;
  productName: string | null;
  purchasedOn: string | null;
  warrantyEndsOn: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface CallbackRecord {
  id: number;
  caseId: string;
  workOrderId: string | null;
  method: string;
  satisfaction: number | null;
  servqual: { tangibles: number | null; reliability: number | null; responsiveness: number | null; assurance: number | null; empathy: number | null };
  comments: string | null;
  at: string;
}

export interface CustomerNotificationRecord {
  id: number;
  caseId: string | null;
  channel: 'email' | 'phone' | string;
  recipient: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed' | string;
  createdAt: string;
  sentAt: string | null;
}

export interface CaseRecords {
  complaints: ComplaintRecord[];
  workOrders: WorkOrderRecord[];
  callbacks: CallbackRecord[];
  customerNotifications: CustomerNotificationRecord[];
  /** The customer's confidentiality level hides the records from this user. */
  masked: boolean;
}
