import { evaluate, unaryTest } from 'feelin';
import { instrument, metered, meteringContext } from '../feel-budget';
import { evalFeel, FeelEvaluationError } from '../feel-eval';
import { canonicalJson } from '../compiler/hash';
import type { Decision, DecisionModel, DecisionTable } from './model';

// Evaluates a compiled decision (and the decisions it requires) against a case's variables.
// Pure and synchronous, so the worker's activity, the API and `shouwen decide` give the same
// answer; every FEEL evaluation runs against the budget of feel-budget.ts. The trace says *why*:
// for each decision evaluated, its input values, the rules that matched and the result.

export interface MatchedRule {
  id: string;
  /** 1-based row number, as the table shows it. */
  index: number;
  description?: string;
}

export interface DecisionTrace {
  decisionId: string;
  decisionName?: string;
  inputs: { id: string; label?: string; value: unknown }[];
  matchedRules: MatchedRule[];
  result: unknown;
}

export interface DecisionOutcome {
  decisionId: string;
  result: unknown;
  /** Every decision evaluated, required ones first, the asked one last. */
  evaluated: DecisionTrace[];
}

/** Why a decision could not give a result: a stable code, what it names, and English words. */
export class DecisionEvaluationError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionEvaluationError';
  }
}

function feelValue(expr: string, context: Record<string, unknown>): unknown {
  return metered(() => evaluate(instrument(expr, context), { ...context, ...meteringContext }).value);
}

