/**
 * How much work a regular expression may take on a text of n characters, as C · n^k: the polynomial
 * class that bpmn/pattern-safety.ts lets through. Patterns with no repetition inside a repetition
 * still backtrack polynomially when several unbounded parts may share out the same stretch of text
 * (`a*a*a*b` tries every way of splitting a run of a's in three: 13 s on 3,000 characters), and
 * by a constant that can be huge when many bounded choices follow each other (`(?:a|aa)` thirty
 * times). FEEL's matches / replace / split run with the `u` flag (feelin's), where V8's linear-time
 * fallback does not apply, so the FEEL budget (feel-budget.ts) weighs C · n^k before running one.
 *
 * An upper bound, deterministic and cheap (it runs inside workflow code):
 * - a sequence is cut into stretches where a part that must match accepts no character any
 *   unbounded part before it (in the same stretch) accepts — those parts cannot reach past it;
 * - in a stretch, the unbounded parts (*, +, {n,}) that accept a character another one there accepts
 *   trade characters: t of them reach the stretch's end in about n^(t−1) ways, and the stretches'
 *   ways multiply: k = 1 + Σ (t − 1) when any part is unbounded;
 * - a bounded choice multiplies C: {m,M} by M − m + 1, `?` by 2, a group's alternatives by their
 *   number; a bounded repetition of a group repeats its own factor;
 * - an unbounded part that ends the pattern (nothing after it, not even `$`) never makes a match
 *   fail and is not counted: `.*退款.*` has one, not two;
 * - one more for the start positions a search tries, unless the pattern is anchored with `^` (no `m`);
 * - a group's own unbounded parts join the sequence around it as parts accepting anything.
 * Characters are compared on a sample of scripts plus every character the pattern writes (a range's
 * ends among them); a class the sample cannot tell (nothing of it sampled, or a Unicode property)
 * is taken to share characters with every other part.
 */
export interface RegexWork {
  /** k: the exponent of the text's length. */
  exponent: number;
  /** log10 of C, the constant factor. */
  log10Factor: number;
}

type CharSet = { kind: 'any' } | { kind: 'atom'; source: string };
interface Part {
  set: CharSet;
  /** Matches at least one character. */
  required: boolean;
  /** Matches any number of characters (*, +, {n,}). */
  unbounded: boolean;
}
interface Sequence {
  parts: Part[];
  log10Factor: number;
  /** An anchor or assertion follows the last part: that part can make a match fail. */
  endsAnchored: boolean;
}

const SAMPLE = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'\t\n\r\v\f\u00a0\u3000\u2028\u2029\u0085',
  ...'一中国客户龥丁七，。！？、（）【】０９Ａｚ',
  ...'éßñÿĀžƀΩαжЖяאبअกあアカ가ㄱ𠀀😀',
];

/** Patterns up to this long are remembered (a pattern built at run time may be a million characters: not kept). */
const REMEMBERED_UP_TO = 1000;
const known = new Map<string, RegexWork>();
/** Character classes compared on the sample per pattern, at most; past them a class is taken to share characters with anything. */
const MAX_SAMPLED_CLASSES = 64;
/** Groups nested deeper than this are not read (the reading is recursive): such a pattern is taken as slow as can be. */
const MAX_DEPTH = 100;
const UNREADABLE: RegexWork = { exponent: MAX_DEPTH, log10Factor: 0 };

/**
 * The most work one run of a pattern may be worth, as its bound C · n^k on its text: about 0.1–0.2 s of backtracking
 * on a slow core. A search with one unbounded part before a failing one keeps texts up to 10,000 characters (`\d+x`),
 * two trading parts 464 (`a*a*b`). FEEL's matches / replace / split (feel-budget.ts) and form formats (form-data.ts).
 */
export const REGEX_MAX_WORK = 1e8;

