import { DmnModdle } from 'dmn-moddle';
import type { ModelProblem } from '../model';
import { feelSyntaxError } from '../feel-syntax';
import { feelBudgetProblem } from '../feel-limits';
import { feelPatternProblems } from '../feel-patterns';
import { canonicalJson, sha256Hex } from '../compiler/hash';
import { isModdleElement, list, ref, str, type ModdleElement } from '../compiler/moddle';
import { AGGREGATIONS, HIT_POLICIES, decisionModelSchema, type Decision, type DecisionModel, type DecisionTable } from './model';

// DMN 1.3 (and 1.1/1.2 files, which dmn-moddle reads too) → DecisionModel. Like the BPMN
// compiler it reports every problem at once, each naming the decision (and rule) it is about,
// with a stable code the console words; what Shouwen cannot evaluate is an error, never ignored.

/** `warnings` come with every outcome and never stop a deployment (as the BPMN compiler's). */
export type DmnCompileResult =
  | { ok: true; model: DecisionModel; problems: []; warnings: ModelProblem[] }
  | { ok: false; problems: ModelProblem[]; warnings: ModelProblem[] };

/** What a problem is about; `name` is the decision's name as the owner wrote it (a rule's problem names its decision). */
type Place = { id: string; type: 'definitions' | 'decision' | 'rule' | 'input' | 'output'; name?: string | undefined };
const DEFINITIONS: Place = { id: '', type: 'definitions' };

/** Where a FEEL text sits in a decision, for the catalog's words (`feelPlace.<kind>`): a rule by its number, a column by its label. */
interface DmnFeelPlace {
  kind: 'dmnInput' | 'dmnOutputDefault' | 'dmnRuleInput' | 'dmnRuleOutput' | 'dmnLiteral';
  rule?: number;
  column?: string;
}

const dmnWhere = ({ kind, rule, column }: DmnFeelPlace): string =>
  ({
    dmnInput: `input ${column}`,
    dmnOutputDefault: `default of output ${column}`,
    dmnRuleInput: `rule ${rule}, input ${column}`,
    dmnRuleOutput: `rule ${rule}, output ${column}`,
    dmnLiteral: 'literal expression',
  })[kind];

class DmnContext {
  readonly problems: ModelProblem[] = [];
  readonly warnings: ModelProblem[] = [];

  report(at: Place, message: string, code: string, params?: Record<string, string | number>): void {
    this.problems.push(problemAt(at, message, code, params));
  }

  warn(at: Place, message: string, code: string, params?: Record<string, string | number>): void {
    this.warnings.push(problemAt(at, message, code, params));
  }

  /**
   * Reports FEEL that does not parse (or would exceed the budget); the text is returned trimmed. The
   * problem says where the FEEL sits (`place`, with the rule's number and the column's label) for
   * the catalog to word (`feelPlace.dmn*`); `where` is the same in English, for the message.
   */
  feel(at: Place, text: string | undefined, place: DmnFeelPlace, kind: 'expression' | 'unaryTests' = 'expression'): string {
    const expr = (text ?? '').trim();
    const where = dmnWhere(place);
    const params = { expr, where, place: place.kind, ...(place.rule !== undefined && { rule: place.rule }), ...(place.column !== undefined && { column: place.column }) };
    const error = feelSyntaxError(expr, kind);
    if (error !== undefined) {
      this.report(at, `FEEL does not parse: "${expr}" (${where}: ${error}).`, 'dmn.feel.syntax', params);
    } else {
      if (kind === 'expression') {
        const tooBig = feelBudgetProblem(expr);
        if (tooBig !== undefined) this.report(at, `FEEL would exceed the evaluation budget: "${expr}" (${where}: ${tooBig}).`, 'feel.overBudget', params);
      }
      // A literal pattern the budget refuses when the decision is evaluated, said at deploy as the BPMN compiler does.
      for (const p of feelPatternProblems(expr, kind)) {
        const about = { ...params, function: p.fn, pattern: p.pattern };
        if (p.kind === 'slow') this.report(at, `FEEL ${p.fn}() pattern ${JSON.stringify(p.pattern)} can take exponential time (${where}).`, 'dmn.feel.slowPattern', about);
        else this.warn(at, `FEEL ${p.fn}() pattern ${JSON.stringify(p.pattern)} is refused on texts over ${p.maxLength} characters (${where}).`, 'dmn.feel.patternTextLimit', { ...about, maxLength: p.maxLength });
      }
    }
    return expr;
  }
}

function problemAt(at: Place, message: string, code: string, params?: Record<string, string | number>): ModelProblem {
  return { elementId: at.id, elementType: at.type, ...(at.name && { elementName: at.name }), message, code, ...(params && { params }) };
}

