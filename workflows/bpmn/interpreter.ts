import { condition, log, workflowInfo } from '@temporalio/workflow';
import { nextPass } from './projection-queue';
import type { BoundaryEventElement, ProcessElement } from '../../bpmn/model';
import { withBoundaries } from './behaviours/boundary-events';
import { raceEvents } from './behaviours/event-gateway';
import { armEventSubProcesses } from './behaviours/event-sub-processes';
import { engineActivities } from './activity-options';
import { runCallActivity, startSubProcess } from './behaviours/call-activities';
import { receive, timerMs } from './behaviours/catch-events';
import { quiescent, reenter, snapshot } from './behaviours/continuation';
import { chooseExclusive, chooseInclusive, joinInclusive, joinParallel } from './behaviours/gateways';
import { incidentMessage, incidentsEnabled, waitForOperator } from './behaviours/incidents';
import { applyStartOutputs } from './behaviours/io-mapping';
import { runMultiInstanceTask } from './behaviours/multi-instance';
import { runBusinessRuleTask, runServiceTask } from './behaviours/service-tasks';
import { runUserTask } from './behaviours/user-tasks';
import { timerSleep } from './behaviours/sandbox-timers';
import { publishThrow } from './behaviours/throw-events';
import { isSignalMailboxName } from '../../bpmn/mailbox';
import { BpmnError, ProcessIncident } from './errors';
import { evalFeel, FeelEvaluationError } from '../../bpmn/feel-eval';
import type { BpmnProcessInput, BpmnProcessResult, CaseStateView, OpenIncidentView, ParkedWait, ResolveIncidentInput, ResumeSnapshot } from './messages';
import { reachability } from './reachability';
import { BOUNDED_NESTING_PATCH, isPatched, SLOW_PATTERNS_PATCH } from './patch-level';
import { undoableMigration, type PendingMigration } from './behaviours/migration';
import { ScopeRun, TokenRegistry, type FirstStep } from './scope-run';
import { TaskBook, type TaskState } from './task-book';

// The token-based BPMN interpreter. Each token is an async path through the model; parallel
// paths are concurrent promises (deterministic under Temporal's scheduler). Hosts with
// boundary events run in their own cancellation scope so an interrupting event can stop them.
//
// This class keeps the token loop and the case's state; what each kind of element does
// lives in behaviours/, one concern per file. Those are plain functions of the interpreter,
// called exactly where the methods they were used to be were: the order in which parallel
// tokens issue commands depends on how many awaits each path takes, so a refactor here must
// not add or remove an async hop (recorded histories in test/replay must still replay).

export type Flows = string[] | 'absorbed';
/** Steps a token may take in a row without waiting (see countInstantStep). No shipped or sane diagram comes near it. */
export const MAX_STEPS_WITHOUT_WAIT = 1_000;
/** Elements where a token waits for the world (a person, an activity, a timer, a message, a child case). */
const WAIT_STATES: ReadonlySet<ProcessElement['type']> = new Set(['userTask', 'serviceTask', 'businessRuleTask', 'intermediateCatchEvent', 'eventBasedGateway', 'callActivity']);

export type HostElement = ProcessElement & { type: 'userTask' | 'serviceTask' | 'businessRuleTask' | 'subProcess' | 'callActivity' };

