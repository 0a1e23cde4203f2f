import { z } from 'zod';

// The compiled form of a BPMN diagram: plain JSON that the interpreter (workflows/) runs.
// A case is started with one ProcessModel and keeps it for its whole life, so this shape
// must only ever grow in backward-compatible ways (new optional fields, new element types).

/** A FEEL expression without Camunda's leading `=`. */
const feel = z.string().min(1);

export const timerDefinitionSchema = z.discriminatedUnion('kind', [
  /** ISO 8601 duration, e.g. PT2H, P3D, or a FEEL expression yielding one. */
  z.object({ kind: z.literal('duration'), iso: z.string().optional(), expression: feel.optional() }),
  /** An ISO 8601 date-time, or a FEEL expression yielding one. */
  z.object({ kind: z.literal('date'), iso: z.string().optional(), expression: feel.optional() }),
  /** N working days on the business calendar (computed by an activity, never in workflow code). */
  z.object({ kind: z.literal('workingDays'), days: z.number().int().positive() }),
  /** N hours of working-day time (shouwen:workingTime on a PTnH timer): hours on days off do not count. */
  z.object({ kind: z.literal('workingHours'), hours: z.number().int().positive() }),
  /** The next time a six-field cron expression matches, read in Beijing time (a cron time cycle). */
  z.object({ kind: z.literal('cron'), cron: z.string().min(1) }),
]);
export type TimerDefinition = z.infer<typeof timerDefinitionSchema>;

export const ioMappingSchema = z.object({ source: feel, target: z.string().min(1) });
export type IoMapping = z.infer<typeof ioMappingSchema>;

export const multiInstanceSchema = z.object({
  /** FEEL yielding a list; one task per item. */
  inputCollection: feel,
  /** Variable holding the item inside each instance (e.g. the approver's user id). */
  inputElement: z.string().optional(),
  /** When the activity is done: every instance, the first one, or at least N. */
  completion: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('any') }),
    z.object({ kind: z.literal('atLeast'), count: z.number().int().positive() }),
  ]),
});
export type MultiInstance = z.infer<typeof multiInstanceSchema>;

const base = {
  id: z.string().min(1),
  name: z.string().optional(),
  /** The sub-process this element lives in; absent at process level. */
  parentId: z.string().optional(),
  incoming: z.array(z.string()),
  outgoing: z.array(z.string()),
};

/**
 * A timer start event: cases start on a Temporal Schedule (server/schedules/), one per event,
 * owned by the latest version. Written only for timer start events, so other diagrams keep their
 * model hash.
 */
export const startTimerSchema = z.object({
  /** The diagram's own words (`R/P1D`, `0 0 9 * * MON-FRI`, a date), shown to process owners. */
  expression: z.string().min(1),
  timing: z.discriminatedUnion('kind', [
    /** `R[n]/[start/]duration`: every `every` (ISO duration) from `startAt`, `repetitions` times (absent: for ever). */
    z.object({ kind: z.literal('interval'), every: z.string().min(1), startAt: z.string().optional(), repetitions: z.number().int().positive().optional() }),
    /** Six-field cron (second first, as Zeebe), read in China time. */
    z.object({ kind: z.literal('cron'), cron: z.string().min(1) }),
    /** timeDate: one run. */
    z.object({ kind: z.literal('date'), at: z.string().min(1) }),
  ]),
  /**
   * The first-contact owner of a case nobody started by hand (shouwen:owner): a user, or the first
   * active holder of a role in `unitId` (absent: the root of the org tree).
   */
  owner: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: z.string().min(1) }),
    z.object({ kind: z.literal('role'), role: z.string().min(1) }),
  ]),
  unitId: z.string().min(1).optional(),
  /**
   * shouwen:workingDaysOnly="true": a run on a day the business calendar says is not a working day
   * (weekend, holiday; a 调休 Saturday is one) starts no case. Written only when the diagram says it.
   */
  workingDaysOnly: z.literal(true).optional(),
});
export type StartTimer = z.infer<typeof startTimerSchema>;

/**
 * What a message or signal throw event publishes (issue 13): the message's name, its correlation
 * key evaluated in the throwing case, and its variables from the event's zeebe:ioMapping inputs.
 * The engine publishes it itself (no job worker, unlike Camunda 8's zeebe:taskDefinition).
 */
export const throwSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), messageName: z.string().min(1), correlationKey: feel.optional(), inputs: z.array(ioMappingSchema).optional() }),
  z.object({ kind: z.literal('signal'), signalName: z.string().min(1), inputs: z.array(ioMappingSchema).optional() }),
]);
export type ThrowDefinition = z.infer<typeof throwSchema>;

