import type { IoMapping, MultiInstance, TimerDefinition } from '../model';
import type { CompileContext } from './context';
import { SERVICE_TASK_TYPES } from '../service-task-types';
import { asFeel, ioMappings, taskHeaders, timerValue } from './expressions';
import { bool, describe, expressionBody, extension, num, ref, str, type ModdleElement } from './moddle';
import type { ElementBody } from './types';

function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A literal list of ids; FEEL lists cannot be resolved when the task is offered to people. */
function literalList(ctx: CompileContext, el: ModdleElement, value: string | undefined, what: string): string[] {
  if (value !== undefined && asFeel(value) !== undefined) {
    ctx.report(el, `${what} given as FEEL ("${value.trim()}") are not supported by Shouwen; list them separated by commas.`, {
      code: what === 'Candidate groups' ? 'bpmn.userTask.feelGroups' : 'bpmn.userTask.feelUsers',
      params: { value: value.trim() },
    });
    return [];
  }
  return commaList(value);
}

export function mapUserTask(ctx: CompileContext, el: ModdleElement): ElementBody {
  const assignment = extension(el, 'zeebe:AssignmentDefinition');
  const rawAssignee = str(assignment, 'assignee')?.trim();
  let assignee: string | undefined;
  if (rawAssignee) {
    const feel = asFeel(rawAssignee);
    // Literal ids become FEEL strings so the interpreter evaluates every assignee the same way.
    if (feel === undefined) assignee = JSON.stringify(rawAssignee);
    else if (ctx.checkFeel(el, feel, { kind: 'assignee' })) assignee = feel;
  }
  let candidateGroups = literalList(ctx, el, str(assignment, 'candidateGroups'), 'Candidate groups');
  const candidateUsers = literalList(ctx, el, str(assignment, 'candidateUsers'), 'Candidate users');
  // Camunda 8 files often leave assignment to the job; here somebody must see the task: the
  // process owners (流程管理员) of the case's unit or any unit above it.
  const toOwners = !rawAssignee && candidateGroups.length === 0 && candidateUsers.length === 0;
  if (toOwners) {
    ctx.warn(el, 'User task has no assignee and no candidate group: it is offered to the process owners of the case\'s unit or any unit above it.', { code: 'bpmn.userTask.toProcessOwners' });
    candidateGroups = ['process_owner'];
  }

  const outcomes = commaList(str(el, 'outcomes'));
  return {
    type: 'userTask',
    ...(assignee !== undefined && { assignee }),
    candidateGroups,
    ...(toOwners ? { candidateScope: 'ancestors' as const } : candidateScopeOf(ctx, el, candidateGroups)),
    candidateUsers,
    ...candidateDepartmentOf(ctx, el, candidateGroups),
    ...formOf(ctx, el),
    ...dueOf(ctx, el),
    ...escalationOf(ctx, el),
    ...dueByTierOf(ctx, el),
    separationOfDuties: bool(el, 'separationOfDuties') ?? false,
    outcomes: outcomes.length > 0 ? outcomes : ['complete'],
    ...summaryOf(ctx, el),
    ...multiInstanceOf(ctx, el),
    ...userTaskIo(ctx, el),
    ...taskHeaders(ctx, el),
  };
}

