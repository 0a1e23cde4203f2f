import safeRegex from 'safe-regex2';

/**
 * Whether a regular expression a process owner wrote (a form field's format, a FEEL matches /
 * replace / split) may run on values people type: one that backtracks exponentially on a crafted
 * value would hold the worker (or the API) for minutes. Refused, as "slow":
 * - a repetition inside a repetition, (a+)+ (safe-regex2's star height);
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
 */
export function patternVerdict(pattern: string, flags = '', opts: { posixClassEnd?: boolean } = {}): PatternVerdict {
  try {
    new RegExp(pattern, flags);
  } catch {
    return 'invalid';
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern)) return 'slow';
  if (repeatedAlternation(pattern, opts.posixClassEnd ?? false)) return 'slow';
  return safeRegex(pattern) ? 'ok' : 'slow';
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
