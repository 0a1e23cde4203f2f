import ret, { types, type Group, type Repetition, type Root, type Token } from 'ret';
import safeRegex from 'safe-regex2';

/**
 * Whether a regular expression a process owner wrote (a form field's format, a FEEL matches /
 * replace / split) may run on values people type: one that backtracks exponentially on a crafted
 * value would hold the worker (or the API) for minutes. Refused, as "slow":
 * - a repetition of variable count inside one that repeats, (a+)+, (a?)*, (a{1,2})* — except where
 *   the outer one is bounded and all inside it is too, with few ways to match ((\d{1,3}\.){3}), or
 *   the inner count is fixed ((\d{3})*); an optional group, (\.\d+)?, repeats nothing;
 * - a repeated group holding an alternation, (a|a)* or (\d|\d\d)+: its branches may match the
 *   same text, and the engine tries every way of splitting it — safe-regex2 lets these through;
 * - back-references and lookarounds, which no linear-time engine runs.
 * Deterministic and cheap (it runs inside workflow code, on every FEEL call with a pattern). Some
 * harmless patterns are refused too (([a-z]|[0-9])+ reads [a-z0-9]+); the message says how to write them.
 */
export type PatternVerdict = 'ok' | 'invalid' | 'slow';

/**
 * `posixClassEnd`: read a `]` right after `[` or `[^` as a literal, as this check did before f327617 (wrongly for
 * JavaScript); only to tell whether a case's recorded history ran a pattern that is refused now (feel-budget.ts).
 * `legacyNesting`: judge nesting by safe-regex2's star height, as this check did before nestedRepetition below (any
 * repetition inside any other, so ^\d+(\.\d+)?$ was refused); likewise only for histories (feel-budget.ts).
 */
export function patternVerdict(pattern: string, flags = '', opts: { posixClassEnd?: boolean; legacyNesting?: boolean } = {}): PatternVerdict {
  try {
    new RegExp(pattern, flags);
  } catch {
    return 'invalid';
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern)) return 'slow';
  if (repeatedAlternation(pattern, opts.posixClassEnd ?? false)) return 'slow';
  if (opts.legacyNesting) return safeRegex(pattern) ? 'ok' : 'slow';
  return nestedRepetition(pattern) ? 'slow' : 'ok';
}

/** As safe-regex2: more repetitions than this in one pattern are refused whatever their shape. */
const MAX_REPETITIONS = 25;
/** An outer repetition bounded this far, over a bounded inside, tries few enough ways per position to be linear. */
const MAX_BOUNDED_WAYS = 1000;
/** A count past this is read as unbounded by ways() (V8 clamps counts past 2^31 − 1, which ret reads as written). */
const MAX_COUNTED = 10_000;

/**
 * A repetition of variable count (min ≠ max) inside one that may run its body more than once: the ways to split a
 * text between them grow exponentially ((a+)+, (a?)*, (a{1,2})*). Not so when the outer one is bounded and holds
 * nothing unbounded, with at most MAX_BOUNDED_WAYS ways in all ((\d{1,3}\.){3}: 27); a fixed count ((\d{3})*) and
 * an optional group ((\.\d+)?) multiply nothing. Patterns the parser (ret, safe-regex2's) cannot read are refused.
 */
function nestedRepetition(pattern: string): boolean {
  // ret reads `\c` before a non-letter as a control character; JavaScript (without u) as the two characters `\c`, so
  // `[\c](a+)+]` was one class to ret and a nested repetition to V8.
  if (/\\c(?![A-Za-z])/.test(pattern.replace(/\\\\/g, ''))) return true;
  let root: Root;
  try {
    root = ret(pattern);
  } catch {
    return true;
  }
  let repetitions = 0;
  const slow = (token: Token | Root, outer: Repetition[]): boolean => {
    if (token.type === types.REPETITION) {
      if (++repetitions > MAX_REPETITIONS) return true;
      // Written so that NaN (which ways() should never give) counts as too many.
      if (token.min !== token.max && outer.some((r) => !(ways(r) <= MAX_BOUNDED_WAYS))) return true;
      return slow(token.value, token.max > 1 ? [...outer, token] : outer);
    }
    if (token.type !== types.GROUP && token.type !== types.ROOT) return false;
    return sequencesOf(token).some((sequence) => sequence.some((t) => slow(t, outer)));
  };
  return slow(root, []);
}

const sequencesOf = (group: Group | Root): Token[][] => group.options ?? [group.stack ?? []];

/**
 * How many ways a token may match at one position, at most: Infinity for an unbounded repetition, or a count past
 * MAX_COUNTED or out of order; otherwise capped, never overflowing, in steps bounded whatever the counts.
 */
function ways(token: Token): number {
  const CAP = 1e9;
  if (token.type === types.REPETITION) {
    if (!(token.max <= MAX_COUNTED) || !(token.min <= token.max)) return Infinity;
    const body = Math.max(1, ways(token.value));
    if (body === 1) return token.max - token.min + 1;
    let total = 0;
    // body ≥ 2: body^k passes CAP within 30 steps of k.
    for (let k = token.min; k <= token.max && total < CAP; k++) total += body ** k;
    return Math.min(total, CAP);
  }
  if (token.type !== types.GROUP) return 1;
  let total = 0;
  for (const sequence of sequencesOf(token)) {
    total += sequence.reduce((product, t) => Math.min(product * ways(t), CAP), 1);
    if (total >= CAP) return CAP;
  }
  return total;
}

/** A group containing `|` (at any depth) followed by *, + or {n,m} with m > 1 (or unbounded). */
function repeatedAlternation(source: string, posixClassEnd: boolean): boolean {
  const open: boolean[] = []; // per open group: holds an alternation
  let i = 0;
  const quantifiedAt = (at: number): boolean => {
    const c = source[at];
    if (c === '*' || c === '+') return true;
    if (c !== '{') return false;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (!m) return false;
    if (m[2] === undefined) return Number(m[1]) > 1;
    return m[3] === '' || Number(m[3]) > 1;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      // a character class: its | and ( are literal. In JavaScript `[]` matches nothing and `[^]` anything: a `]` right
      // after `[` or `[^` closes the class (read as a literal, as POSIX does, it hid `[^](a|a)*` from this check).
      i++;
      if (source[i] === '^') i++;
      if (posixClassEnd && source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') open.push(false);
    else if (c === '|') {
      if (open.length) open[open.length - 1] = true;
    } else if (c === ')') {
      const alternation = open.pop() ?? false;
      if (alternation && quantifiedAt(i + 1)) return true;
      if (alternation && open.length) open[open.length - 1] = true;
    }
    i++;
  }
  return false;
}
