import { classifyFeelFailure } from './feel-failure';

// Why an incident stopped a case, as a kind and its parameters. The engine stores one English
// line per incident (workflows/bpmn/behaviours/incidents.ts `incidentMessage`: a ProcessIncident's
// `<element id>: <why>`, a FEEL failure, or a service task's underlying failure), and recorded
// histories keep those lines forever, so the words people read are decided here, from the line:
// each shape the engine and its activities write is recognised by one rule, the rest is `unknown`.
// Pure; the console words a reason with its catalogs (web/src/lib/incidents.ts), and the original
// line stays available as the technical detail.

/** What went wrong, in kinds the console has words for. */
export type IncidentReasonCode =
  | 'feel.failed'
  | 'gateway.noPath'
  | 'job.failed'
  | 'job.noWorker'
  | 'job.badResult'
  | 'loop.noWaitState'
  | 'timer.invalid'
  | 'timer.cronNoDate'
  | 'multiInstance.notList'
  | 'model.missing'
  | 'dmn.feel.failed'
  | 'dmn.unique.multiple'
  | 'dmn.unique.noMatch'
  | 'dmn.any.conflict'
  | 'dmn.aggregation.notNumber'
  | 'dmn.decision.unknown'
  | 'bpmnError.uncaught'
  | 'service.failed'
  | 'unknown';

export interface IncidentReason {
  code: IncidentReasonCode;
  /** What the kind names (a job type, a number of attempts, a FEEL failure's kind …); never words for people. */
  params: Record<string, string | number>;
}

// `<element id>: ` before the engine's own words (ProcessIncident); ids are BPMN ids, no spaces or colons.
const ELEMENT_PREFIX = /^([A-Za-z_][\w.-]*): ([\s\S]*)$/;

const feelReason = (detail: string): IncidentReason => {
  const failure = classifyFeelFailure(detail);
  return { code: 'feel.failed', params: { ...failure.params, failure: failure.code } };
};

/**
 * The decision table failures of bpmn/dmn/evaluate.ts (a business rule task's activity failure carries
 * them as they are), as the problem codes the decision API refuses with (`dmn.*`: worded by the same rules).
 */
const DECISION_RULES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => IncidentReason]> = [
  [/^Decision "([\s\S]*)" could not be evaluated: ([\s\S]*)$/, (m) => ({ code: 'dmn.feel.failed', params: { decision: m[1]!, detail: m[2]! } })],
  [/^Decision "([\s\S]*)" \(hit policy UNIQUE\) matched \d+ rules \(rules ([\d, ]+)\)/, (m) => ({ code: 'dmn.unique.multiple', params: { decision: m[1]!, rules: m[2]! } })],
  [/^Decision "([\s\S]*)" \(hit policy UNIQUE\) matched no rule/, (m) => ({ code: 'dmn.unique.noMatch', params: { decision: m[1]! } })],
  [/^Decision "([\s\S]*)" \(hit policy ANY\) matched rules ([\d, ]+) with different outputs/, (m) => ({ code: 'dmn.any.conflict', params: { decision: m[1]!, rules: m[2]! } })],
  [/^Decision "([\s\S]*)" aggregates with (\w+), but rules ([\d, ]+) give values that are not numbers/, (m) => ({ code: 'dmn.aggregation.notNumber', params: { decision: m[1]!, aggregation: m[2]!, rules: m[3]! } })],
  [/^Decision "([\s\S]*)" is not in /, (m) => ({ code: 'dmn.decision.unknown', params: { decision: m[1]! } })],
];