/** The longest text a pattern may run on within REGEX_MAX_WORK: C · n^k ≤ it (k = 0: any text, or none past 1 character). */
export function longestText(work: RegexWork): number {
  const room = Math.log10(REGEX_MAX_WORK) - work.log10Factor;
  if (work.exponent === 0) return room >= 0 ? Infinity : 1;
  return Math.floor(10 ** (room / work.exponent));
}

/**
 * The longest value a form field's format (a pattern without flags) is run on, or Infinity. The API and the worker run
 * such a pattern on V8's linear-time engine once it backtracks too much (server/util/linear-regexp.ts), unless its counts
 * replicate more than 16 times, which that engine does not take (`\d{0,17}`, or `{4}` inside `{5}`; read here as the
 * product of every count written, which can only overstate): only then is its bound C · n^k a limit. A cost that does
 * not grow with the text (k = 0) is none.
 */
export function formatTextLimit(pattern: string): number {
  let replication = 1;
  for (const [, low, comma, high] of pattern.matchAll(/\{(\d+)(,?)(\d*)\}/g)) {
    replication *= Math.max(Number(low), comma && high !== '' ? Number(high) : 1, 1);
    if (replication > LINEAR_ENGINE_REPLICATION) break;
  }
  if (replication <= LINEAR_ENGINE_REPLICATION) return Infinity;
  const work = regexWork(pattern);
  return work.exponent === 0 ? Infinity : longestText(work);
}

/** V8's experimental (linear) engine replicates a counted body at most this many times (experimental-compiler.cc). */
const LINEAR_ENGINE_REPLICATION = 16;

/** Texts up to this long are what fields hold (a comment is at most 4,000): a lower limit is worth a deploy warning. */
export const PATTERN_WARNING_BELOW = 5000;

/** C · n^k for `pattern` (remembered: the same pattern is weighed again on every call, in loops too). */
export function regexWork(pattern: string, flags = ''): RegexWork {
  // Only what the estimate reads of the flags is in the key (the flags are the author's text: `/` in them must not forge one).
  const key = `${flags.includes('i') ? 'i' : ''}${flags.includes('m') ? 'm' : ''}/${pattern}`;
  let work = known.get(key);
  if (!work) {
    work = nestingDepth(pattern) > MAX_DEPTH ? UNREADABLE : estimate(pattern, flags);
    if (pattern.length <= REMEMBERED_UP_TO) {
      if (known.size >= 500) known.clear();
      known.set(key, work);
    }
  }
  return work;
}

/** How deep the pattern's groups nest, read without recursion. */
function nestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '(') deepest = Math.max(deepest, ++depth);
    else if (c === ')') depth--;
  }
  return deepest;
}

/** A part matching one literal character (`退`, `\.`), whose overlap is one test of the other part. */
function literalChar(set: CharSet): string | undefined {
  if (set.kind !== 'atom') return undefined;
  const chars = [...set.source];
  if (chars.length === 1 && set.source !== '.') return set.source;
  if (chars.length === 2 && chars[0] === '\\' && /[^\w\s]/.test(chars[1]!)) return chars[1];
  return undefined;
}

