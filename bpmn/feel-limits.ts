import { parseExpression } from 'feelin';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

// One FEEL expression runs inside its case's workflow task, on the worker every case shares.
// `count(for i in 1..100000000 return i)` once grew the worker to 1.6 GB and crashed it, so an
// evaluation has a budget (enforced at run time by bpmn/feel-budget.ts) and the
// compiler refuses what is over it on the face of the diagram.

/**
 * Work one evaluation may do: elements iterated (ranges, lists of `for` / `some` / `every`,
 * filters), function calls, and the elements and entries of values handed to functions.
 * A list of a few hundred records with a loop over it stays far below.
 */
export const FEEL_MAX_STEPS = 100_000;

/** Largest value (characters of a string, elements and entries of lists and contexts, all levels). */
export const FEEL_MAX_SIZE = 1_000_000;

/** Children of a syntax node that carry meaning (comments are "skipped" nodes). */
export function feelChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!c.type.isSkipped) out.push(c);
  return out;
}

/** The integer bounds of `a..b` when both are number literals (possibly negated). */
function literalRangeSize(ctx: SyntaxNode, expr: string): number | undefined {
  const parts = feelChildren(ctx);
  if (parts.length !== 3 || parts[1]!.name !== '..') return undefined;
  const bound = (n: SyntaxNode): number | undefined => {
    const text = expr.slice(n.from, n.to).replace(/\s+/g, '');
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  };
  const a = bound(parts[0]!);
  const b = bound(parts[2]!);
  return a === undefined || b === undefined ? undefined : Math.floor(Math.abs(b - a)) + 1;
}

/**
 * Why `expr` (valid FEEL) is certain to exceed the evaluation budget, or undefined. Only what
 * the text itself shows counts: ranges with literal bounds, multiplied through the iterations
 * that enclose them (`for i in 1..1000, j in 1..1000` runs the inner range a thousand times).
 */
export function feelBudgetProblem(expr: string): string | undefined {
  let tree;
  try {
    tree = parseExpression(expr, {}, undefined);
  } catch {
    return undefined;
  }
  let problem: string | undefined;
  const visit = (node: SyntaxNode, times: number): void => {
    if (problem) return;
    if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') {
      let multiplier = times;
      for (const child of feelChildren(node)) {
        if (child.name !== 'InExpressions') {
          visit(child, multiplier);
          continue;
        }
        for (const inExpr of feelChildren(child)) {
          const iteration = feelChildren(inExpr).find((c) => c.name === 'IterationContext');
          const size = iteration ? literalRangeSize(iteration, expr) : undefined;
          if (iteration) visit(iteration, multiplier);
          if (size !== undefined) multiplier *= size;
          if (multiplier > FEEL_MAX_STEPS) {
            problem = `it iterates ${expr.slice(inExpr.from, inExpr.to)}${multiplier > (size ?? 0) ? ` (with the iterations around it, ${multiplier.toExponential(1)} times)` : ''}, more than the ${FEEL_MAX_STEPS} steps one expression may take`;
            return;
          }
        }
      }
      return;
    }
    for (const child of feelChildren(node)) visit(child, times);
  };
  visit(tree.topNode, 1);
  return problem;
}