/** Splits `"AAA","AA", "A"` (an outputValues list of literals) into its items. */
function splitLiterals(text: string): string[] {
  return (text.match(/"(?:[^"\\]|\\.)*"|[^,\s][^,]*/g) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

function mapTable(ctx: DmnContext, decision: Place, table: ModdleElement): DecisionTable | undefined {
  const at = decision;
  const decisionId = decision.id;
  const hitPolicy = (str(table, 'hitPolicy') ?? 'UNIQUE').trim();
  if (!(HIT_POLICIES as readonly string[]).includes(hitPolicy)) {
    ctx.report(at, `Hit policy "${hitPolicy}" is not supported; use one of ${HIT_POLICIES.join(', ')}.`, 'dmn.hitPolicy.unknown', { hitPolicy });
    return undefined;
  }
  const aggregation = str(table, 'aggregation')?.trim();
  if (aggregation !== undefined && hitPolicy !== 'COLLECT') {
    ctx.report(at, `Aggregation ${aggregation} only applies to the COLLECT hit policy, not to ${hitPolicy}.`, 'dmn.aggregation.notCollect', { aggregation, hitPolicy });
  }
  if (aggregation !== undefined && !(AGGREGATIONS as readonly string[]).includes(aggregation)) {
    ctx.report(at, `Aggregation "${aggregation}" is not known; use SUM, MIN, MAX or COUNT.`, 'dmn.aggregation.unknown', { aggregation });
  }

  const inputs = list(table, 'input').map((input, i) => {
    const id = str(input, 'id') ?? `input${i + 1}`;
    const label = str(input, 'label');
    const expression = ctx.feel(at, str(ref(input, 'inputExpression'), 'text'), { kind: 'dmnInput', column: label ?? String(i + 1) });
    return { id, ...(label && { label }), expression };
  });
  const outputs = list(table, 'output').map((output, i) => {
    const id = str(output, 'id') ?? `output${i + 1}`;
    const label = str(output, 'label');
    const name = str(output, 'name')?.trim() || (list(table, 'output').length === 1 ? decisionId : '');
    if (!name) ctx.report(at, `Output ${label ?? id} has no name; a table with several outputs needs a name for each.`, 'dmn.output.noName', { output: label ?? id });
    const values = str(ref(output, 'outputValues'), 'text');
    const priorities = values === undefined ? undefined : splitLiterals(values);
    const rawDefault = str(ref(output, 'defaultOutputEntry'), 'text');
    const defaultEntry = rawDefault === undefined ? undefined : ctx.feel(at, rawDefault, { kind: 'dmnOutputDefault', column: label ?? name });
    return { id, name, ...(label && { label }), ...(priorities?.length && { priorities }), ...(defaultEntry !== undefined && { defaultEntry }) };
  });
  if (outputs.length === 0) ctx.report(at, 'The decision table has no output column.', 'dmn.table.noOutput');
  const names = outputs.map((o) => o.name).filter((n) => n !== '');
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) ctx.report(at, `Two outputs are both named "${dup}".`, 'dmn.output.duplicateName', { name: dup });
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !outputs.some((o) => o.priorities)) {
    ctx.report(at, `Hit policy ${hitPolicy} ranks the matched rules by the outputs' listed values, but no output lists its values.`, 'dmn.priority.noValues', { hitPolicy });
  }
  if (aggregation !== undefined && aggregation !== 'COUNT' && outputs.length > 1) {
    ctx.report(at, `Aggregation ${aggregation} needs exactly one output; the table has ${outputs.length}.`, 'dmn.aggregation.manyOutputs', { aggregation, count: outputs.length });
  }

  const rules = list(table, 'rule').map((rule, i) => {
    const id = str(rule, 'id') ?? `rule${i + 1}`;
    const ruleAt: Place = { id, type: 'rule', name: at.name };
    const inputEntries = list(rule, 'inputEntry').map((e, j) => {
      const text = str(e, 'text')?.trim() ?? '';
      return text === '' || text === '-' ? '-' : ctx.feel(ruleAt, text, { kind: 'dmnRuleInput', rule: i + 1, column: inputs[j]?.label ?? String(j + 1) }, 'unaryTests');
    });
    const outputEntries = list(rule, 'outputEntry').map((e, j) => {
      const text = str(e, 'text')?.trim() ?? '';
      return text === '' ? 'null' : ctx.feel(ruleAt, text, { kind: 'dmnRuleOutput', rule: i + 1, column: outputs[j]?.label ?? outputs[j]?.name ?? String(j + 1) });
    });
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      ctx.report(
        ruleAt,
        `Rule ${i + 1} has ${inputEntries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs.`,
        'dmn.rule.columns',
        { rule: i + 1, inputs: inputEntries.length, outputs: outputEntries.length, tableInputs: inputs.length, tableOutputs: outputs.length },
      );
    }
    const description = str(rule, 'description')?.trim();
    return { id, ...(description && { description }), inputEntries, outputEntries };
  });

  return {
    kind: 'table',
    hitPolicy: hitPolicy as DecisionTable['hitPolicy'],
    ...(aggregation !== undefined && (AGGREGATIONS as readonly string[]).includes(aggregation) && { aggregation: aggregation as DecisionTable['aggregation'] }),
    inputs,
    outputs,
    rules,
  };
}

