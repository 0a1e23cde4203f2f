import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  executeChild,
  isCancellation,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ServiceTaskFn } from '../../activities/service-tasks';
import { parseIsoDateTime, parseIsoDuration } from '../../bpmn/duration';
import type { BoundaryEventElement, CallActivityElement, IoMapping, ProcessElement, ServiceTaskElement, TimerDefinition, UserTaskElement } from '../../bpmn/model';
import { BusinessKey, CaseStatus, ProcessKey, ProcessVersion } from '../search-attributes';
import { evalFeel, FeelEvaluationError, feelIsTrue } from './feel';
import type { BpmnProcessInput, BpmnProcessResult, CaseStateView, ParkedWait, ResumeSnapshot } from './messages';
import { reachability } from './reachability';
import { ScopeRun, TokenRegistry, type FirstStep } from './scope-run';
import { TaskBook, type TaskState } from './task-book';

// The token-based BPMN interpreter. Each token is an async path through the model; parallel
// paths are concurrent promises (deterministic under Temporal's scheduler). Hosts with
// boundary events run in their own cancellation scope so an interrupting event can stop them.

/** A BPMN error thrown by an error end event or a service task; caught by error boundaries. */
export class BpmnError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly elementId: string,
  ) {
    super(`BPMN error ${code ?? '(no code)'} thrown at ${elementId}`);
    this.name = 'BpmnError';
  }
}

/** A modelling or data problem the case cannot get past (Zeebe would call it an incident). */
export class ProcessIncident extends Error {
  constructor(
    readonly elementId: string,
    message: string,
  ) {
    super(`${elementId}: ${message}`);
    this.name = 'ProcessIncident';
  }
}

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

type Flows = string[] | 'absorbed';

export class Interpreter {
  readonly caseId = workflowInfo().workflowId;
  readonly vars: Record<string, unknown>;
  readonly tasks: TaskBook;
  readonly tokens = new TokenRegistry();
  readonly completedCounts: Record<string, number> = {};
  readonly mailbox: Array<{ messageName: string; variables: Record<string, unknown> }> = [];
  private readonly waitingFor = new Map<string, number>();
  private readonly occurrences = new Map<string, number>();
  private readonly reach: Map<string, Set<string>>;
  private readonly boundaries = new Map<string, BoundaryEventElement[]>();
  status: CaseStateView['status'] = 'running';
  /** Tokens waiting somewhere a new run could resume them (see continuation.ts). */
  readonly parked = new Map<number, ParkedWait>();
  private root: ScopeRun | undefined;

