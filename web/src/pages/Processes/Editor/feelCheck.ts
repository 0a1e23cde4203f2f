// FEEL syntax checked as the owner types, in Chinese. The same parser the engine evaluates with
// (feelin) and the same rule as the compiler's `FEEL does not parse` (bpmn/feel-syntax.ts, which
// the console may not import): a broken expression is said here before validate refuses it.
import { parseExpression } from 'feelin';

/**
 * Why a Camunda expression field's value is not valid FEEL, or null. Only a value starting with
 * `=` is FEEL; anything else is a literal and is not checked here.
 */
export function feelProblem(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  if (!text.startsWith('=')) return null;
  const expr = text.slice(1);
  if (expr.trim() === '') return 'FEEL 表达式为空：在“=”后写出表达式，或删去“=”';
  let tree;
  try {
    tree = parseExpression(expr, {}, undefined);
  } catch {
    return 'FEEL 表达式无法解析';
  }
  // lezer recovers from syntax errors by inserting error nodes instead of throwing.
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      return cursor.from >= expr.trimEnd().length
        ? 'FEEL 表达式不完整：结尾缺少内容（如缺少右括号或运算数）'
        : `FEEL 表达式有语法错误：第 ${cursor.from + 1} 个字符附近（“${expr.slice(cursor.from, cursor.from + 10)}”）`;
    }
  } while (cursor.next());
  return null;
}