function mapDecision(ctx: DmnContext, el: ModdleElement, ids: Set<string>): Decision | undefined {
  const id = str(el, 'id') ?? '';
  const name = str(el, 'name');
  const at: Place = { id, type: 'decision', name: name?.replace(/\s+/g, ' ').trim() || undefined };
  const requires: string[] = [];
  for (const req of list(el, 'informationRequirement')) {
    const href = str(ref(req, 'requiredDecision'), 'href');
    if (href === undefined) continue; // requiredInput: input data are case variables of that name
    const target = href.replace(/^.*#/, '');
    if (!ids.has(target)) ctx.report(at, `The decision requires "${target}", which is not a decision in this file.`, 'dmn.requires.unknown', { required: target });
    else requires.push(target);
  }
  const logic = ref(el, 'decisionLogic');
  if (logic?.$type === 'dmn:DecisionTable') {
    const table = mapTable(ctx, at, logic);
    return table && { id, ...(name && { name }), requires, logic: table };
  }
  if (logic?.$type === 'dmn:LiteralExpression') {
    const expression = ctx.feel(at, str(logic, 'text'), { kind: 'dmnLiteral' });
    return { id, ...(name && { name }), requires, logic: { kind: 'literal', expression } };
  }
  const kind = logic ? logic.$type.replace(/^dmn:/, '') : 'none';
  ctx.report(at, `The decision's logic (${kind}) is not supported; use a decision table or a literal expression.`, 'dmn.logic.unsupported', { logic: kind });
  return undefined;
}

/** Reports each cycle of requirements once (a decision that requires itself, directly or not). */
function checkCycles(ctx: DmnContext, decisions: Record<string, Decision>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      // Each decision by its name (its id only when it has none).
      const cycle = [...path.slice(path.indexOf(id)), id].map((d) => decisions[d]?.name ?? d);
      ctx.report({ id, type: 'decision', name: decisions[id]?.name }, `Decisions require each other in a cycle: ${cycle.join(' → ')}.`, 'dmn.requires.cycle', { path: cycle.join(' → ') });
      return;
    }
    state.set(id, 'visiting');
    for (const r of decisions[id]?.requires ?? []) visit(r, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(decisions)) visit(id, []);
}

export async function compileDmn(xml: string): Promise<DmnCompileResult> {
  const ctx = new DmnContext();
  let root: unknown;
  try {
    const result = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
    root = result.rootElement;
    for (const w of result.warnings) {
      const el = isModdleElement(w.element) ? w.element : undefined;
      if (el && /^(dmndi|dc|di):/.test(el.$type)) continue;
      const detail = w.message.split('\n')[0] ?? '';
      ctx.report(el && str(el, 'id') ? { id: str(el, 'id')!, type: 'decision' } : DEFINITIONS, `The DMN file has a problem: ${detail}.`, 'dmn.xml.other', { detail });
    }
  } catch (err) {
    const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    ctx.report(DEFINITIONS, `The file could not be read as DMN XML: ${detail}.`, 'dmn.xml.unreadable', { detail });
    return { ok: false, problems: ctx.problems, warnings: ctx.warnings };
  }
  if (!isModdleElement(root) || root.$type !== 'dmn:Definitions') {
    ctx.report(DEFINITIONS, 'The file is not a DMN file: it has no definitions.', 'dmn.xml.unreadable', { detail: '' });
    return { ok: false, problems: ctx.problems, warnings: ctx.warnings };
  }
  const key = str(root, 'id')?.trim() ?? '';
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(key)) {
    ctx.report(DEFINITIONS, `Definitions id "${key}" cannot be used as a key: use Latin letters, digits, "_", "." or "-", starting with a letter.`, 'dmn.key.invalid', { key });
  }
  const elements = list(root, 'drgElement');
  const decisionsXml = elements.filter((e) => e.$type === 'dmn:Decision');
  if (decisionsXml.length === 0) ctx.report(DEFINITIONS, 'The file has no decision.', 'dmn.noDecision');
  for (const e of elements) {
    if (e.$type === 'dmn:Decision' || e.$type === 'dmn:InputData' || e.$type === 'dmn:KnowledgeSource') continue;
    const id = str(e, 'id') ?? '';
    ctx.report({ id, type: 'decision', name: str(e, 'name') }, `${e.$type.replace(/^dmn:/, '')} "${str(e, 'name') ?? id}" is not supported.`, 'dmn.element.unsupported', { element: e.$type.replace(/^dmn:/, ''), name: str(e, 'name') ?? id });
  }
  const ids = new Set(decisionsXml.map((d) => str(d, 'id') ?? ''));
  const decisions: Record<string, Decision> = {};
  for (const el of decisionsXml) {
    const d = mapDecision(ctx, el, ids);
    if (d) decisions[d.id] = d;
  }
  checkCycles(ctx, decisions);
  if (ctx.problems.length > 0) return { ok: false, problems: ctx.problems, warnings: ctx.warnings };

  const body = { key, name: str(root, 'name') ?? key, decisions };
  const model = decisionModelSchema.parse({ ...body, hash: sha256Hex(canonicalJson(body)) });
  return { ok: true, model, problems: [], warnings: ctx.warnings };
}
