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

type Reported = ModdleElement | { id: string; type: string };
type Details = Pick<ModelProblem, 'code' | 'params' | 'elementIds'>;

const problemOf = (el: Reported, message: string, details: Details = {}): ModelProblem => ({
  elementId: '$type' in el ? idOf(el) : el.id,
  elementType: '$type' in el ? typeName(el) : el.type,
  message,
  ...details,
});

/** Collects every problem of a compilation so the owner sees them all at once, not one per upload. */
export class CompileContext {
  readonly problems: ModelProblem[] = [];
  /** What deploys but deserves a second look; never stops a deployment. */
  readonly warnings: ModelProblem[] = [];

  constructor(readonly options: CompileOptions = {}) {}

  report(el: Reported, message: string, details?: Details): void {
    this.problems.push(problemOf(el, message, details));
  }

  warn(el: Reported, message: string, details?: Details): void {
    this.warnings.push(problemOf(el, message, details));
  }

  /**
   * Reports `expr` (already without its `=`) when it is not valid FEEL, or when its own text
   * shows it would exceed the evaluation budget; returns whether it parsed.
   */
  checkFeel(el: ModdleElement, expr: string, where: string): boolean {
    const error = feelSyntaxError(expr);
    if (error !== undefined) {
      this.report(el, `FEEL does not parse: "${expr}" (${where}: ${error}).`, { code: 'bpmn.feel.syntax', params: { expr, where } });
      return false;
    }
    const tooBig = feelBudgetProblem(expr);
    if (tooBig !== undefined) this.report(el, `FEEL would exceed the evaluation budget: "${expr}" (${where}: ${tooBig}).`, { code: 'feel.overBudget' });
    return true;
  }
}