export class Interpreter {
  readonly caseId = workflowInfo().workflowId;
  readonly vars: Record<string, unknown>;
  readonly tasks: TaskBook;
  readonly tokens = new TokenRegistry();
  readonly completedCounts: Record<string, number> = {};
  readonly mailbox: Array<{ messageName: string; variables: Record<string, unknown> }> = [];
  /** How many catch events wait for each message name right now. */
  readonly waitingFor = new Map<string, number>();
  /** How many tokens wait at each message catch element (intermediate or boundary) right now. */
  readonly awaiting = new Map<string, number>();
  readonly occurrences = new Map<string, number>();
  readonly reach: Map<string, Set<string>>;
  readonly boundaries = new Map<string, BoundaryEventElement[]>();
  status: CaseStateView['status'] = 'running';
  /** Timer starts of event sub-processes waiting now; a snapshot cannot carry them (behaviours/continuation.ts). */
  armedEventTimers = 0;
  /** Tokens waiting somewhere a new run could resume them (see behaviours/continuation.ts). */
  readonly parked = new Map<number, ParkedWait>();
  /** Tokens stopped by an incident (behaviours/incidents.ts), by incident id. */
  readonly incidents = new Map<string, OpenIncidentView>();
  /** Resolutions received, by incident id; and those whose resolution is projected. */
  readonly incidentResolutions = new Map<string, ResolveIncidentInput>();
  readonly incidentsProjected = new Set<string>();
  incidentCount = 0;
  /** The last process-level end event a token reached. */
  lastEndEvent: { id: string; name: string | null } | undefined;
  /** Per token: steps taken since it last waited. */
  private readonly instantSteps = new Map<number, number>();
  root: ScopeRun | undefined;
  /** A move to another version accepted by the migrateCase Update, carried out at the next quiescent moment. */
  pendingMigration: PendingMigration | undefined;
  /** Message and signal subscriptions opened in PostgreSQL and not yet closed (behaviours/catch-events.ts). */
  openSubscriptions = 0;
  /** Sandbox runs only (behaviours/sandbox-timers.ts): timers waiting now, and those their owner fired. */
  readonly waitingTimers = new Map<string, number>();
  readonly firedTimers = new Set<string>();

  constructor(readonly input: BpmnProcessInput) {
    this.vars = { ...input.variables, ...(input.resume?.variables ?? {}) };
    if (input.resume) {
      for (const [k, v] of Object.entries(input.resume.occurrences)) this.occurrences.set(k, v);
      Object.assign(this.completedCounts, input.resume.completedCounts);
      this.mailbox.push(...input.resume.mailbox);
    }
    // Open tasks come back before the first await, so an Update arriving in this run's very
    // first activation finds its task.
    this.tasks = new TaskBook(this.caseId, input.initiatorId);
    for (const wait of input.resume?.tokens ?? []) if (wait.kind === 'task') this.tasks.add(wait.task as TaskState);
    this.reach = reachability(input.model);
    for (const el of Object.values(input.model.elements)) {
      if (el.type === 'boundaryEvent') this.boundaries.set(el.attachedTo, [...(this.boundaries.get(el.attachedTo) ?? []), el]);
    }
  }

  get model() {
    return this.input.model;
  }

  /** Runs the process to its end. */
  async run(): Promise<BpmnProcessResult['status']> {
    const root = new ScopeRun('root', this.tokens, this.runToken);
    this.root = root;
    const resume = this.input.resume;
    if (resume) {
      for (const [id, arrived] of Object.entries(resume.joins)) root.parallelJoins.set(id, { arrived, fired: 0 });
      for (const wait of resume.tokens) root.spawn(wait.elementId, (tokenId) => reenter(this, wait, root, tokenId));
    } else root.spawn(this.input.startAt ?? this.input.scheduledBy ?? this.model.startEventId);
    armEventSubProcesses(this, root, undefined);
    await root.done;
    // A terminate end event ends the process normally, as in Camunda.
    return 'completed';
  }

  /**
   * Resolves once the waits the case's end stopped have cleaned up (their message subscriptions
   * closed; their withdrawals are queued by then). A stopped wait cleans up in its own `finally`,
   * which may run after the end has begun. Bounded, so a wait that never cleans up (a bug) cannot
   * keep a finished case open: after 10 minutes the case ends anyway and the worker logs it.
   */
  async cleanedUp(): Promise<void> {
    // Every token ran to its end and nothing waits: nothing to clean up, and the end's write goes
    // out with the last step's (a completion and the end in one batch).
    if (this.status === 'completed' && this.openSubscriptions === 0 && this.incidents.size === 0 && this.tasks.open().length === 0) return;
    await nextPass();
    const clean = () => this.openSubscriptions === 0;
    if (!clean() && !(await condition(clean, '10 minutes'))) log.warn('case ended before its waits cleaned up', { caseId: this.caseId, openSubscriptions: this.openSubscriptions });
  }

  /** Messages arriving for this case; buffered until a catch event takes them. */
  deliver(messageName: string, variables: Record<string, unknown>): boolean {
    const waiting = (this.waitingFor.get(messageName) ?? 0) > 0;
    // A signal is for whoever waits at the moment it is broadcast; it is never kept for later.
    if (!waiting && isSignalMailboxName(messageName)) return false;
    this.mailbox.push({ messageName, variables });
    return waiting;
  }

