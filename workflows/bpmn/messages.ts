import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FormSchema } from '../../bpmn/form-data';
import type { MigrationMove } from '../../bpmn/migration-plan';
import type { ProcessModel } from '../../bpmn/model';
import type { CaseHeader } from '../../domain/case-header';

// The interface of a running case: its input, the Updates people send (through the API,
// after its permission check) and the state query.

/** The case's header (its process key is the model's). */
export interface BpmnProcessInput extends Omit<CaseHeader, 'processKey'> {
  model: ProcessModel;
  /** The forms the model's user tasks name, pinned with the model at start. */
  forms: Record<string, FormSchema>;
  variables: Record<string, unknown>;
  /**
   * The task queue the deployment's job workers poll (JOB_TASK_QUEUE), for service tasks of types
   * Shouwen does not ship; absent in cases started before it existed (bpmn/job-worker.ts default).
   */
  jobTaskQueue?: string;
  /** How long a job may wait for a worker before it is an incident (JOB_WORKER_WAIT_SECONDS); absent: the default. */
  jobWorkerWaitSeconds?: number;
  /** Continue-as-new after this many history events even before the server suggests it (tests, tuning). */
  continueAsNewAfterEvents?: number;
  /** The start event the case begins at when not the model's (a message or signal start event). */
  startAt?: string;
  /** Set when this run continues an earlier one of the same case (continue-as-new). */
  resume?: ResumeSnapshot;
  /** Set when this run began by moving the case from another version (migrateCase); kept so it can be undone. */
  migration?: CaseMigration;
  /**
   * The patches this case takes as plain code, without a marker (patch-level.ts SETTLED_PATCHES);
   * absent in cases started before levels existed, which ask each patch.
   */
  patchLevel?: number;
  /**
   * 试运行 (issue 18 §8): a draft played in the editor. It runs on the sandbox task queue, whose
   * activities write and send nothing; its owner may fire its timers early (fireTimerUpdate).
   */
  sandbox?: boolean;
}

/** The last move of a case to another version: an undo is allowed until a step completes after it. */
export interface CaseMigration {
  fromVersion: number;
  toVersion: number;
  moves: MigrationMove[];
  actorId: string;
  at: string;
  /** The case's completed-element count right after the move; any step completed since ends the undo. */
  completedAtMigration: number;
  note?: string;
  /** This move was the undo of the one before. */
  undo: boolean;
  /** false only in the run the move started, until it has written the move to the projections. */
  projected: boolean;
}

export interface MigrateCaseInput {
  /** The target version's compiled model and forms, as the API read them from the database. */
  model: ProcessModel;
  forms: Record<string, FormSchema>;
  processVersion: number;
  /** Source element → target element for elements whose id is not the same in the target. */
  mapping: Record<string, string>;
  actorId: string;
  note?: string;
}

export interface MigrateCaseResult {
  fromVersion: number;
  toVersion: number;
  moves: MigrationMove[];
  undo: boolean;
}

/** Where every token of a quiescent case waits, so a new run can pick up exactly there. */
export type ParkedWait =
  | { kind: 'task'; elementId: string; task: SerializedTask }
  | { kind: 'message'; elementId: string }
  | { kind: 'timer'; elementId: string; fireAt: number }
  | { kind: 'join'; elementId: string };

export interface SerializedTask extends OpenTaskView {
  separationOfDuties: boolean;
  escalated?: boolean;
  form?: unknown;
}

export interface ResumeSnapshot {
  /** How many runs came before this one. */
  runs: number;
  variables: Record<string, unknown>;
  occurrences: Record<string, number>;
  completedCounts: Record<string, number>;
  mailbox: Array<{ messageName: string; variables: Record<string, unknown> }>;
  tokens: ParkedWait[];
  /** Tokens already arrived at each parallel join. */
  joins: Record<string, number>;
}

export type CaseEndStatus = 'completed' | 'terminated';

export interface BpmnProcessResult {
  status: CaseEndStatus;
  variables: Record<string, unknown>;
}

export interface CompleteTaskInput {
  taskId: string;
  userId: string;
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
}

export interface CompleteTaskResult {
  taskId: string;
  outcome: string;
  completedAt: string;
}

export interface AssignTaskInput {
  taskId: string;
  userId: string;
  /** delegate only: the new assignee. */
  toUserId?: string;
  /** delegate only: why (shown in the case history). */
  reason?: string;
  /** delegate only: to someone the step does not offer itself to, by a manager (audited, with the reason). */
  override?: boolean;
}

export interface AssignTaskResult {
  taskId: string;
  assigneeId: string | null;
}

export interface CorrelateMessageInput {
  messageName: string;
  variables?: Record<string, unknown>;
}

export interface CorrelateMessageResult {
  /** true: a waiting catch event took it; false: buffered until one is reached. */
  consumed: boolean;
}

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
  /** The task's own variables from its input mappings (its form sees them); absent without any. */
  variables?: Record<string, unknown>;
}

export interface CaseStateView {
  status: 'running' | CaseEndStatus | 'failed';
  processKey: string;
  processVersion: number;
  /** Element ids where a token currently is (one entry per token). */
  activeElements: string[];
  tokens: Array<{ id: number; elementId: string; scopeId: string }>;
  /** How many times each element has been completed (diagram overlays). */
  completedCounts: Record<string, number>;
  openTasks: OpenTaskView[];
  bufferedMessages: string[];
  /** Tokens stopped by an incident, waiting for a retry or a cancellation. */
  incidents: OpenIncidentView[];
  /** Message catch elements (intermediate or boundary) a token waits at now: what a message may be sent to. */
  awaitingMessages?: string[];
  variables: Record<string, unknown>;
  /** Every token waits at process level: the case could move to another version now. */
  quiescent?: boolean;
  /** The case's last move to another version, while it may still be undone (no step completed since). */
  undoableMigration?: CaseMigration;
  /** Sandbox runs only: timer elements (catch, boundary, gateway) a token waits at now, which fireTimer may fire. */
  waitingTimers?: string[];
}

export interface FireTimerInput {
  elementId: string;
}

export interface OpenIncidentView {
  /** `<caseId>/incident/<n>`: unique in the case, stable on replay. */
  id: string;
  elementId: string;
  elementName: string | null;
  message: string;
  raisedAt: string;
}

export interface ResolveIncidentInput {
  incidentId: string;
  action: 'retry' | 'cancel';
  actorId: string;
  comment?: string;
  /** Merged into the case's variables before a retry, to correct the data the element failed on. */
  variables?: Record<string, unknown>;
}

export interface ResolveIncidentResult {
  resolved: true;
  action: 'retry' | 'cancel';
}

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const claimTaskUpdate = defineUpdate<AssignTaskResult, [AssignTaskInput]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<AssignTaskResult, [AssignTaskInput]>('unclaimTask');
export const delegateTaskUpdate = defineUpdate<AssignTaskResult, [AssignTaskInput]>('delegateTask');
export const correlateMessageUpdate = defineUpdate<CorrelateMessageResult, [CorrelateMessageInput]>('correlateMessage');
export const resolveIncidentUpdate = defineUpdate<ResolveIncidentResult, [ResolveIncidentInput]>('resolveIncident');
export const migrateCaseUpdate = defineUpdate<MigrateCaseResult, [MigrateCaseInput]>('migrateCase');
export const fireTimerUpdate = defineUpdate<{ fired: true }, [FireTimerInput]>('fireTimer');
export const caseStateQuery = defineQuery<CaseStateView>('state');