/** A signal a catch event waits for: broadcast to every case waiting for its name (no correlation key). */
const signalTrigger = z.object({ kind: z.literal('signal'), signalName: z.string().min(1) });

/** Camunda's zeebe:taskHeaders: static key/value pairs a task carries (a job worker's settings, a hint on the task page). */
const headersSchema = z.record(z.string(), z.string());

export const endEventSchema = z.object({
  ...base,
  type: z.literal('endEvent'),
  kind: z.enum(['none', 'terminate', 'error']),
  errorCode: z.string().optional(),
  /** A message or signal end event: publishes, then ends like a none end event. */
  throw: throwSchema.optional(),
});
export const userTaskSchema = z.object({
  ...base,
  type: z.literal('userTask'),
  /** FEEL or a literal user id. */
  assignee: z.string().optional(),
  candidateGroups: z.array(z.string()),
  /**
   * Where a candidate group (role) must be held: absent = in the case's unit (PROCESSES.md
   * "Organisation"); `ancestors` = in that unit or any unit above it, for steps the diagram
   * sends up the org tree (e.g. 总经理 审批 at the region). The compiler writes it only for
   * `ancestors`, so diagrams that do not use it keep their model hash.
   */
  candidateScope: z.literal('ancestors').optional(),
  candidateUsers: z.array(z.string()),
  /**
   * shouwen:candidateDepartment — FEEL naming a department (domain/departments.ts): the candidate
   * groups count only for holders working in it; nobody there → the unit's 客服经理 instead.
   * Written only when the diagram says it, so other diagrams keep their hash.
   */
  candidateDepartment: z.string().optional(),
  formId: z.string().optional(),
  due: timerDefinitionSchema.optional(),
  /** The case initiator may not complete this task (separation of duties). */
  separationOfDuties: z.boolean(),
  /** Allowed outcomes; `approve`/`reject` make an approval step. */
  outcomes: z.array(z.string().min(1)).min(1),
  /**
   * What the person deciding should see above the buttons (shouwen:summary="amount:申请金额,plan"):
   * variables in order, with a label for those no form captures. Display only: the interpreter
   * never reads it. Written only when the diagram says it, so other diagrams keep their hash.
   */
  summary: z.array(z.object({ variable: z.string().min(1), label: z.string().optional() })).optional(),
  multiInstance: multiInstanceSchema.optional(),
  /**
   * How many levels up the org tree an overdue task may move (shouwen:escalationLevels); absent:
   * until the top. Each move gives it the same time again. Written only when the diagram says it.
   */
  escalationLevels: z.number().int().min(0).optional(),
  /**
   * shouwen:dueByTier (issue 15): the due date is the case customer's tier's limit for this step kind
   * (customer_tier_rule), read by an activity when the task opens; `due` (workingDays) is the default
   * for a case without a customer or tier. Written only when the diagram says it.
   */
  dueByTier: z.enum(['followUp', 'complaint']).optional(),
  /**
   * zeebe:ioMapping: inputs are evaluated when the task opens and are the task's own variables (its
   * form sees them); outputs decide what its completion writes to the case (without them, all the
   * submitted data, Camunda's default). zeebe:taskHeaders are shown on the task page. All three are
   * written only when the diagram says them.
   */
  inputs: z.array(ioMappingSchema).optional(),
  outputs: z.array(ioMappingSchema).optional(),
  headers: headersSchema.optional(),
});
export const serviceTaskSchema = z.object({
  ...base,
  type: z.literal('serviceTask'),
  taskType: z.string().min(1),
  retries: z.number().int().min(0).optional(),
  inputs: z.array(ioMappingSchema),
  outputs: z.array(ioMappingSchema),
  /**
   * A type no activity of Shouwen implements: the job runs on a team's own worker (any Temporal SDK)
   * as an activity named by the type, on `taskQueue` (shouwen:jobTaskQueue) or the deployment's job
   * queue. Decided at compile time and pinned with the model, so a type Shouwen ships later never
   * moves a running case's job. These three are written only for such tasks or when headers exist.
   */
  external: z.literal(true).optional(),
  taskQueue: z.string().min(1).optional(),
  headers: headersSchema.optional(),
});
/** A DMN decision evaluated by the engine (zeebe:calledDecision); its result lands in `resultVariable`. */
export const businessRuleTaskSchema = z.object({
  ...base,
  type: z.literal('businessRuleTask'),
  decisionId: z.string().min(1),
  resultVariable: z.string().min(1),
  /**
   * zeebe:bindingType="latest": the newest deployed version at evaluation. Absent: the version
   * that was deployed when the case started, so a rule change never alters a running case.
   */
  bindingLatest: z.literal(true).optional(),
});
export const scriptTaskSchema = z.object({
  ...base,
  type: z.literal('scriptTask'),
  expression: feel,
  resultVariable: z.string().min(1),
});
export const gatewaySchema = z.object({
  ...base,
  type: z.enum(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway']),
  defaultFlow: z.string().optional(),
});
/** An event-based gateway: its outgoing flows lead to timer / message catch events, the first to fire wins. */
export const eventGatewaySchema = z.object({
  ...base,
  type: z.literal('eventBasedGateway'),
});
/** A none intermediate throw event: a milestone on the case's timeline. */
export const milestoneSchema = z.object({
  ...base,
  type: z.literal('intermediateThrowEvent'),
  /** A message or signal throw event publishes instead (no milestone). */
  throw: throwSchema.optional(),
});
/**
 * What a message catch event accepts, beside its name. Both are written only when the diagram says
 * them, so diagrams without them keep their model hash. The API enforces them before the message
 * reaches the case (server/services/case-service.ts); the interpreter applies `outputs`.
 */
const messageCatch = {
  /**
   * zeebe:ioMapping outputs: each copies one message variable (`source`, a plain name) into a case
   * variable. They are also the message's declaration: a variable not named here is refused, and a
   * catch event without outputs accepts none.
   */
  outputs: z.array(ioMappingSchema).optional(),
  /** shouwen:candidateGroups — roles whose holders may register this message (as for a user task). */
  senderGroups: z.array(z.string().min(1)).optional(),
  senderScope: z.literal('ancestors').optional(),
};

/**
 * What starts a start event beside its name, written only when the diagram says it (so other
 * diagrams keep their model hash). At process level: a message or a signal (POST /api/messages, a
 * throw event). In an event sub-process (subProcess triggeredByEvent): a timer, a message or an
 * error while its enclosing scope runs, `interrupting: false` running beside that scope. A
 * process-level timer start event is `timer` (a Temporal Schedule), not a trigger.
 */
const startTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('timer'), timer: timerDefinitionSchema, cycle: z.object({ repetitions: z.number().int().positive().optional() }).optional() }),
  z.object({ kind: z.literal('message'), messageName: z.string().min(1), correlationKey: feel.optional() }),
  signalTrigger,
  z.object({ kind: z.literal('error'), errorCode: z.string().optional() }),
]);
/** `outputs` / `senderGroups` / `senderScope` mean on a message start event what they mean on a message catch event. */
export const startEventSchema = z.object({
  ...base,
  ...messageCatch,
  type: z.literal('startEvent'),
  timer: startTimerSchema.optional(),
  trigger: startTrigger.optional(),
  interrupting: z.boolean().optional(),
  /**
   * zeebe:formDefinition on the none start event: the form the 新建 dialog shows (its data,
   * validated by the API, becomes the start variables). On the none start event `outputs` are
   * applied to the start variables before the first step. Written only when the diagram says them.
   */
  formId: z.string().optional(),
  /**
   * shouwen:manualStart="false" on the none start event: the system starts these cases (a route,
   * beside a schedule), so 新建 does not offer the process and POST /api/cases refuses it.
   */
  manualStart: z.literal(false).optional(),
});
export const intermediateCatchEventSchema = z.object({
  ...base,
  ...messageCatch,
  type: z.literal('intermediateCatchEvent'),
  trigger: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('timer'), timer: timerDefinitionSchema }),
    z.object({ kind: z.literal('message'), messageName: z.string().min(1), correlationKey: feel.optional() }),
    signalTrigger,
  ]),
});
export const boundaryEventSchema = z.object({
  ...base,
  ...messageCatch,
  type: z.literal('boundaryEvent'),
  attachedTo: z.string().min(1),
  cancelActivity: z.boolean(),
  trigger: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('timer'),
      timer: timerDefinitionSchema,
      /**
       * A time cycle (`R3/PT4H`, `R/P1D`, cron) on a non-interrupting boundary event: fires every `timer`
       * while the host runs, `repetitions` times (absent: until the host ends). Written only for a
       * time cycle, so other diagrams keep their model hash.
       */
      cycle: z.object({ repetitions: z.number().int().positive().optional() }).optional(),
    }),
    z.object({ kind: z.literal('error'), errorCode: z.string().optional() }),
    z.object({ kind: z.literal('message'), messageName: z.string().min(1), correlationKey: feel.optional() }),
    signalTrigger,
  ]),
});
export const subProcessSchema = z.object({
  ...base,
  type: z.literal('subProcess'),
  startEventId: z.string().min(1),
  /** An event sub-process: no flows in or out; its start event's trigger starts it (behaviours/event-sub-processes.ts). Written only for those. */
  triggeredByEvent: z.literal(true).optional(),
});
export const callActivitySchema = z.object({
  ...base,
  type: z.literal('callActivity'),
  /** Key (BPMN process id) of the deployed process the child case runs, latest version. */
  processKey: z.string().min(1),
  inputs: z.array(ioMappingSchema),
  outputs: z.array(ioMappingSchema),
  /** Without output mappings, the child's variables are copied back (Camunda's default). */
  propagateAllChildVariables: z.boolean(),
});