function estimate(pattern: string, flags: string): RegexWork {
  const probe = probeChars(pattern);
  const ignoreCase = flags.includes('i');
  const compiled = new Map<string, RegExp | null>();
  const regexOf = (source: string): RegExp | null => {
    let re = compiled.get(source);
    if (re === undefined) {
      try {
        re = new RegExp(`^(?:${source})$`, `su${ignoreCase ? 'i' : ''}`);
      } catch {
        re = null;
      }
      compiled.set(source, re);
    }
    return re;
  };
  // A class's characters among the sample (each scan reads the whole sample: at most MAX_SAMPLED_CLASSES of them).
  const accepts = new Map<string, Set<string> | 'any'>();
  const acceptedBy = (source: string): Set<string> | 'any' => {
    let s = accepts.get(source);
    if (!s) {
      const re = /\\[pP]/.test(source) || accepts.size >= MAX_SAMPLED_CLASSES ? null : regexOf(source);
      const found = new Set<string>();
      if (re) for (const c of probe) if (re.test(c)) found.add(c);
      // Nothing of it sampled (or not sampled at all): it may still share characters with anything.
      s = found.size ? found : 'any';
      accepts.set(source, s);
    }
    return s;
  };
  const overlap = (a: CharSet, b: CharSet): boolean => {
    if (a.kind === 'any' || b.kind === 'any') return true;
    const ca = literalChar(a);
    const cb = literalChar(b);
    if (ca !== undefined || cb !== undefined) {
      const [c, other] = ca !== undefined ? [ca, b] : [cb!, a];
      const re = regexOf(other.source);
      return re === null || re.test(c);
    }
    const x = acceptedBy(a.source);
    const y = acceptedBy(b.source);
    if (x === 'any' || y === 'any') return true;
    for (const c of x) if (y.has(c)) return true;
    return false;
  };

  const branchExponent = (seq: Sequence): number => {
    const parts = [...seq.parts];
    // An unbounded part ending the pattern cannot make a match fail.
    if (!seq.endsAnchored) {
      while (parts.length && parts[parts.length - 1]!.unbounded && !parts[parts.length - 1]!.required) parts.pop();
      const last = parts[parts.length - 1];
      if (last?.unbounded) parts[parts.length - 1] = { ...last, unbounded: false };
    }
    let k = 0;
    let any = false;
    // The stretch's unbounded parts, one per distinct character set (the same set trades with itself).
    let unbounded: Array<{ set: CharSet; count: number }> = [];
    const close = () => {
      if (unbounded.length === 0) return;
      any = true;
      let trading = 0;
      for (const u of unbounded) if (u.count > 1 || unbounded.some((v) => v !== u && overlap(u.set, v.set))) trading += u.count;
      k += Math.max(1, trading) - 1;
    };
    for (const part of parts) {
      if (part.required && unbounded.length > 0 && unbounded.every((u) => !overlap(u.set, part.set))) {
        close();
        unbounded = [];
      }
      if (!part.unbounded) continue;
      const source = part.set.kind === 'any' ? undefined : part.set.source;
      const same = source === undefined ? undefined : unbounded.find((u) => u.set.kind === 'atom' && u.set.source === source);
      if (same) same.count++;
      else unbounded.push({ set: part.set, count: 1 });
    }
    close();
    return k + (any ? 1 : 0);
  };

  const { branches, anchored } = parse(pattern);
  const exponent = Math.max(0, ...branches.map(branchExponent)) + (anchored && !flags.includes('m') ? 0 : 1);
  const log10Factor = Math.log10(branches.length) + branches.reduce((sum, b) => sum + b.log10Factor, 0);
  return { exponent, log10Factor };
}

/** The sample, and every character the pattern writes (literally or as an escape). */
function probeChars(pattern: string): string[] {
  const out = new Set(SAMPLE);
  for (const c of pattern) out.add(c);
  for (const m of pattern.matchAll(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g)) {
    const code = parseInt(m[1] ?? m[2] ?? m[3]!, 16);
    if (code <= 0x10ffff) out.add(String.fromCodePoint(code));
  }
  return [...out];
}

const ANY: CharSet = { kind: 'any' };
/** A bounded group repeated more than this many times adds its unbounded parts this many times (they are refused by pattern-safety anyway). */
const MAX_COPIES = 16;

