import { evaluate, FeelFunction, FeelRange, parseExpression } from 'feelin';
import { REGEX_MAX_WORK, regexWork } from './pattern-cost';
import { patternVerdict } from './pattern-safety';
import { feelChildren, FEEL_MAX_SIZE, FEEL_MAX_STEPS } from './feel-limits';

// The run-time half of the FEEL budget (bpmn/feel-limits.ts says why). feelin has no hook of
// its own, so an evaluation is metered three ways, all counting work, never reading a clock:
//  - every range it enumerates and every function it calls goes through FeelRange#map and
//    FeelFunction#invoke, which are wrapped once for this bundle;
//  - the places where FEEL repeats work without calling anything (the lists of `for`, `some`,
//    `every` and filters, a `for`'s value on each turn, context entries that build on each
//    other) are rewritten to pass through two metering functions before feelin sees the text;
//  - the final value is weighed before it is copied into the case.
// Past the budget the evaluation throws FeelBudgetExceeded, which becomes an incident of the
// step that evaluated it (see feel.ts and the interpreter's `feel`).

export class FeelBudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeelBudgetExceeded';
  }
}

const overSteps = () => new FeelBudgetExceeded(`the evaluation would take more than ${FEEL_MAX_STEPS} steps (elements iterated, functions called)`);
const overSize = () => new FeelBudgetExceeded(`a value would be larger than ${FEEL_MAX_SIZE} characters or elements`);

class Meter {
  steps = 0;

  constructor(
    readonly refuseSlowPattern: () => boolean,
    readonly allowBoundedNesting: () => boolean,
  ) {}

  charge(n: number): void {
    this.steps += n;
    if (this.steps > FEEL_MAX_STEPS) throw overSteps();
  }

  /** Checks `value` against FEEL_MAX_SIZE, paying one step per string, element and entry visited. */
  weigh(value: unknown): void {
    let size = 0;
    let visited = 0;
    const stack: unknown[] = [value];
    try {
      while (stack.length > 0) {
        const v = stack.pop();
        visited += 1;
        if (visited > FEEL_MAX_STEPS) throw overSteps();
        if (typeof v === 'string') size += v.length;
        else if (Array.isArray(v)) {
          size += 1;
          for (const x of v) stack.push(x);
        } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
          size += 1;
          for (const x of Object.values(v)) stack.push(x);
        } else size += 1;
        if (size > FEEL_MAX_SIZE) throw overSize();
      }
    } finally {
      this.charge(visited);
    }
  }
}

let meter: Meter | undefined;

export interface MeterOptions {
  /**
   * Asked only when a pattern's polynomial bound on its text is over REGEX_MAX_WORK: refuse it (the default), or run
   * it as before that bound existed (workflow code answers through patched(), so a history recorded before replays).
   */
  refuseSlowPattern?: () => boolean;
  /**
   * Asked only at a pattern that the nesting check (pattern-safety.ts) and safe-regex2's star height, used before it,
   * judge differently (^\d+(\.\d+)?$ was refused): judge it by the nesting check (the default), or as then (patched(), as above).
   */
  allowBoundedNesting?: () => boolean;
}

/** Runs `fn` (a synchronous feelin call) against a fresh budget. */
export function metered<T>(fn: () => T, opts: MeterOptions = {}): T {
  const outer = meter;
  meter = new Meter(opts.refuseSlowPattern ?? (() => true), opts.allowBoundedNesting ?? (() => true));
  try {
    return fn();
  } finally {
    meter = outer;
  }
}

/** Charges and weighs `value` within the current evaluation (the final result, say). */
export function weighResult(value: unknown): void {
  meter?.weigh(value);
}

// --- ranges and function calls -------------------------------------------------------------

/** The number of values `range` enumerates, when it is a closed number range. */
function rangeLength(range: FeelRange): number | undefined {
  const { start, end } = range as unknown as { start: unknown; end: unknown };
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  return Math.abs(end - start) + 1;
}