function matches(entry: string, value: unknown, context: Record<string, unknown>): boolean {
  if (entry === '-') return true;
  return metered(() => unaryTest(entry, { ...context, ...meteringContext, '?': value }).value) === true;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

function evalTable(d: Decision, table: DecisionTable, context: Record<string, unknown>, where: (e: unknown) => never): DecisionTrace {
  const raw = table.inputs.map((input) => {
    try {
      return feelValue(input.expression, context);
    } catch (err) {
      return where(err);
    }
  });
  const matched = table.rules
    .map((rule, i) => ({ rule, index: i + 1 }))
    .filter(({ rule }) => rule.inputEntries.every((entry, j) => {
      try {
        return matches(entry, raw[j] ?? null, context);
      } catch (err) {
        return where(err);
      }
    }));
  const outputOf = (entries: string[]): Record<string, unknown> =>
    Object.fromEntries(table.outputs.map((o, j) => [o.name, evalFeel(entries[j] ?? 'null', context)]));
  const shape = (row: Record<string, unknown>): unknown => (table.outputs.length === 1 ? row[table.outputs[0]!.name] : row);
  // Rules by their number in the table (as dmn-js shows them), not their ids: what the owner sees.
  const ruleNumbers = (list: typeof matched) => list.map(({ index }) => index).join(', ');
  const decisionName = d.name ?? d.id;

  let chosen = matched;
  let result: unknown;
  const defaults = (): unknown => {
    if (!table.outputs.some((o) => o.defaultEntry !== undefined)) return null;
    return shape(Object.fromEntries(table.outputs.map((o) => [o.name, o.defaultEntry === undefined ? null : evalFeel(o.defaultEntry, context)])));
  };
  const rows = () => chosen.map(({ rule }) => outputOf(rule.outputEntries));
  const rank = (row: Record<string, unknown>): number[] =>
    table.outputs.map((o) => {
      const i = (o.priorities ?? []).findIndex((p) => same(evalFeel(p, {}), row[o.name]));
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    });
  const byPriority = (a: { row: Record<string, unknown> }, b: { row: Record<string, unknown> }): number => {
    const ra = rank(a.row);
    const rb = rank(b.row);
    for (let i = 0; i < ra.length; i += 1) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return 0;
  };

  try {
    switch (table.hitPolicy) {
      case 'UNIQUE':
        if (matched.length > 1) {
          throw new DecisionEvaluationError('dmn.unique.multiple', { decision: decisionName, rules: ruleNumbers(matched) }, `Decision "${decisionName}" (hit policy UNIQUE) matched ${matched.length} rules (rules ${ruleNumbers(matched)}); exactly one may match.`);
        }
        if (matched.length === 0) {
          result = defaults();
          if (result === null) throw new DecisionEvaluationError('dmn.unique.noMatch', { decision: decisionName }, `Decision "${decisionName}" (hit policy UNIQUE) matched no rule and has no default output.`);
        } else result = shape(rows()[0]!);
        break;
      case 'FIRST':
        chosen = matched.slice(0, 1);
        result = chosen.length ? shape(rows()[0]!) : defaults();
        break;
      case 'ANY': {
        const all = rows();
        if (all.some((r) => !same(r, all[0]))) {
          throw new DecisionEvaluationError('dmn.any.conflict', { decision: decisionName, rules: ruleNumbers(matched) }, `Decision "${decisionName}" (hit policy ANY) matched rules ${ruleNumbers(matched)} with different outputs.`);
        }
        result = all.length ? shape(all[0]!) : defaults();
        break;
      }
      case 'PRIORITY': {
        const sorted = rows().map((row, i) => ({ row, m: matched[i]! })).sort(byPriority);
        chosen = sorted.slice(0, 1).map((s) => s.m);
        result = sorted.length ? shape(sorted[0]!.row) : defaults();
        break;
      }
      case 'OUTPUT ORDER': {
        const sorted = rows().map((row, i) => ({ row, m: matched[i]! })).sort(byPriority);
        chosen = sorted.map((s) => s.m);
        result = sorted.map((s) => shape(s.row));
        break;
      }
      case 'RULE ORDER':
        result = rows().map(shape);
        break;
      case 'COLLECT': {
        const values = rows().map(shape);
        if (!table.aggregation) result = values;
        else if (table.aggregation === 'COUNT') result = values.length;
        else {
          const numbers = values.filter((v): v is number => typeof v === 'number');
          if (numbers.length !== values.length) {
            throw new DecisionEvaluationError('dmn.aggregation.notNumber', { decision: decisionName, aggregation: table.aggregation, rules: ruleNumbers(matched) }, `Decision "${decisionName}" aggregates with ${table.aggregation}, but rules ${ruleNumbers(matched)} give values that are not numbers.`);
          }
          if (numbers.length === 0) result = null;
          else if (table.aggregation === 'SUM') result = numbers.reduce((a, b) => a + b, 0);
          else if (table.aggregation === 'MIN') result = Math.min(...numbers);
          else result = Math.max(...numbers);
        }
        break;
      }
    }
  } catch (err) {
    if (err instanceof DecisionEvaluationError) throw err;
    return where(err);
  }
  return {
    decisionId: d.id,
    ...(d.name && { decisionName: d.name }),
    inputs: table.inputs.map((input, j) => ({ id: input.id, ...(input.label && { label: input.label }), value: plain(raw[j]) })),
    matchedRules: chosen.map(({ rule, index }) => ({ id: rule.id, index, ...(rule.description && { description: rule.description }) })),
    result,
  };
}

/** A FEEL value as JSON (dates as their ISO text), as evalFeel returns it. */
function plain(value: unknown): unknown {
  return evalFeel('v', { v: value ?? null });
}

export function evaluateDecision(model: DecisionModel, decisionId: string, variables: Record<string, unknown>): DecisionOutcome {
  if (!Object.hasOwn(model.decisions, decisionId)) {
    throw new DecisionEvaluationError('dmn.decision.unknown', { decision: decisionId, key: model.key }, `Decision "${decisionId}" is not in ${model.name} (${model.key}).`);
  }
  const evaluated: DecisionTrace[] = [];
  const results = new Map<string, unknown>();
  const run = (id: string): unknown => {
    if (results.has(id)) return results.get(id);
    const d = model.decisions[id]!;
    const context: Record<string, unknown> = { ...variables };
    for (const r of d.requires) context[r] = run(r);
    const name = d.name ?? d.id;
    const where = (err: unknown): never => {
      const detail = err instanceof FeelEvaluationError || err instanceof Error ? err.message : String(err);
      throw new DecisionEvaluationError('dmn.feel.failed', { decision: name, detail }, `Decision "${name}" could not be evaluated: ${detail}`);
    };
    let trace: DecisionTrace;
    if (d.logic.kind === 'table') trace = evalTable(d, d.logic, context, where);
    else {
      let result: unknown;
      try {
        result = evalFeel(d.logic.expression, context);
      } catch (err) {
        where(err);
      }
      trace = { decisionId: d.id, ...(d.name && { decisionName: d.name }), inputs: [], matchedRules: [], result };
    }
    evaluated.push(trace);
    results.set(id, trace.result);
    return trace.result;
  };
  const result = run(decisionId);
  return { decisionId, result, evaluated };
}