export const elementSchema = z.discriminatedUnion('type', [
  startEventSchema,
  endEventSchema,
  userTaskSchema,
  serviceTaskSchema,
  businessRuleTaskSchema,
  scriptTaskSchema,
  gatewaySchema,
  eventGatewaySchema,
  milestoneSchema,
  intermediateCatchEventSchema,
  boundaryEventSchema,
  subProcessSchema,
  callActivitySchema,
]);
export type ProcessElement = z.infer<typeof elementSchema>;
export type UserTaskElement = z.infer<typeof userTaskSchema>;
export type CandidateScope = 'unit' | 'ancestors';
export type ServiceTaskElement = z.infer<typeof serviceTaskSchema>;
export type BusinessRuleTaskElement = z.infer<typeof businessRuleTaskSchema>;
export type BoundaryEventElement = z.infer<typeof boundaryEventSchema>;
export type StartEventElement = z.infer<typeof startEventSchema>;
export type SubProcessElement = z.infer<typeof subProcessSchema>;
export type IntermediateCatchEventElement = z.infer<typeof intermediateCatchEventSchema>;
export type CallActivityElement = z.infer<typeof callActivitySchema>;
export type ElementType = ProcessElement['type'];

/** The timer start events of a process (its schedules), in id order. */
export const timerStarts = (model: Pick<ProcessModel, 'elements'>): Array<StartEventElement & { timer: StartTimer }> =>
  Object.values(model.elements ?? {})
    .filter((e): e is StartEventElement & { timer: StartTimer } => e.type === 'startEvent' && e.parentId === undefined && e.timer !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));