/** zeebe:ioMapping on a user task, each side written only when present (model hash of other diagrams). */
function userTaskIo(ctx: CompileContext, el: ModdleElement): { inputs?: IoMapping[]; outputs?: IoMapping[] } {
  if (!extension(el, 'zeebe:IoMapping')) return {};
  const { inputs, outputs } = ioMappings(ctx, el);
  if ((inputs.length || outputs.length) && ref(el, 'loopCharacteristics')) {
    ctx.report(el, 'Input/output mappings on a multi-instance user task are not supported by Shouwen; use the loop\'s input element, and read each instance\'s result from the submitted data.', { code: 'bpmn.userTask.multiInstanceMappings' });
    return {};
  }
  return { ...(inputs.length && { inputs }), ...(outputs.length && { outputs }) };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * shouwen:summary — the variables a decision is about, shown above the outcome buttons:
 * `solutionPlan,compensationAmount` or `amount:申请金额` for a variable no form captures.
 */
function summaryOf(ctx: CompileContext, el: ModdleElement): { summary?: Array<{ variable: string; label?: string }> } {
  const raw = str(el, 'summary');
  if (raw === undefined || raw.trim() === '') return {};
  const summary: Array<{ variable: string; label?: string }> = [];
  for (const item of commaList(raw.replace(/，/g, ','))) {
    const [variable = '', ...rest] = item.split(/[:：]/);
    const label = rest.join(':').trim();
    if (!VARIABLE_NAME.test(variable.trim())) {
      ctx.report(el, `Summary item "${item}" is not a variable name (letters, digits and _, optionally followed by ":label").`, { code: 'bpmn.summary.badItem', params: { item } });
      continue;
    }
    summary.push({ variable: variable.trim(), ...(label && { label }) });
  }
  return summary.length ? { summary } : {};
}

/**
 * shouwen:candidateDepartment="=responsibleDepartment" — the candidate groups count only for holders
 * working in the department the expression names (resolved when the task opens, through an
 * activity: workflows/bpmn/behaviours/user-tasks.ts).
 */
function candidateDepartmentOf(ctx: CompileContext, el: ModdleElement, candidateGroups: string[]): { candidateDepartment?: string } {
  const raw = str(el, 'candidateDepartment')?.trim();
  if (!raw) return {};
  // A literal code is a FEEL string, as for a literal assignee.
  const feel = asFeel(raw) ?? JSON.stringify(raw);
  if (candidateGroups.length === 0) {
    ctx.report(el, 'Candidate department narrows who of the candidate groups is offered the task, but the task has no candidate group.', { code: 'bpmn.candidateDepartment.noGroup' });
    return {};
  }
  return ctx.checkFeel(el, feel, { kind: 'candidateDepartment' }) ? { candidateDepartment: feel } : {};
}

const CANDIDATE_SCOPES = ['unit', 'ancestors'];

/**
 * shouwen:candidateScope — where the candidate groups' roles must be held. Only `ancestors`
 * is written to the model: "unit" is the default, and leaving it out keeps the model (and its
 * hash, and so the deployed version) of every diagram that does not use the attribute unchanged.
 */
function candidateScopeOf(ctx: CompileContext, el: ModdleElement, candidateGroups: string[]): { candidateScope?: 'ancestors' } {
  const scope = str(el, 'candidateScope')?.trim();
  if (!scope || scope === 'unit') return {};
  if (!CANDIDATE_SCOPES.includes(scope)) {
    ctx.report(el, `Candidate scope "${scope}" is not known to Shouwen; use "unit" (the case's unit, the default) or "ancestors" (the case's unit or any unit above it).`, { code: 'bpmn.candidateScope.unknown', params: { scope } });
    return {};
  }
  if (candidateGroups.length === 0) {
    ctx.report(el, 'Candidate scope "ancestors" widens where candidate groups may be held, but the task has no candidate group.', { code: 'bpmn.candidateScope.noGroup' });
    return {};
  }
  return { candidateScope: 'ancestors' };
}

export function formOf(ctx: CompileContext, el: ModdleElement): { formId?: string } {
  const form = extension(el, 'zeebe:FormDefinition');
  if (!form) return {};
  if (str(form, 'externalReference')) {
    ctx.report(el, 'External forms (form reference by URL) are not supported by Shouwen; link a form by its id.', { code: 'bpmn.form.external' });
    return {};
  }
  const bindingType = str(form, 'bindingType');
  if (bindingType && bindingType !== 'latest') {
    ctx.report(el, `Form binding "${bindingType}" is not supported by Shouwen: the latest version of the form is always used.`, { code: 'bpmn.form.binding', params: { binding: bindingType } });
  }
  const formId = str(form, 'formId')?.trim() || str(form, 'formKey')?.trim();
  if (!formId) return {};
  if (ctx.options.formIds && !ctx.options.formIds.includes(formId)) {
    ctx.report(el, `Form "${formId}" does not exist: the task could not be shown to anyone. Create the form or pick an existing one.`, { code: 'bpmn.userTask.unknownForm', params: { formId } });
  }
  return { formId };
}

/** shouwen:escalationLevels: a cap on how far an overdue task climbs (0: it never moves). */
function escalationOf(ctx: CompileContext, el: ModdleElement): { escalationLevels?: number } {
  if (el['escalationLevels'] === undefined) return {};
  const n = num(el, 'escalationLevels');
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    ctx.report(el, 'Escalation levels must be a whole number, 0 or more (0: an overdue task stays where it is).', { code: 'bpmn.escalation.badLevels' });
    return {};
  }
  if (el['dueWorkingDays'] === undefined && !str(extension(el, 'zeebe:TaskSchedule'), 'dueDate')) {
    ctx.report(el, 'Escalation levels are set but the task has no due date: it would never escalate.', { code: 'bpmn.escalation.noDue' });
    return {};
  }
  return { escalationLevels: n };
}

