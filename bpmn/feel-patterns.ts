import { evaluate, parseExpression, parseUnaryTests } from 'feelin';
import { REGEX_ARGUMENTS } from './feel-budget';
import { feelChildren } from './feel-limits';
import { longestText, PATTERN_WARNING_BELOW, regexWork } from './pattern-cost';
import { patternVerdict } from './pattern-safety';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/**
 * What a diagram's own text shows about its regular expressions, for the compiler to say at deploy
 * rather than as an incident later: a literal pattern of matches / replace / split that the FEEL
 * budget always refuses (exponential backtracking), or one it refuses on texts longer than
 * `maxLength` characters (its bound C · n^k over REGEX_MAX_WORK; pattern-cost.ts).
 */
export type FeelPatternProblem =
  | { kind: 'slow'; fn: string; pattern: string }
  | { kind: 'limited'; fn: string; pattern: string; maxLength: number };

/** `kind`: a DMN rule's input entry is unary tests (`matches(?, "…")`), everything else an expression. */
export function feelPatternProblems(expr: string, kind: 'expression' | 'unaryTests' = 'expression'): FeelPatternProblem[] {
  let tree;
  try {
    tree = kind === 'unaryTests' ? parseUnaryTests(expr, {}, undefined) : parseExpression(expr, {}, undefined);
  } catch {
    return [];
  }
  const problems: FeelPatternProblem[] = [];
  const literal = (node: SyntaxNode | undefined): string | undefined => {
    if (node?.name !== 'StringLiteral') return undefined;
    try {
      const value = evaluate(expr.slice(node.from, node.to)).value;
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'FunctionInvocation') {
      const [callee, , args] = feelChildren(node);
      const fn = callee ? expr.slice(callee.from, callee.to).trim() : '';
      const params = Object.hasOwn(REGEX_ARGUMENTS, fn) ? REGEX_ARGUMENTS[fn] : undefined;
      if (params && args) {
        const argument = ([position, name]: [number, string]): SyntaxNode | undefined => {
          const items = feelChildren(args);
          if (args.name === 'PositionalParameters') return items[position];
          const named = items.find((p) => {
            const [label] = feelChildren(p);
            return label !== undefined && expr.slice(label.from, label.to).trim() === name;
          });
          return named ? feelChildren(named)[1] : undefined;
        };
        const pattern = literal(argument(params.pattern));
        const flagsNode = params.flags ? argument(params.flags) : undefined;
        // Flags not written as a literal: the estimate assumes the ones that make it larger.
        const flags = flagsNode ? (literal(flagsNode) ?? 'im') : '';
        if (pattern !== undefined) {
          try {
            const verdict = patternVerdict(pattern, 'u');
            if (verdict === 'slow') problems.push({ kind: 'slow', fn, pattern });
            else if (verdict === 'ok') {
              const maxLength = longestText(regexWork(pattern, flags));
              if (maxLength < PATTERN_WARNING_BELOW) problems.push({ kind: 'limited', fn, pattern, maxLength });
            }
          } catch {
            // A pattern these checks cannot read is left to the run-time budget: a deploy never fails on its own check.
          }
        }
      }
    }
    for (const child of feelChildren(node)) visit(child);
  };
  visit(tree.topNode);
  return problems;
}