/** Whether a person may start a case (新建): the process has a none start event not kept for the system. */
export const startsByHand = (model: Pick<ProcessModel, 'elements' | 'startEventId'>): boolean => {
  const start = model.elements[model.startEventId];
  return start?.type === 'startEvent' && start.timer === undefined && start.trigger === undefined && start.manualStart !== false;
};

export const sequenceFlowSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  source: z.string().min(1),
  target: z.string().min(1),
  condition: feel.optional(),
});
export type SequenceFlow = z.infer<typeof sequenceFlowSchema>;

export const MODEL_SCHEMA_VERSION = 1;

export const processModelSchema = z.object({
  schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
  /** The BPMN process id; cases are `<key>/<businessKey>`. */
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/),
  name: z.string(),
  /**
   * The process-level none start event; when there is none, the first timer start event, else a
   * message or signal start event (then nobody may start a case by hand: see `startsByHand`).
   */
  startEventId: z.string().min(1),
  elements: z.record(z.string(), elementSchema),
  flows: z.record(z.string(), sequenceFlowSchema),
  /** sha256 of the canonical JSON of everything above; identical content ⇒ identical hash. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ProcessModel = z.infer<typeof processModelSchema>;

/** A problem found while compiling, in the words a process owner reads. */
export const modelProblemSchema = z.object({
  /** The element's id in the file: for the editors to select it, never shown to people (they read `elementName`). */
  elementId: z.string(),
  elementType: z.string(),
  /** The element's name as the owner drew it (「客服经理审批」), when it has one; the words name the element by it. */
  elementName: z.string().optional(),
  message: z.string(),
  /** Stable kind for those the console words itself (e.g. `loop.noWaitState`). */
  code: z.string().optional(),
  /** What the code names (a form id, a flow), for the console to fill into its own wording. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Every element concerned, in order, when it is more than `elementId` (a loop's path). */
  elementIds: z.array(z.string()).optional(),
  /** The same elements as the words name them (by name, else by kind; never by id): a loop's path. */
  pathElements: z.array(z.object({ elementId: z.string(), elementType: z.string(), elementName: z.string().optional() })).optional(),
});
export type ModelProblem = z.infer<typeof modelProblemSchema>;