const TIER_LIMITS = ['followUp', 'complaint'] as const;

/**
 * shouwen:dueByTier="followUp|complaint": due by the case customer's tier's limit for that step kind
 * (data in customer_tier_rule, not the diagram). The diagram's shouwen:dueWorkingDays is required as
 * the default for a customer without a tier, so every such task has a due date.
 */
function dueByTierOf(ctx: CompileContext, el: ModdleElement): { dueByTier?: (typeof TIER_LIMITS)[number] } {
  const limit = str(el, 'dueByTier')?.trim();
  if (!limit) return {};
  const known = TIER_LIMITS.find((l) => l === limit);
  if (!known) {
    ctx.report(el, `Due by tier "${limit}" is not a step kind the tier rules have a limit for; use "followUp" or "complaint".`, { code: 'bpmn.due.unknownTierLimit', params: { limit } });
    return {};
  }
  if (el['dueWorkingDays'] === undefined) {
    ctx.report(el, 'Due by tier needs shouwen:dueWorkingDays as the limit for a customer without a tier.', { code: 'bpmn.due.tierNoDefault' });
    return {};
  }
  return { dueByTier: known };
}

function dueOf(ctx: CompileContext, el: ModdleElement): { due?: TimerDefinition } {
  const days = el['dueWorkingDays'];
  const dueDate = str(extension(el, 'zeebe:TaskSchedule'), 'dueDate')?.trim();
  if (days !== undefined && dueDate) {
    ctx.report(el, 'User task has both a due date and a number of working days; choose one.', { code: 'bpmn.due.both' });
    return {};
  }
  if (days !== undefined) {
    const n = num(el, 'dueWorkingDays');
    if (n === undefined || !Number.isInteger(n) || n <= 0) {
      ctx.report(el, 'Due in working days must be a whole number greater than zero.', { code: 'bpmn.due.badWorkingDays' });
      return {};
    }
    return { due: { kind: 'workingDays', days: n } };
  }
  if (!dueDate) return {};
  // Camunda only knows a due *date*; a duration ("P3D") is accepted as "due that long after creation".
  const kind = asFeel(dueDate) === undefined && dueDate.startsWith('P') ? 'duration' : 'date';
  const due = timerValue(ctx, el, kind, dueDate, 'Due');
  return due ? { due } : {};
}

const COMPLETION = /^nrOfCompletedInstances\s*>=\s*(\d+)$/;