/** The pattern's top-level alternatives as sequences of parts; whether every one starts with `^`. */
function parse(source: string): { branches: Sequence[]; anchored: boolean } {
  let i = 0;
  const anchoredBranches = new Set<number>();

  const readQuantifier = (): { min: number; max: number } | undefined => {
    const c = source[i];
    let q: { min: number; max: number } | undefined;
    let length = 1;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
      length = m[0].length;
    }
    if (!q) return undefined;
    i += length;
    if (source[i] === '?') i++; // lazy: the same worst case
    return q;
  };
  const choices = (q: { min: number; max: number }) => (q.max === Infinity ? 0 : Math.log10(Math.max(1, q.max - q.min + 1)));

  /** Reads up to the closing `)` (or the end); `depth` 0 is the whole pattern. */
  const readAlternatives = (depth: number): Sequence[] => {
    const branches: Sequence[] = [];
    let seq: Sequence = { parts: [], log10Factor: 0, endsAnchored: false };
    let atBranchStart = true;
    const atom = (set: CharSet) => {
      const q = readQuantifier() ?? { min: 1, max: 1 };
      seq.parts.push({ set, required: q.min >= 1, unbounded: q.max === Infinity });
      seq.log10Factor += choices(q);
      seq.endsAnchored = false;
    };
    while (i < source.length) {
      const c = source[i]!;
      if (c === ')' && depth > 0) break;
      if (c === '|') {
        branches.push(seq);
        seq = { parts: [], log10Factor: 0, endsAnchored: false };
        i++;
        atBranchStart = true;
        continue;
      }
      if (c === '^') {
        if (depth === 0 && atBranchStart) anchoredBranches.add(branches.length);
        else seq.endsAnchored = true; // an assertion after the parts before it (multiline): it can fail
        i++;
        continue;
      }
      atBranchStart = false;
      if (c === '$') {
        seq.endsAnchored = true;
        i++;
        continue;
      }
      if (c === '\\') {
        const esc = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(source.slice(i))![0];
        i += esc.length;
        if (esc === '\\b' || esc === '\\B') {
          seq.endsAnchored = true;
          continue;
        }
        atom({ kind: 'atom', source: esc });
        continue;
      }
      if (c === '[') {
        // `[]` matches nothing and `[^]` anything: a `]` right after `[` or `[^` closes the class.
        const start = i;
        i++;
        if (source[i] === '^') i++;
        while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        atom({ kind: 'atom', source: source.slice(start, i) });
        continue;
      }
      if (c === '(') {
        i++;
        const lookaround = /^\?<?[=!]/.exec(source.slice(i));
        if (lookaround) i += lookaround[0].length;
        else {
          const opening = /^\?(?::|<[^>]*>)/.exec(source.slice(i)); // (?: …) or a named group (?<name> …)
          if (opening) i += opening[0].length;
        }
        const inner = readAlternatives(depth + 1);
        i++; // the ')'
        if (lookaround) {
          seq.endsAnchored = true;
          continue;
        }
        const q = readQuantifier();
        if (!q && inner.length === 1) {
          // A plain group: its parts stand in the sequence.
          const only = inner[0]!;
          seq.parts.push(...only.parts);
          seq.log10Factor += only.log10Factor;
          if (only.parts.length || only.endsAnchored) seq.endsAnchored = only.endsAnchored;
          continue;
        }
        // Alternatives, or a repeated group: one part that may match anything, its own unbounded parts beside it.
        const copies = !q ? 1 : q.max === Infinity ? 1 : Math.min(q.max, MAX_COPIES);
        const own = inner.flatMap((s) => s.parts.filter((p) => p.unbounded));
        for (let n = 0; n < copies; n++) for (const _ of own) seq.parts.push({ set: ANY, required: false, unbounded: true });
        const once = Math.log10(inner.length) + inner.reduce((sum, s) => sum + s.log10Factor, 0);
        seq.log10Factor += (q && q.max !== Infinity ? q.max : 1) * once + (q ? choices(q) : 0);
        seq.parts.push({ set: ANY, required: false, unbounded: q?.max === Infinity });
        seq.endsAnchored = inner.some((s) => s.endsAnchored);
        continue;
      }
      const literal = String.fromCodePoint(source.codePointAt(i)!); // 😀 is one character, not two halves
      i += literal.length;
      atom({ kind: 'atom', source: literal === '.' ? '.' : escapeLiteral(literal) });
    }
    branches.push(seq);
    return branches;
  };

  const branches = readAlternatives(0);
  return { branches, anchored: branches.every((_, n) => anchoredBranches.has(n)) };
}

const escapeLiteral = (c: string): string => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c);