// feelin compiles these with the `u` flag and runs them inside the workflow; nested repetition
// would backtrack exponentially on a crafted input (the form patterns are refused for the same reason).
const REGEX_BUILTINS = new Map<unknown, string>(
  (['matches', 'replace', 'split'] as const).map((name) => [evaluate(name).value, name]),
);

/** Where matches / replace / split take their text, pattern and flags: [position, name] (feelin's signatures). */
export const REGEX_ARGUMENTS: Record<string, { text: [number, string]; pattern: [number, string]; flags?: [number, string] }> = {
  matches: { text: [0, 'input'], pattern: [1, 'pattern'], flags: [2, 'flags'] },
  replace: { text: [0, 'input'], pattern: [1, 'pattern'], flags: [3, 'flags'] },
  split: { text: [0, 'string'], pattern: [1, 'delimiter'] },
};

function checkPattern(fn: FeelFunction, args: unknown, m: Meter): void {
  // Builtins are plain functions that feelin wraps in a fresh FeelFunction on every call.
  const name = REGEX_BUILTINS.get((fn as unknown as { fn: unknown }).fn);
  if (name === undefined) return;
  const argument = ([position, key]: [number, string]): unknown => (Array.isArray(args) ? args[position] : (args as Record<string, unknown>)[key]);
  const where = REGEX_ARGUMENTS[name]!;
  const pattern = argument(where.pattern);
  const text = argument(where.text);
  const flags = where.flags ? argument(where.flags) : undefined;
  if (typeof pattern !== 'string') return;
  const verdict = patternVerdict(pattern, 'u');
  if (verdict === 'invalid') return; // feelin answers null, as it always did
  // Read as this check did before it read `[]` and `[^]` as JavaScript does (f327617), a pattern refused now was run:
  // a case that ran it then replays (the same patch). Refusals older than that (e046af7, the same day) were not patched.
  // Nesting was judged by safe-regex2's star height before 1fbd775. Where the two judgements differ the case says which it
  // runs by (patched(): one recorded before replays by the star height); where they agree, and for the reading of `[]`
  // and `[^]` before f327617 below, the star height is what that code asked with, so a recorded history gets the same
  // patched() calls, in the same order.
  const byStarHeight = patternVerdict(pattern, 'u', { legacyNesting: true });
  const agreed = verdict === byStarHeight;
  const byWays = agreed || m.allowBoundedNesting();
  if (
    (byWays ? verdict : byStarHeight) === 'slow' &&
    (patternVerdict(pattern, 'u', { posixClassEnd: true, legacyNesting: agreed || !byWays }) === 'slow' || m.refuseSlowPattern())
  ) {
    throw new FeelBudgetExceeded(`the pattern ${JSON.stringify(pattern)} of ${name}() can take exponential time (a repetition inside a repetition such as (a+)+, a repeated alternation such as (a|b)*, a back-reference or a lookaround)`);
  }
  // Polynomial backtracking (a*a*b): what it may cost depends on the text, so it is weighed on each call.
  if (typeof text !== 'string' || text.length < 2) return;
  const work = regexWork(pattern, typeof flags === 'string' ? flags : '');
  const log10Steps = work.log10Factor + work.exponent * Math.log10(text.length);
  if (log10Steps > Math.log10(REGEX_MAX_WORK) && m.refuseSlowPattern()) {
    throw new FeelBudgetExceeded(
      `the pattern ${JSON.stringify(pattern)} of ${name}() may take about 10^${Math.round(log10Steps)} steps on a text of ${text.length} characters (repeated parts that may match the same characters, such as a*a*b, or many choices in a row)`,
    );
  }
}

const INSTALLED = Symbol.for('shouwen.feelBudget');