  state(): CaseStateView {
    const tokens = [...this.tokens.positions.entries()].map(([id, p]) => ({ id, ...p }));
    return {
      status: this.status,
      processKey: this.model.key,
      processVersion: this.input.processVersion,
      activeElements: tokens.map((t) => t.elementId),
      tokens,
      completedCounts: { ...this.completedCounts },
      openTasks: this.tasks.open(),
      bufferedMessages: this.mailbox.map((m) => m.messageName),
      incidents: [...this.incidents.values()],
      awaitingMessages: [...this.awaiting.keys()],
      variables: { ...this.vars },
      quiescent: this.quiescent(),
      ...(undoableMigration(this) && { undoableMigration: undoableMigration(this) }),
      ...(this.input.sandbox && { waitingTimers: [...this.waitingTimers.keys()] }),
    };
  }

  /** True when every token is parked at process level and no Update is half-way: a snapshot is exact. */
  quiescent(): boolean {
    return quiescent(this);
  }

  snapshot(): ResumeSnapshot {
    return snapshot(this);
  }

  /** Counts this element's activations: the nth one names its tasks, keys and child cases. */
  occurrence(elementId: string): number {
    const n = (this.occurrences.get(elementId) ?? 0) + 1;
    this.occurrences.set(elementId, n);
    return n;
  }

  readonly runToken = async (tokenId: number, elementId: string, scope: ScopeRun, first?: FirstStep): Promise<void> => {
    let current = elementId;
    let resumed = first;
    for (;;) {
      this.tokens.move(tokenId, current);
      const el = this.model.elements[current];
      if (!el) throw new ProcessIncident(current, 'element missing from the model');
      let flows: Flows;
      try {
        this.countInstantStep(tokenId, el);
        flows = resumed ? await resumed(tokenId) : await this.execute(el, scope, tokenId);
      } catch (err) {
        const message = incidentMessage(err);
        if (message === null || !incidentsEnabled()) throw err;
        // Only this token waits; a retry runs the element again from the start.
        await waitForOperator(this, el, message);
        this.instantSteps.delete(tokenId);
        resumed = undefined;
        continue;
      }
      resumed = undefined;
      if (flows === 'absorbed') return;
      this.completedCounts[el.id] = (this.completedCounts[el.id] ?? 0) + 1;
      if (flows.length === 0) return;
      for (const f of flows.slice(1)) scope.spawn(this.target(f));
      current = this.target(flows[0]!);
    }
  };

  /**
   * A token that keeps moving without ever waiting (a script task and a gateway looping on
   * each other) would hold the worker in one workflow task until it runs out of memory and
   * takes every other case with it. Past MAX_STEPS_WITHOUT_WAIT such steps the token becomes
   * an incident of its own case instead.
   */
  private countInstantStep(tokenId: number, el: ProcessElement): void {
    if (WAIT_STATES.has(el.type)) {
      this.instantSteps.delete(tokenId);
      return;
    }
    const n = (this.instantSteps.get(tokenId) ?? 0) + 1;
    if (n > MAX_STEPS_WITHOUT_WAIT) {
      throw new ProcessIncident(el.id, `more than ${MAX_STEPS_WITHOUT_WAIT} steps without reaching a user task, service task, timer or message: a loop with no wait state`);
    }
    this.instantSteps.set(tokenId, n);
  }

  target(flowId: string): string {
    const flow = this.model.flows[flowId];
    if (!flow) throw new ProcessIncident(flowId, 'sequence flow missing from the model');
    return flow.target;
  }

