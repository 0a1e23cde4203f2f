import type { ModelProblem } from '../model';
import { feelSyntaxError } from '../feel-syntax';
import { feelBudgetProblem } from '../feel-limits';
import { idOf, typeName, type ModdleElement } from './moddle';

export interface CompileOptions {
  /** Registered service-task types; when given, unknown types are problems. */
  readonly taskTypes?: readonly string[];
  /** Known form ids; when given, unknown forms are problems. */
  readonly formIds?: readonly string[];
  /** Deployable process keys for call activities; when given, unknown ones are problems. */
  readonly processKeys?: readonly string[];
}

/** Collects every problem of a compilation so the owner sees them all at once, not one per upload. */
export class CompileContext {
  readonly problems: ModelProblem[] = [];

  constructor(readonly options: CompileOptions = {}) {}

  report(el: ModdleElement | { id: string; type: string }, message: string): void {
    const elementId = '$type' in el ? idOf(el) : el.id;
    const elementType = '$type' in el ? typeName(el) : el.type;
    this.problems.push({ elementId, elementType, message });
  }

  /**
   * Reports `expr` (already without its `=`) when it is not valid FEEL, or when its own text
   * shows it would exceed the evaluation budget; returns whether it parsed.
   */
  checkFeel(el: ModdleElement, expr: string, where: string): boolean {
    const error = feelSyntaxError(expr);
    if (error !== undefined) {
      this.report(el, `FEEL does not parse: "${expr}" (${where}: ${error}).`);
      return false;
    }
    const tooBig = feelBudgetProblem(expr);
    if (tooBig !== undefined) this.report(el, `FEEL would exceed the evaluation budget: "${expr}" (${where}: ${tooBig}).`);
    return true;
  }
}