function multiInstanceOf(ctx: CompileContext, el: ModdleElement): { multiInstance?: MultiInstance } {
  const loop = ref(el, 'loopCharacteristics');
  if (!loop) return {};
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    ctx.report(el, `${describe(el)} has a standard loop, which is not supported by Shouwen; use a parallel multi-instance.`, { code: 'bpmn.loop.standard' });
    return {};
  }
  if (bool(loop, 'isSequential')) {
    ctx.report(el, 'Sequential multi-instance is not supported by Shouwen; use a parallel multi-instance.', { code: 'bpmn.multiInstance.sequential' });
    return {};
  }
  if (expressionBody(loop, 'loopCardinality') !== undefined) {
    ctx.report(el, 'A fixed loop cardinality is not supported by Shouwen; give an input collection instead.', { code: 'bpmn.multiInstance.cardinality' });
  }
  const zeebeLoop = extension(loop, 'zeebe:LoopCharacteristics');
  if (str(zeebeLoop, 'outputCollection') || str(zeebeLoop, 'outputElement')) {
    ctx.report(el, 'Multi-instance output collections are not supported by Shouwen; each instance\'s result is in the task outcome.', { code: 'bpmn.multiInstance.outputCollection' });
  }
  const rawCollection = str(zeebeLoop, 'inputCollection')?.trim();
  const inputCollection = rawCollection ? (asFeel(rawCollection) ?? rawCollection) : undefined;
  if (!inputCollection) {
    ctx.report(el, 'Multi-instance task has no input collection: Shouwen cannot know how many tasks to create.', { code: 'bpmn.multiInstance.noInput' });
    return {};
  }
  if (!ctx.checkFeel(el, inputCollection, { kind: 'inputCollection' })) return {};

  const condition = expressionBody(loop, 'completionCondition');
  let completion: MultiInstance['completion'] = { kind: 'all' };
  if (condition !== undefined) {
    const m = COMPLETION.exec(asFeel(condition) ?? condition);
    const count = m ? Number(m[1]) : 0;
    if (count <= 0) {
      ctx.report(el, `Completion condition "${condition}" is not supported by Shouwen: use "=nrOfCompletedInstances >= N" or leave it empty to wait for all.`, { code: 'bpmn.multiInstance.completionCondition', params: { condition } });
      return {};
    }
    completion = count === 1 ? { kind: 'any' } : { kind: 'atLeast', count };
  }
  const inputElement = str(zeebeLoop, 'inputElement')?.trim();
  return { multiInstance: { inputCollection, ...(inputElement && { inputElement }), completion } };
}

export function mapServiceTask(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const definition = extension(el, 'zeebe:TaskDefinition');
  const taskType = str(definition, 'type')?.trim();
  const io = ioMappings(ctx, el);
  if (!taskType) {
    ctx.report(el, 'Service task has no task type: Shouwen would not know which automated step to run.', { code: 'bpmn.serviceTask.noType' });
    return undefined;
  }
  if (asFeel(taskType) !== undefined) {
    ctx.report(el, `Task types given as FEEL ("${taskType}") are not supported by Shouwen; use a fixed type.`, { code: 'bpmn.serviceTask.feelType', params: { taskType } });
    return undefined;
  }
  // A type Shouwen does not ship is a job for a team's own worker (Camunda's job-worker model):
  // deployable, with a warning so a typo is still seen before the first case waits on it.
  const external = !(ctx.options.taskTypes ?? SERVICE_TASK_TYPES).includes(taskType);
  const queue = str(el, 'jobTaskQueue')?.trim();
  if (external) {
    ctx.warn(el, `No worker for service task type "${taskType}" ships with Shouwen: the step waits for a job worker of your own to take it${queue ? ` from task queue "${queue}"` : ''}.`, { code: 'bpmn.serviceTask.externalJob', params: { taskType } });
  } else if (queue) {
    ctx.report(el, `Service task type "${taskType}" is run by Shouwen itself; a job task queue ("${queue}") only applies to types your own workers run.`, { code: 'bpmn.serviceTask.queueForShipped', params: { taskType, queue } });
  }
  const rawRetries = str(definition, 'retries')?.trim();
  let retries: number | undefined;
  if (rawRetries) {
    if (/^\d+$/.test(rawRetries)) retries = Number(rawRetries);
    else ctx.report(el, `Retries "${rawRetries}" must be a whole number (FEEL is not supported here).`, { code: 'bpmn.serviceTask.badRetries', params: { retries: rawRetries } });
  }
  return {
    type: 'serviceTask',
    taskType,
    ...(retries !== undefined && { retries }),
    ...io,
    ...(external && { external: true as const }),
    ...(external && queue && { taskQueue: queue }),
    ...taskHeaders(ctx, el),
  };
}