  constructor(private readonly input: BpmnProcessInput) {
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
      for (const wait of resume.tokens) root.spawn(wait.elementId, (tokenId) => this.reenter(wait, root, tokenId));
    } else root.spawn(this.model.startEventId);
    await root.done;
    // A terminate end event ends the process normally, as in Camunda.
    return 'completed';
  }

  /** Messages arriving for this case; buffered until a catch event takes them. */
  deliver(messageName: string, variables: Record<string, unknown>): boolean {
    this.mailbox.push({ messageName, variables });
    return (this.waitingFor.get(messageName) ?? 0) > 0;
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
      variables: { ...this.vars },
    };
  }

  private occurrence(elementId: string): number {
    const n = (this.occurrences.get(elementId) ?? 0) + 1;
    this.occurrences.set(elementId, n);
    return n;
  }

  private readonly runToken = async (tokenId: number, elementId: string, scope: ScopeRun, first?: FirstStep): Promise<void> => {
    let current = elementId;
    let resumed = first;
    for (;;) {
      this.tokens.move(tokenId, current);
      const el = this.model.elements[current];
      if (!el) throw new ProcessIncident(current, 'element missing from the model');
      const flows = resumed ? await resumed(tokenId) : await this.execute(el, scope, tokenId);
      resumed = undefined;
      if (flows === 'absorbed') return;
      this.completedCounts[el.id] = (this.completedCounts[el.id] ?? 0) + 1;
      if (flows.length === 0) return;
      for (const f of flows.slice(1)) scope.spawn(this.target(f));
      current = this.target(flows[0]!);
    }
  };

  private target(flowId: string): string {
    const flow = this.model.flows[flowId];
    if (!flow) throw new ProcessIncident(flowId, 'sequence flow missing from the model');
    return flow.target;
  }

  private async execute(el: ProcessElement, scope: ScopeRun, tokenId: number): Promise<Flows> {
    switch (el.type) {
      case 'startEvent':
      case 'boundaryEvent':
        return el.outgoing;
      case 'endEvent':
        if (el.kind === 'terminate') scope.terminate();
        if (el.kind === 'error') throw new BpmnError(el.errorCode, el.id);
        return [];
      case 'scriptTask':
        this.vars[el.resultVariable] = this.feel(el.id, el.expression);
        return el.outgoing;
      case 'exclusiveGateway':
        return el.outgoing.length <= 1 ? el.outgoing : [this.chooseExclusive(el.id, el.outgoing, el.defaultFlow)];
      case 'parallelGateway':
        if (el.incoming.length > 1 && !(await this.joinParallel(el.id, el.incoming.length, scope, tokenId))) return 'absorbed';
        return el.outgoing;
      case 'inclusiveGateway':
        if (el.incoming.length > 1 && !(await this.joinInclusive(el.id, scope, tokenId))) return 'absorbed';
        return el.outgoing.length <= 1 ? el.outgoing : this.chooseInclusive(el.id, el.outgoing, el.defaultFlow);
      case 'intermediateCatchEvent':
        if (el.trigger.kind === 'timer') {
          const ms = await this.timerMs(el.id, el.trigger.timer);
          await this.parkWhile(tokenId, { kind: 'timer', elementId: el.id, fireAt: Date.now() + ms }, () => sleep(ms));
        } else await this.parkWhile(tokenId, { kind: 'message', elementId: el.id }, () => this.receive(el.trigger.kind === 'message' ? el.trigger.messageName : ''));
        return el.outgoing;
      case 'userTask':
        if (!el.multiInstance && !this.boundaries.has(el.id)) {
          await this.runUserTask(el, tokenId);
          return el.outgoing;
        }
        return this.withBoundaries(el, scope);
      case 'serviceTask':
      case 'subProcess':
      case 'callActivity':
        return this.withBoundaries(el, scope);
    }
  }

  private feel(elementId: string, expression: string, local: Record<string, unknown> = {}): unknown {
    try {
      return evalFeel(expression, { ...this.vars, ...local });
    } catch (err) {
      if (err instanceof FeelEvaluationError) throw new ProcessIncident(elementId, err.message);
      throw err;
    }
  }

  private condition(flowId: string): boolean {
    const expr = this.model.flows[flowId]?.condition;
    if (!expr) return true;
    return this.feel(flowId, expr) === true;
  }

  private chooseExclusive(id: string, outgoing: string[], defaultFlow: string | undefined): string {
    const chosen = outgoing.find((f) => f !== defaultFlow && this.model.flows[f]?.condition !== undefined && feelIsTrue(this.model.flows[f]!.condition!, this.vars));
    if (chosen) return chosen;
    if (defaultFlow) return defaultFlow;
    throw new ProcessIncident(id, 'no outgoing condition is true and the gateway has no default flow');
  }

  private chooseInclusive(id: string, outgoing: string[], defaultFlow: string | undefined): string[] {
    const chosen = outgoing.filter((f) => f !== defaultFlow && this.condition(f));
    if (chosen.length) return chosen;
    if (defaultFlow) return [defaultFlow];
    throw new ProcessIncident(id, 'no outgoing condition is true and the gateway has no default flow');
  }

  /** AND-join: earlier tokens wait at the gateway (visible there) until the last one arrives. */
  private async joinParallel(id: string, expected: number, scope: ScopeRun, tokenId: number): Promise<boolean> {
    const j = this.joinState(id, scope);
    j.arrived += 1;
    if (j.arrived < expected) {
      await this.waitAtJoin(id, scope, tokenId);
      return false;
    }
    j.arrived = 0;
    j.fired += 1;
    return true;
  }

  private joinState(id: string, scope: ScopeRun) {
    let join = scope.parallelJoins.get(id);
    if (!join) {
      join = { arrived: 0, fired: 0 };
      scope.parallelJoins.set(id, join);
    }
    return join;
  }

  private async waitAtJoin(id: string, scope: ScopeRun, tokenId: number): Promise<void> {
    const j = this.joinState(id, scope);
    const generation = j.fired;
    await this.parkWhile(tokenId, { kind: 'join', elementId: id }, () => condition(() => j.fired !== generation));
  }

  private async parkWhile<T>(tokenId: number, wait: ParkedWait, fn: () => Promise<T>): Promise<T> {
    this.parked.set(tokenId, wait);
    try {
      return await fn();
    } finally {
      this.parked.delete(tokenId);
    }
  }

  /** A resumed token going back into the wait it was parked in by the previous run. */
  private async reenter(wait: ParkedWait, root: ScopeRun, tokenId: number): Promise<string[] | 'absorbed'> {
    const el = this.model.elements[wait.elementId]!;
    switch (wait.kind) {
      case 'task':
        await this.runUserTask(el as UserTaskElement, tokenId, wait.task as TaskState);
        return el.outgoing;
      case 'timer':
        await this.parkWhile(tokenId, wait, () => sleep(Math.max(0, wait.fireAt - Date.now())));
        return el.outgoing;
      case 'message':
        await this.parkWhile(tokenId, wait, () => this.receive((el as { trigger: { messageName: string } }).trigger.messageName));
        return el.outgoing;
      case 'join':
        await this.waitAtJoin(wait.elementId, root, tokenId);
        return 'absorbed';
    }
  }

  /** True when every token is parked at process level and no Update is half-way: a snapshot is exact. */
  quiescent(): boolean {
    if (!this.root || this.root.inclusiveGroups.size > 0) return false;
    for (const [id, pos] of this.tokens.positions) if (pos.scopeId !== 'root' || !this.parked.has(id)) return false;
    return [...this.tasks.tasks.values()].every((t) => t.status === 'open' && !t.completion);
  }

  snapshot(): ResumeSnapshot {
    return {
      runs: (this.input.resume?.runs ?? 0) + 1,
      variables: { ...this.vars },
      occurrences: Object.fromEntries(this.occurrences),
      completedCounts: { ...this.completedCounts },
      mailbox: [...this.mailbox],
      tokens: [...this.tokens.positions.keys()].map((id) => this.parked.get(id)!),
      joins: Object.fromEntries([...this.root!.parallelJoins].filter(([, j]) => j.arrived > 0).map(([id, j]) => [id, j.arrived])),
    };
  }

  /** OR-join: waits while any other token of the scope could still reach this gateway. */
  private async joinInclusive(id: string, scope: ScopeRun, tokenId: number): Promise<boolean> {
    let group = scope.inclusiveGroups.get(id);
    if (!group) {
      group = { tokens: [], fired: false };
      scope.inclusiveGroups.set(id, group);
    }
    const g = group;
    g.tokens.push(tokenId);
    await condition(() => g.fired || !this.upstreamTokenExists(id, scope.id, g.tokens));
    if (g.fired) return false;
    g.fired = true;
    scope.inclusiveGroups.delete(id);
    return true;
  }

  private upstreamTokenExists(joinId: string, scopeId: string, waiting: number[]): boolean {
    for (const [id, pos] of this.tokens.positions) {
      if (pos.scopeId !== scopeId || waiting.includes(id)) continue;
      if (this.reach.get(pos.elementId)?.has(joinId)) return true;
    }
    return false;
  }

  private async timerMs(elementId: string, timer: TimerDefinition): Promise<number> {
    if (timer.kind === 'workingDays') {
      const due = await acts.addWorkingDays({ from: new Date().toISOString(), days: timer.days });
      return Math.max(0, Date.parse(due) - Date.now());
    }
    const text = timer.iso ?? String(this.feel(elementId, timer.expression ?? 'null'));
    const ms = timer.kind === 'duration' ? parseIsoDuration(text) : (parseIsoDateTime(text) ?? NaN) - Date.now();
    if (ms === undefined || Number.isNaN(ms)) throw new ProcessIncident(elementId, `timer value "${text}" is not a valid ISO 8601 ${timer.kind}`);
    return Math.max(0, ms);
  }

  private async receive(messageName: string): Promise<void> {
    this.waitingFor.set(messageName, (this.waitingFor.get(messageName) ?? 0) + 1);
    try {
      await condition(() => this.mailbox.some((m) => m.messageName === messageName));
    } finally {
      this.waitingFor.set(messageName, (this.waitingFor.get(messageName) ?? 1) - 1);
    }
    const i = this.mailbox.findIndex((m) => m.messageName === messageName);
    const [message] = this.mailbox.splice(i, 1);
    Object.assign(this.vars, message!.variables);
  }

  /** Runs a host activity raced against its boundary events. */
  private async withBoundaries(el: ProcessElement & { type: 'userTask' | 'serviceTask' | 'subProcess' | 'callActivity' }, scope: ScopeRun): Promise<Flows> {
    const attached = this.boundaries.get(el.id) ?? [];
    const watched = attached.filter((b) => b.trigger.kind !== 'error');
    if (attached.length === 0) return this.runHost(el);

    const host = new CancellationScope();
    const watchers = new CancellationScope();
    let interruptedBy: BoundaryEventElement | undefined;
    for (const b of watched) {
      watchers
        .run(async () => {
          if (b.trigger.kind === 'timer') await sleep(await this.timerMs(b.id, b.trigger.timer));
          else if (b.trigger.kind === 'message') await this.receive(b.trigger.messageName);
          if (b.cancelActivity) {
            if (!interruptedBy) {
              interruptedBy = b;
              host.cancel();
            }
          } else {
            this.completedCounts[b.id] = (this.completedCounts[b.id] ?? 0) + 1;
            for (const f of b.outgoing) scope.spawn(this.target(f));
          }
        })
        .catch((err: unknown) => {
          if (!isCancellation(err)) throw err;
        });
    }
    try {
      const flows = await host.run(() => this.runHost(el));
      watchers.cancel();
      return flows;
    } catch (err) {
      watchers.cancel();
      if (interruptedBy && isCancellation(err)) return this.leaveVia(interruptedBy);
      const code = bpmnErrorCode(err);
      if (code !== null) {
        const catcher = attached.find((b) => b.trigger.kind === 'error' && (b.trigger.errorCode === undefined || b.trigger.errorCode === code.code));
        if (catcher) return this.leaveVia(catcher);
      }
      throw err;
    }
  }

  private leaveVia(boundary: BoundaryEventElement): string[] {
    this.completedCounts[boundary.id] = (this.completedCounts[boundary.id] ?? 0) + 1;
    return boundary.outgoing;
  }

  private async runHost(el: ProcessElement & { type: 'userTask' | 'serviceTask' | 'subProcess' | 'callActivity' }): Promise<string[]> {
    switch (el.type) {
      case 'userTask':
        await (el.multiInstance ? this.runMultiInstanceTask(el) : this.runUserTask(el));
        break;
      case 'serviceTask':
        await this.runServiceTask(el);
        break;
      case 'subProcess': {
        const sub = new ScopeRun(`${el.id}#${this.occurrence(el.id)}`, this.tokens, this.runToken);
        sub.spawn(el.startEventId);
        await sub.done;
        break;
      }
      case 'callActivity':
        await this.runCallActivity(el);
        break;
    }
    return el.outgoing;
  }

  private async openTask(el: UserTaskElement, taskId: string, local: Record<string, unknown>): Promise<TaskState> {
    const assignee = el.assignee ? this.feel(el.id, el.assignee, local) : null;
    const createdAt = new Date().toISOString();
    let dueAt: string | null = null;
    if (el.due) dueAt = new Date(Date.now() + (await this.timerMs(el.id, el.due))).toISOString();
    const task: TaskState = {
      taskId,
      elementId: el.id,
      name: el.name ?? el.id,
      unitId: this.input.unitId,
      assigneeId: typeof assignee === 'string' && assignee ? assignee : null,
      candidateGroups: el.candidateGroups,
      candidateUsers: el.candidateUsers,
      formId: el.formId ?? null,
      outcomes: el.outcomes,
      dueAt,
      status: 'open',
      separationOfDuties: el.separationOfDuties,
      ...(el.formId && this.input.forms[el.formId] ? { form: this.input.forms[el.formId] } : {}),
    };
    this.tasks.add(task);
    await acts.projectTaskOpened({
      caseId: this.caseId,
      taskId,
      elementId: el.id,
      name: task.name,
      unitId: task.unitId,
      candidateRoles: task.candidateGroups,
      // Only when the diagram widens it, so the activity input (and recorded histories) of
      // every other task stay exactly as they were.
      ...(el.candidateScope && { candidateScope: el.candidateScope }),
      candidateUsers: task.candidateUsers,
      assigneeId: task.assigneeId,
      formId: task.formId,
      outcomes: task.outcomes,
      separationOfDuties: task.separationOfDuties,
      dueAt,
      createdAt,
    });
    return task;
  }

  /** Waits for a task; past its due time it escalates one level up the org tree (首问责任制). */
  private async awaitTask(task: TaskState): Promise<NonNullable<TaskState['completion']>> {
    try {
      if (task.dueAt && !task.escalated) {
        const inTime = await condition(() => this.tasks.isDone(task.taskId), Math.max(1, Date.parse(task.dueAt) - Date.now()));
        if (!inTime) {
          task.unitId = await acts.projectTaskEscalated({ caseId: this.caseId, taskId: task.taskId, fromUnitId: task.unitId, at: new Date().toISOString() });
          task.assigneeId = null;
          task.escalated = true;
        }
      }
      return await this.tasks.completion(task.taskId);
    } catch (err) {
      if (isCancellation(err)) await CancellationScope.nonCancellable(() => this.tasks.withdraw(task.taskId, 'interrupted'));
      throw err;
    }
  }

  /** A single user task; `resumed` is the open task carried over from the previous run. */
  private async runUserTask(el: UserTaskElement, tokenId?: number, resumed?: TaskState): Promise<void> {
    let task: TaskState;
    if (resumed) task = this.tasks.tasks.get(resumed.taskId) ?? resumed;
    else task = await this.openTask(el, `${this.caseId}/${el.id}/${this.occurrence(el.id)}`, {});
    const wait = () => this.awaitTask(task);
    const done = tokenId === undefined ? await wait() : await this.parkWhile(tokenId, { kind: 'task', elementId: el.id, task }, wait);
    this.tasks.forget(task.taskId);
    Object.assign(this.vars, done.data, { outcome: done.outcome });
  }

  /** Parallel multi-instance: one task per item; done when the completion rule is met. */
  private async runMultiInstanceTask(el: UserTaskElement): Promise<void> {
    const mi = el.multiInstance!;
    const items = this.feel(el.id, mi.inputCollection);
    if (!Array.isArray(items)) throw new ProcessIncident(el.id, `inputCollection "${mi.inputCollection}" is not a list`);
    if (items.length === 0) return;
    const n = this.occurrence(el.id);
    const needed = mi.completion.kind === 'all' ? items.length : mi.completion.kind === 'any' ? 1 : Math.min(mi.completion.count, items.length);
    const opened = await Promise.all(
      items.map((item, i) => this.openTask(el, `${this.caseId}/${el.id}/${n}.${i + 1}`, { ...(mi.inputElement ? { [mi.inputElement]: item } : {}), loopCounter: i + 1 })),
    );
    const results: Array<NonNullable<TaskState['completion']>> = [];
    const waits = opened.map((t) => this.awaitTask(t).then((c) => void results.push(c)));
    try {
      await condition(() => results.length >= needed);
    } finally {
      // The rule is met (or the host was interrupted): withdraw the rest.
      await CancellationScope.nonCancellable(() => Promise.all(opened.filter((t) => !this.tasks.isDone(t.taskId)).map((t) => this.tasks.withdraw(t.taskId, 'completion condition met'))));
      void Promise.allSettled(waits);
    }
    for (const t of opened) this.tasks.forget(t.taskId);
    for (const r of results) Object.assign(this.vars, r.data);
    this.vars.nrOfCompletedInstances = results.length;
    this.vars.instanceOutcomes = results.map((r) => ({ userId: r.userId, outcome: r.outcome, comment: r.comment }));
    // A countersign (会签) is rejected if anyone who decided rejected it.
    this.vars.outcome = results.some((r) => r.outcome === 'reject') ? 'reject' : results[results.length - 1]!.outcome;
  }

  private mapInputs(elementId: string, inputs: IoMapping[]): Record<string, unknown> {
    if (inputs.length === 0) return { ...this.vars };
    return Object.fromEntries(inputs.map((m) => [m.target, this.feel(elementId, m.source)]));
  }

  private applyOutputs(elementId: string, outputs: IoMapping[], result: Record<string, unknown>): void {
    if (outputs.length === 0) {
      Object.assign(this.vars, result);
      return;
    }
    for (const m of outputs) this.vars[m.target] = this.feel(elementId, m.source, result);
  }

  private async runServiceTask(el: ServiceTaskElement): Promise<void> {
    const n = this.occurrence(el.id);
    const call = proxyActivities<Record<string, ServiceTaskFn>>({
      startToCloseTimeout: '1 minute',
      retry: { initialInterval: '1 second', maximumInterval: '1 minute', ...(el.retries !== undefined ? { maximumAttempts: Math.max(1, el.retries) } : {}) },
    })[el.taskType]!;
    const result = await call({ caseId: this.caseId, key: `${this.caseId}/${el.id}/${n}`, elementId: el.id, variables: this.mapInputs(el.id, el.inputs) });
    this.applyOutputs(el.id, el.outputs, result);
  }

  private async runCallActivity(el: CallActivityElement): Promise<void> {
    const n = this.occurrence(el.id);
    const child = await acts.resolveLatestProcess(el.processKey);
    const businessKey = `${this.input.businessKey}.${el.id}.${n}`;
    const result = await executeChild('bpmnProcess', {
      workflowId: `${el.processKey}/${businessKey}`,
      args: [
        {
          model: child.model,
          processVersion: child.version,
          forms: child.forms,
          businessKey,
          title: `${this.input.title} · ${el.name ?? el.id}`,
          initiatorId: this.input.initiatorId,
          unitId: this.input.unitId,
          customerId: this.input.customerId ?? null,
          parentCaseId: this.caseId,
          variables: this.mapInputs(el.id, el.inputs),
          startedAt: new Date().toISOString(),
        } satisfies BpmnProcessInput,
      ],
      typedSearchAttributes: [
        { key: ProcessKey, value: el.processKey },
        { key: ProcessVersion, value: child.version },
        { key: BusinessKey, value: businessKey },
        { key: CaseStatus, value: 'running' },
      ],
    });
    const childResult = result as BpmnProcessResult;
    if (el.outputs.length > 0) this.applyOutputs(el.id, el.outputs, childResult.variables);
    else if (el.propagateAllChildVariables) Object.assign(this.vars, childResult.variables);
  }
}

/** The BPMN error code carried by an error, if it is one (also across activity and child boundaries). */
export function bpmnErrorCode(err: unknown): { code: string | undefined } | null {
  if (err instanceof BpmnError) return { code: err.code };
  if (err instanceof ActivityFailure || err instanceof ChildWorkflowFailure) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === 'BpmnError') return { code: (cause.details?.[0] as string | undefined) ?? undefined };
  }
  return null;
}
