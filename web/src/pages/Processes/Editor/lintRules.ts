// bpmnlint rules checked while drawing, instantly in the browser, beside the compiler's problems
// (which come from the server 1.2 s after a change): bpmnlint's end-event-required and Shouwen's
// own, each naming the element by its name. bpmnlint's no-disconnected reads the `incoming` /
// `outgoing` lists, which a diagram written by hand or by another tool may leave out, so the
// connection rules here read the sequence flows themselves. The findings carry the rule and the name; the page words
// them from the i18n messages (`lint.<rule>`).
import Linter from 'bpmnlint/lib/linter';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import { typeName } from '../../../../../bpmn/compiler/moddle';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- moddle elements are dynamic objects
type Node = any;
type Reporter = { report(id: string, message: string): void };
type RuleFactory = () => { check(node: Node, reporter: Reporter): void };

const is = (node: Node, type: string): boolean => typeof node?.$instanceOf === 'function' && node.$instanceOf(type);
const zeebe = (node: Node, type: string): Node => (node.extensionElements?.values ?? []).find((v: Node) => v.$type === type);

/** The sequence flows leaving (`out`) or entering (`in`) a node, from its container's flows. */
function flowsOf(node: Node, side: 'in' | 'out'): Node[] {
  const siblings: Node[] = node.$parent?.flowElements ?? [];
  return siblings.filter((f) => is(f, 'bpmn:SequenceFlow') && (side === 'out' ? f.sourceRef === node : f.targetRef === node));
}

/** A task, gateway, event or sub-process with no flow in or out (boundary events and event sub-processes start on their own). */
const noDisconnected: RuleFactory = () => ({
  check(node, reporter) {
    if (!['bpmn:Task', 'bpmn:Gateway', 'bpmn:SubProcess', 'bpmn:Event'].some((t) => is(node, t)) || node.triggeredByEvent) return;
    if (is(node, 'bpmn:BoundaryEvent') || is(node.$parent, 'bpmn:AdHocSubProcess')) return;
    if (!flowsOf(node, 'in').length && !flowsOf(node, 'out').length) reporter.report(node.id, 'not connected');
  },
});

/** A flow with a condition leaving anything but an exclusive or inclusive gateway: the compiler refuses it (an implicit conditional split). */
const noConditionalImplicitSplit: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:SequenceFlow') || !node.conditionExpression) return;
    const source = node.sourceRef;
    if (source && !is(source, 'bpmn:ExclusiveGateway') && !is(source, 'bpmn:InclusiveGateway')) reporter.report(source.id, 'conditional flow not from a gateway');
  },
});

/** A user task naming neither candidates nor an assignee goes to the process owners: likely forgotten. */
const userTaskCandidates: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const assignment = zeebe(node, 'zeebe:AssignmentDefinition');
    const named = ['assignee', 'candidateGroups', 'candidateUsers'].some((k) => String(assignment?.[k] ?? '').trim() !== '');
    if (!named) reporter.report(node.id, 'no candidates');
  },
});

/** An exclusive or inclusive gateway whose outgoing flows all carry conditions and none is the default: a case could stop there. */
const gatewayDefault: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:ExclusiveGateway') && !is(node, 'bpmn:InclusiveGateway')) return;
    const outs = flowsOf(node, 'out');
    if (outs.length < 2 || node.default) return;
    if (outs.every((f) => f.conditionExpression)) reporter.report(node.id, 'no default flow');
  },
});

const RULES: Record<string, Record<string, RuleFactory>> = {
  bpmnlint: { 'end-event-required': endEventRequired as RuleFactory },
  'bpmnlint-plugin-shouwen': { 'no-disconnected': noDisconnected, 'no-conditional-implicit-split': noConditionalImplicitSplit, 'user-task-candidates': userTaskCandidates, 'gateway-default': gatewayDefault },
};

/** The rules, by their message key; `error` the compiler also refuses, `warn` what deploys but deserves a look. */
export const LINT_CONFIG = {
  rules: {
    'shouwen/no-disconnected': 'error',
    'end-event-required': 'error',
    'shouwen/no-conditional-implicit-split': 'error',
    'shouwen/user-task-candidates': 'warn',
    'shouwen/gateway-default': 'error',
  },
} as const;

export type LintRule = 'noDisconnected' | 'endEventRequired' | 'noConditionalImplicitSplit' | 'userTaskCandidates' | 'gatewayDefault';
const RULE_KEYS: Record<string, LintRule> = {
  'shouwen/no-disconnected': 'noDisconnected',
  'end-event-required': 'endEventRequired',
  'shouwen/no-conditional-implicit-split': 'noConditionalImplicitSplit',
  'shouwen/user-task-candidates': 'userTaskCandidates',
  'shouwen/gateway-default': 'gatewayDefault',
};

export interface LintFinding {
  rule: LintRule;
  /** For selecting the element; never shown. */
  elementId: string;
  /** `userTask`, `process` …: names the element when it has no name (未命名的人工任务). */
  elementType: string;
  /** The element's name, when it has one: what the message shows. */
  elementName?: string;
  severity: 'error' | 'warn';
}

const linter = new Linter({ resolver: { resolveRule: (pkg, name) => RULES[pkg]?.[name], resolveConfig: () => undefined } });

/** Each element by id: its type, and its name when it has one. */
function elementsOf(root: Node): Map<string, { elementType: string; elementName?: string }> {
  const elements = new Map<string, { elementType: string; elementName?: string }>();
  const seen = new Set<Node>();
  const walk = (n: Node) => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    const name = typeof n.name === 'string' ? n.name.replace(/\s+/g, ' ').trim() : '';
    if (typeof n.id === 'string') elements.set(n.id, { elementType: typeof n.$type === 'string' ? typeName(n.$type) : 'other', ...(name && { elementName: name }) });
    for (const key of ['rootElements', 'flowElements', 'participants']) for (const child of n[key] ?? []) walk(child);
  };
  walk(root);
  return elements;
}

/** The findings for a diagram's definitions (bpmn-js `getDefinitions()` or bpmn-moddle's root). */
export async function lintDiagram(definitions: Node): Promise<LintFinding[]> {
  const results = await linter.lint(definitions, { rules: { ...LINT_CONFIG.rules } });
  const elements = elementsOf(definitions);
  const findings: LintFinding[] = [];
  for (const [name, reports] of Object.entries(results)) {
    const rule = RULE_KEYS[name];
    if (!rule) continue;
    const severity = LINT_CONFIG.rules[name as keyof typeof LINT_CONFIG.rules] === 'warn' ? 'warn' : 'error';
    for (const r of reports) if (r.id && r.category !== 'rule-error') findings.push({ rule, elementId: r.id, ...(elements.get(r.id) ?? { elementType: 'other' }), severity });
  }
  return findings;
}