/** The engine's own words after the element id (workflows/bpmn: interpreter, gateways, job workers, timers, multi-instance). */
const ENGINE_RULES: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => IncidentReason]> = [
  [/^FEEL "[\s\S]*?": [\s\S]*$/, (m) => feelReason(m[0])],
  [/^no outgoing condition is true and the gateway has no default flow$/, () => ({ code: 'gateway.noPath', params: {} })],
  [/^job "([^"]*)" failed after (\d+) attempts?: [\s\S]*$/, (m) => ({ code: 'job.failed', params: { taskType: m[1]!, attempts: Number(m[2]) } })],
  [/^no job worker took job "([^"]*)" from task queue "([^"]*)" within (\d+) s/, (m) => ({ code: 'job.noWorker', params: { taskType: m[1]!, queue: m[2]!, seconds: Number(m[3]) } })],
  [/^job "([^"]*)" returned (?:a list|\w+); a job worker returns an object of variables$/, (m) => ({ code: 'job.badResult', params: { taskType: m[1]! } })],
  [/^more than (\d+) steps without reaching a user task, service task, timer or message/, (m) => ({ code: 'loop.noWaitState', params: { steps: Number(m[1]) } })],
  [/^timer value "[\s\S]*" is not a valid ISO 8601 (\w+)$/, (m) => ({ code: 'timer.invalid', params: { kind: m[1]! } })],
  [/^cron "[\s\S]*" matches no coming date$/, () => ({ code: 'timer.cronNoDate', params: {} })],
  [/^inputCollection "([\s\S]*)" is not a list$/, (m) => ({ code: 'multiInstance.notList', params: { collection: m[1]! } })],
  [/^(?:element|sequence flow) missing from the model$/, () => ({ code: 'model.missing', params: {} })],
];

function byRules(text: string, rules: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => IncidentReason]>): IncidentReason | undefined {
  for (const [pattern, make] of rules) {
    const m = pattern.exec(text);
    if (m) return make(m);
  }
  return undefined;
}

/** Elements whose work an activity or a team's job worker does: an unknown failure there is that work failing. */
const WORK_ELEMENTS = new Set(['serviceTask', 'businessRuleTask', 'sendTask', 'scriptTask', 'callActivity']);

/**
 * An incident's stored message as a kind with parameters: the engine's words after an element id,
 * a FEEL failure on its own, a decision table's failure, an uncaught BPMN error (a case's end
 * reason); words we do not know are `service.failed` at an element whose work failed (its
 * `elementType`, when known: a service task's own failure), else `unknown`.
 */
export function classifyIncident(message: string, elementType?: string): IncidentReason {
  const reason = classifyKnown(message.trim());
  if (reason.code === 'unknown' && elementType && WORK_ELEMENTS.has(elementType.replace(/^bpmn:/, ''))) return { code: 'service.failed', params: {} };
  return reason;
}

function classifyKnown(text: string): IncidentReason {
  const bpmnError = /^(?:uncaught )?BPMN error (.*?)(?: thrown at| from) ([\w.-]+)$/.exec(text);
  if (bpmnError) return { code: 'bpmnError.uncaught', params: { errorCode: bpmnError[1] === '(no code)' ? '' : bpmnError[1]! } };
  const found = byRules(text, DECISION_RULES);
  if (found) return found;
  const prefixed = ELEMENT_PREFIX.exec(text);
  const engine = (prefixed && byRules(prefixed[2]!, ENGINE_RULES)) || byRules(text, ENGINE_RULES);
  if (engine) return engine;
  if (prefixed) return byRules(prefixed[2]!, DECISION_RULES) ?? { code: 'unknown', params: {} };
  return { code: 'unknown', params: {} };
}

/**
 * The element a stored line names, when it names one: `<id>: …` (a ProcessIncident), or the thrower of
 * an uncaught BPMN error. For a failed case's end reason, which carries no element of its own.
 */
export function incidentElementId(message: string): string | undefined {
  const text = message.trim();
  const bpmnError = /^(?:uncaught )?BPMN error .*?(?: thrown at| from) ([\w.-]+)$/.exec(text);
  if (bpmnError) return bpmnError[1];
  if (/^(?:FEEL|Decision) "/.test(text)) return undefined;
  return ELEMENT_PREFIX.exec(text)?.[1];
}
