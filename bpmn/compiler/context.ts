import type { ModelProblem } from '../model';
import { feelSyntaxError } from '../feel-syntax';
import { feelBudgetProblem } from '../feel-limits';
import { feelPatternProblems } from '../feel-patterns';
import { idOf, nameOf, namesById, typeName, type ModdleElement } from './moddle';

export interface CompileOptions {
  /** Registered service-task types; when given, unknown types are problems. */
  readonly taskTypes?: readonly string[];
  /** Known form ids; when given, unknown forms are problems. */
  readonly formIds?: readonly string[];
  /** Deployable process keys for call activities; when given, unknown ones are problems. */
  readonly processKeys?: readonly string[];
  /** Decision ids of the deployed DMN files; when given, unknown ones are problems. */
  readonly decisionIds?: readonly string[];
}

type Reported = ModdleElement | { id: string; type: string };
/** Every problem has a stable `code` the console words in the reader's language; `params` fill it in. */
type Details = Pick<ModelProblem, 'params' | 'elementIds' | 'pathElements'> & { code: string };

/** Where a FEEL expression sits, for the console's wording (`feelPlace.<kind>`), with the mapping's target if any. */
export interface FeelPlace {
  kind: 'assignee' | 'candidateDepartment' | 'inputCollection' | 'script' | 'condition' | 'inputMapping' | 'outputMapping' | 'timerDuration' | 'timerDate' | 'dueDuration' | 'dueDate' | 'correlationKey';
  target?: string;
}

const FEEL_PLACE_WORDS: Record<FeelPlace['kind'], string> = {
  assignee: 'assignee',
  candidateDepartment: 'candidate department',
  inputCollection: 'input collection',
  script: 'script',
  condition: 'condition',
  inputMapping: 'input mapping',
  outputMapping: 'output mapping',
  timerDuration: 'timer duration',
  timerDate: 'timer date',
  dueDuration: 'due duration',
  dueDate: 'due date',
  correlationKey: 'correlation key',
};

/** Collects every problem of a compilation so the owner sees them all at once, not one per upload. */
export class CompileContext {
  readonly problems: ModelProblem[] = [];
  /** What deploys but deserves a second look; never stops a deployment. */
  readonly warnings: ModelProblem[] = [];

  /** The names of the file's elements, once it is read: problems found on the mapped graph name their element by it. */
  private names = new Map<string, string>();

  constructor(readonly options: CompileOptions = {}) {}

  /** Learns the name of every element of the file read (`definitions`), for the problems reported after. */
  learnNames(definitions: ModdleElement): void {
    this.names = namesById(definitions);
  }

  report(el: Reported, message: string, details: Details): void {
    this.problems.push(this.problemOf(el, message, details));
  }

  warn(el: Reported, message: string, details: Details): void {
    this.warnings.push(this.problemOf(el, message, details));
  }

  private problemOf(el: Reported, message: string, details: Details): ModelProblem {
    const elementId = '$type' in el ? idOf(el) : el.id;
    const elementName = ('$type' in el ? nameOf(el) : undefined) ?? (elementId ? this.names.get(elementId) : undefined);
    return { elementId, elementType: '$type' in el ? typeName(el) : el.type, ...(elementName && { elementName }), message, ...details };
  }

  /**
   * Reports `expr` (already without its `=`) when it is not valid FEEL, or when its own text
   * shows it would exceed the evaluation budget; returns whether it parsed.
   */
  checkFeel(el: ModdleElement, expr: string, place: FeelPlace): boolean {
    const where = FEEL_PLACE_WORDS[place.kind] + (place.target === undefined ? '' : ` to "${place.target}"`);
    const params = { expr, where, place: place.kind, ...(place.target !== undefined && { target: place.target }) };
    const error = feelSyntaxError(expr);
    if (error !== undefined) {
      this.report(el, `FEEL does not parse: "${expr}" (${where}: ${error}).`, { code: 'bpmn.feel.syntax', params });
      return false;
    }
    const tooBig = feelBudgetProblem(expr);
    if (tooBig !== undefined) this.report(el, `FEEL would exceed the evaluation budget: "${expr}" (${where}: ${tooBig}).`, { code: 'feel.overBudget', params });
    // A literal pattern the budget refuses at run time, said now: always (exponential), or on texts over a length (a warning).
    for (const p of feelPatternProblems(expr)) {
      const about = { ...params, function: p.fn, pattern: p.pattern };
      if (p.kind === 'slow') {
        this.report(el, `FEEL ${p.fn}() pattern ${JSON.stringify(p.pattern)} can take exponential time (${where}).`, { code: 'feel.slowPattern', params: about });
      } else {
        this.warn(el, `FEEL ${p.fn}() pattern ${JSON.stringify(p.pattern)} is refused on texts over ${p.maxLength} characters (${where}).`, {
          code: 'feel.patternTextLimit',
          params: { ...about, maxLength: p.maxLength },
        });
      }
    }
    return true;
  }
}