export function mapBusinessRuleTask(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const called = extension(el, 'zeebe:CalledDecision');
  if (!called) {
    ctx.report(el, 'Business rule task does not name a decision (zeebe:calledDecision); job-worker implementations are not supported.', { code: 'bpmn.businessRuleTask.noDecision' });
    return undefined;
  }
  const decisionId = str(called, 'decisionId')?.trim();
  const resultVariable = str(called, 'resultVariable')?.trim();
  if (!decisionId || !resultVariable) {
    ctx.report(el, 'Business rule task needs a decision id and a result variable.', { code: 'bpmn.businessRuleTask.incomplete' });
    return undefined;
  }
  if (asFeel(decisionId) !== undefined) {
    ctx.report(el, `Decision ids given as FEEL ("${decisionId}") are not supported by Shouwen; name the decision.`, { code: 'bpmn.businessRuleTask.feelDecision', params: { decisionId } });
    return undefined;
  }
  if (ctx.options.decisionIds && !ctx.options.decisionIds.includes(decisionId)) {
    ctx.report(el, `Decision "${decisionId}" is not deployed: the step would fail. Deploy its DMN file first or fix the decision id.`, { code: 'bpmn.businessRuleTask.notDeployed', params: { decisionId } });
  }
  // zeebe-bpmn-moddle gives bindingType a default of "latest" (Camunda's); Shouwen keeps the version
  // deployed when the case started unless the diagram itself says "latest".
  const bindingType = Object.hasOwn(called, 'bindingType') ? str(called, 'bindingType') : undefined;
  if (bindingType !== undefined && bindingType !== 'latest' && bindingType !== 'deployment') {
    ctx.report(el, `Decision binding "${bindingType}" is not supported by Shouwen; use "latest" or leave it out (the version deployed when the case started).`, { code: 'bpmn.businessRuleTask.binding', params: { binding: bindingType } });
  }
  return { type: 'businessRuleTask', decisionId, resultVariable, ...(bindingType === 'latest' && { bindingLatest: true as const }) };
}

export function mapScriptTask(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const script = extension(el, 'zeebe:Script');
  const raw = str(script, 'expression')?.trim();
  const resultVariable = str(script, 'resultVariable')?.trim();
  if (!script || !raw || !resultVariable) {
    ctx.report(el, 'Script task needs a FEEL expression and a result variable (implementation "FEEL expression"); job-worker scripts are not supported.', { code: 'bpmn.scriptTask.noExpression' });
    return undefined;
  }
  const expression = asFeel(raw) ?? raw;
  if (!ctx.checkFeel(el, expression, { kind: 'script' })) return undefined;
  return { type: 'scriptTask', expression, resultVariable };
}

export function mapCallActivity(ctx: CompileContext, el: ModdleElement): ElementBody | undefined {
  const called = extension(el, 'zeebe:CalledElement');
  const processKey = str(called, 'processId')?.trim();
  const io = ioMappings(ctx, el);
  if (!processKey) {
    ctx.report(el, 'Call activity does not say which process to call (called element process id is empty).', { code: 'bpmn.callActivity.noProcess' });
    return undefined;
  }
  if (asFeel(processKey) !== undefined) {
    ctx.report(el, `Calling a process chosen by FEEL ("${processKey}") is not supported by Shouwen; name the process id.`, { code: 'bpmn.callActivity.feelProcess', params: { processKey } });
    return undefined;
  }
  if (ctx.options.processKeys && !ctx.options.processKeys.includes(processKey)) {
    ctx.report(el, `Called process "${processKey}" is not deployed: the call would fail. Deploy it first or fix the process id.`, { code: 'bpmn.callActivity.notDeployed', params: { processKey } });
  }
  if (bool(called, 'propagateAllParentVariables') === false) {
    ctx.report(el, 'Limiting the variables passed to the called process (propagate all parent variables off) is not supported by Shouwen; use input mappings.', { code: 'bpmn.callActivity.propagateAll' });
  }
  const bindingType = str(called, 'bindingType');
  if (bindingType && bindingType !== 'latest') {
    ctx.report(el, `Binding "${bindingType}" is not supported by Shouwen: the latest deployed version is always called.`, { code: 'bpmn.callActivity.binding', params: { binding: bindingType } });
  }
  return {
    type: 'callActivity',
    processKey,
    ...io,
    propagateAllChildVariables: bool(called, 'propagateAllChildVariables') ?? true,
  };
}
