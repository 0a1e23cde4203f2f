import { evaluate } from 'feelin';
import { instrument, metered, meteringContext, weighResult, type MeterOptions } from './feel-budget';

// FEEL as the engine evaluates it: in the workflow, and in activities and the CLI (DMN). In a
// workflow the Temporal sandbox makes Date deterministic (workflow time), so feelin's
// now()/today() already read the workflow clock; values are normalised to
// plain JSON so they can live in variables, queries and history. Every evaluation runs against
// the budget of feel-budget.ts, so a hostile expression fails its own step instead of the worker.
//
// In the workflow bundle this module and everything it imports are preloaded: evaluated once per
// worker thread and shared, deep-frozen, by every run (server/temporal/workflow-bundle.ts). Keep
// the graph free of per-run state: no module-level variable that outlives a synchronous call.

export class FeelEvaluationError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(`FEEL "${expression}": ${message}`);
    this.name = 'FeelEvaluationError';
  }
}

function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const v = value as { toString(): string; constructor?: { name?: string } };
    // FeelDate / FeelDateTime / FeelDuration / FeelTime carry their ISO form in toString().
    if (v.constructor && v.constructor !== Object) return String(v);
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, toPlain(x)]));
  }
  if (typeof value === 'function') return null;
  return value;
}

export function evalFeel(expression: string, context: Record<string, unknown>, opts: MeterOptions = {}): unknown {
  try {
    return metered(() => {
      const { value } = evaluate(instrument(expression, context), { ...context, ...meteringContext });
      weighResult(value);
      return toPlain(value);
    }, opts);
  } catch (err) {
    throw new FeelEvaluationError(expression, err instanceof Error ? err.message : String(err));
  }
}