function install(): void {
  const rangeProto = FeelRange.prototype as unknown as Record<PropertyKey, unknown> & { map: (fn: (v: unknown) => unknown) => unknown[] };
  if (rangeProto[INSTALLED]) return;
  rangeProto[INSTALLED] = true;

  const map = rangeProto.map;
  rangeProto.map = function meteredMap(this: FeelRange, fn: (v: unknown) => unknown) {
    const m = meter;
    if (!m) return map.call(this, fn);
    // Refuse a range that is too long before enumerating it; still pay per element, because
    // feelin only stops a number range when it lands exactly on its end (1..2.5 never does).
    const length = rangeLength(this);
    if (length !== undefined && length > FEEL_MAX_STEPS) {
      throw new FeelBudgetExceeded(`the range ${String(this)} has ${length} values, more than the ${FEEL_MAX_STEPS} steps one expression may take`);
    }
    if (length !== undefined && m.steps + length > FEEL_MAX_STEPS) throw overSteps();
    return map.call(this, (v: unknown) => {
      m.charge(1);
      return fn(v);
    });
  };

  const fnProto = FeelFunction.prototype as unknown as { invoke: (args: unknown) => unknown };
  const invoke = fnProto.invoke;
  fnProto.invoke = function meteredInvoke(this: FeelFunction, args: unknown) {
    const m = meter;
    if (!m) return invoke.call(this, args);
    m.charge(1);
    m.weigh(args);
    checkPattern(this, args, m);
    const result = invoke.call(this, args);
    m.weigh(result);
    return result;
  };
}

install();

// --- rewriting ---------------------------------------------------------------------------

/** Metering functions the rewritten text calls; their own calls are not charged as user calls. */
class MeteringFunction extends FeelFunction {
  override invoke(args: unknown): unknown {
    const value = Array.isArray(args) ? args[0] : (args as { value?: unknown }).value;
    return (this as unknown as { fn: (v: unknown) => unknown }).fn(value);
  }
}

const EACH = '__shouwen_each';
const VALUE = '__shouwen_value';

export const meteringContext: Readonly<Record<string, FeelFunction>> = {
  // A list about to be iterated: one step per element, each time it is iterated.
  [EACH]: new MeteringFunction((value: unknown) => {
    if (Array.isArray(value)) meter?.charge(value.length);
    return value;
  }, ['value']),
  // A value produced once per turn of a loop or per context entry: its size (at least a step).
  [VALUE]: new MeteringFunction((value: unknown) => {
    meter?.weigh(value);
    return value;
  }, ['value']),
};

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** Which metering function, if any, wraps `child` of `parent` (index among meaningful children). */
function wrapperOf(parent: SyntaxNode, children: SyntaxNode[], child: SyntaxNode): string | undefined {
  switch (parent.name) {
    case 'IterationContext':
      // `a..b` is metered by FeelRange#map; `[a..b]` is an interval, not an expression.
      return children.length === 1 && child.name !== 'SimplePositiveUnaryTest' ? EACH : undefined;
    case 'FilterExpression':
      return child === children[0] ? EACH : undefined;
    case 'ForExpression': {
      const ret = children.findIndex((c) => c.name === 'return');
      return ret >= 0 && child === children[ret + 1] ? VALUE : undefined;
    }
    case 'ContextEntry':
      return children.length === 2 && child === children[1] && child.name !== 'FunctionDefinition' ? VALUE : undefined;
    default:
      return undefined;
  }
}

function render(expr: string, node: SyntaxNode): string {
  const children = feelChildren(node);
  if (children.length === 0) return expr.slice(node.from, node.to);
  let out = '';
  let at = node.from;
  for (const child of children) {
    out += expr.slice(at, child.from);
    const inner = render(expr, child);
    const wrapper = wrapperOf(node, children, child);
    out += wrapper ? `${wrapper}(${inner})` : inner;
    at = child.to;
  }
  return out + expr.slice(at, node.to);
}

/**
 * `expr` with its repeating parts passed through the metering functions of meteringContext;
 * unchanged when it does not parse, so feelin reports the error at the author's positions.
 */
export function instrument(expr: string, context: Record<string, unknown>): string {
  const tree = parseExpression(expr, context, undefined);
  let broken = false;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) broken = true;
      return !broken;
    },
  });
  return broken ? expr : render(expr, tree.topNode);
}
