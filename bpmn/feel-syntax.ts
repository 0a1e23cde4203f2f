import { parseExpression, parseUnaryTests } from 'feelin';

// Pure and dependency-light so the interpreter can reuse it to re-check expressions at run time.

/**
 * Why `expr` (a FEEL expression without Camunda's leading `=`, or a DMN input entry's unary
 * tests such as `>= 10` or `"A","B"`) is not valid FEEL,
 * or undefined when it parses.
 */
export function feelSyntaxError(expr: string, kind: 'expression' | 'unaryTests' = 'expression'): string | undefined {
  if (expr.trim() === '') return 'the expression is empty';
  let tree;
  try {
    tree = kind === 'unaryTests' ? parseUnaryTests(expr, {}, undefined) : parseExpression(expr, {}, undefined);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  // lezer recovers from syntax errors by inserting error nodes instead of throwing.
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      return cursor.from >= expr.length
        ? 'the expression ends too early'
        : `unexpected input at character ${cursor.from + 1}`;
    }
  } while (cursor.next());
  return undefined;
}