  private async execute(el: ProcessElement, scope: ScopeRun, tokenId: number): Promise<Flows> {
    switch (el.type) {
      case 'startEvent':
        applyStartOutputs(this, el);
        return el.outgoing;
      case 'boundaryEvent':
        return el.outgoing;
      case 'endEvent':
        if (el.throw) await publishThrow(this, el, el.throw);
        // How the case ended (已驳回, 不属实 …) is the name of the last process-level end event reached.
        if (scope === this.root) this.lastEndEvent = { id: el.id, name: el.name || null };
        if (el.kind === 'terminate') scope.terminate();
        if (el.kind === 'error') throw new BpmnError(el.errorCode, el.id);
        return [];
      case 'scriptTask':
        this.vars[el.resultVariable] = this.feel(el.id, el.expression);
        return el.outgoing;
      case 'exclusiveGateway':
        return el.outgoing.length <= 1 ? el.outgoing : [chooseExclusive(this, el.id, el.outgoing, el.defaultFlow)];
      case 'parallelGateway':
        if (el.incoming.length > 1 && !(await joinParallel(this, el.id, el.incoming.length, scope, tokenId))) return 'absorbed';
        return el.outgoing;
      case 'eventBasedGateway':
        return raceEvents(this, el);
      case 'intermediateThrowEvent':
        if (el.throw) {
          await publishThrow(this, el, el.throw);
          return el.outgoing;
        }
        // A milestone: written on the timeline, then on.
        await engineActivities.projectCaseMilestone({
          caseId: this.caseId,
          key: `${el.id}/${this.occurrence(el.id)}`,
          kind: 'milestone',
          payload: { elementId: el.id, ...(el.name && { name: el.name }) },
          at: new Date().toISOString(),
        });
        return el.outgoing;
      case 'inclusiveGateway':
        if (el.incoming.length > 1 && !(await joinInclusive(this, el.id, scope, tokenId))) return 'absorbed';
        return el.outgoing.length <= 1 ? el.outgoing : chooseInclusive(this, el.id, el.outgoing, el.defaultFlow);
      case 'intermediateCatchEvent':
        if (el.trigger.kind === 'timer') {
          const ms = await timerMs(this, el.id, el.trigger.timer);
          await this.parkWhile(tokenId, { kind: 'timer', elementId: el.id, fireAt: Date.now() + ms }, () => timerSleep(this, el.id, ms));
        } else {
          const trigger = el.trigger;
          await this.parkWhile(tokenId, { kind: 'message', elementId: el.id }, () => receive(this, { ...el, trigger }));
        }
        return el.outgoing;
      case 'userTask':
        if (!el.multiInstance && !this.boundaries.has(el.id)) {
          await runUserTask(this, el, tokenId);
          return el.outgoing;
        }
        return withBoundaries(this, el, scope);
      case 'serviceTask':
      case 'businessRuleTask':
      case 'subProcess':
      case 'callActivity':
        return withBoundaries(this, el, scope);
    }
  }

  /** Runs an activity that boundary events may be attached to (see behaviours/boundary-events.ts). */
  async runHost(el: HostElement): Promise<string[]> {
    switch (el.type) {
      case 'userTask':
        await (el.multiInstance ? runMultiInstanceTask(this, el) : runUserTask(this, el));
        break;
      case 'serviceTask':
        await runServiceTask(this, el);
        break;
      case 'businessRuleTask':
        await runBusinessRuleTask(this, el);
        break;
      case 'subProcess':
        await startSubProcess(this, el);
        break;
      case 'callActivity':
        await runCallActivity(this, el);
        break;
    }
    return el.outgoing;
  }

  /** A FEEL expression over the case's variables; a failure is an incident at `elementId`. */
  feel(elementId: string, expression: string, local: Record<string, unknown> = {}): unknown {
    try {
      // Asked only where a pattern would be refused as slow on its text, or where one refused before is run now: a case that met
      // one before either change replays.
      return evalFeel(expression, { ...this.vars, ...local }, { refuseSlowPattern: () => isPatched(SLOW_PATTERNS_PATCH), allowBoundedNesting: () => isPatched(BOUNDED_NESTING_PATCH) });
    } catch (err) {
      if (err instanceof FeelEvaluationError) throw new ProcessIncident(elementId, err.message);
      throw err;
    }
  }

  /** A sequence flow's condition; one that fails to evaluate is an incident naming the flow. */
  condition(flowId: string): boolean {
    const expr = this.model.flows[flowId]?.condition;
    if (!expr) return true;
    return this.feel(flowId, expr) === true;
  }

  /** Records where a token waits while `fn` runs, so continue-as-new can resume it there. */
  async parkWhile<T>(tokenId: number, wait: ParkedWait, fn: () => Promise<T>): Promise<T> {
    this.parked.set(tokenId, wait);
    try {
      return await fn();
    } finally {
      this.parked.delete(tokenId);
    }
  }
}
